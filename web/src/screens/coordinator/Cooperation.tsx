// The cooperation map drawn as a network (cytoscape), with the same data as a table for people
// who use a screen reader or prefer numbers.
import type { components } from '@spolu/client';
import { dataOf } from '@spolu/client';
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { currentMonth } from './csv';

type Map = components['schemas']['StatsCooperationMap'];

const Network = ({ map, names }: { map: Map; names: Record<string, string> }) => {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...map.nodes.map((n) => ({ data: { id: n.id, label: names[n.id] ?? n.id } })),
        ...map.edges.map((e, i) => ({
          data: { id: `e${i}`, source: e.from, target: e.to, weight: e.weight ?? 1, kind: e.kind },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            'background-color': '#1f5f8b',
            'text-wrap': 'wrap',
            'text-max-width': '120px',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 'mapData(weight, 1, 20, 1, 8)',
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'line-color': '#7a8a99',
            'target-arrow-color': '#7a8a99',
          },
        },
        {
          selector: 'edge[kind = "shared-care"]',
          style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' },
        },
      ],
      layout: { name: 'circle' },
      userZoomingEnabled: false,
    });
    return () => cy.destroy();
  }, [map, names]);
  return <div ref={box} className="network" aria-hidden="true" />;
};

export default function Cooperation() {
  const t = useT();
  const [period, setPeriod] = useState(currentMonth);
  const map = useLoad(
    (api) => api.GET('/stats/cooperation', { params: { query: { period } } }).then(dataOf),
    [period],
  );
  const providers = useLoad(
    (api) => api.GET('/providers', { params: { query: { limit: 100 } } }).then(dataOf),
    [],
  );
  const names = Object.fromEntries((providers.data?.items ?? []).map((p) => [p.id, p.name]));
  return (
    <Page title={t('stats.cooperationTitle')}>
      <Field label={t('stats.period')} hint="2026-11 · 2026-Q4 · 2026">
        {(p) => <input {...p} defaultValue={period} onBlur={(e) => setPeriod(e.target.value)} />}
      </Field>
      <Await loaded={map}>
        {(data) => (
          <>
            <Network map={data} names={names} />
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('stats.from')}</th>
                  <th scope="col">{t('stats.to')}</th>
                  <th scope="col">{t('stats.kind')}</th>
                  <th scope="col">{t('stats.weight')}</th>
                </tr>
              </thead>
              <tbody>
                {data.edges.map((e, i) => (
                  <tr key={i}>
                    <td>{names[e.from] ?? e.from}</td>
                    <td>{names[e.to] ?? e.to}</td>
                    <td>{t(`stats.edge.${e.kind}`)}</td>
                    <td className="num">{e.weight ?? t('stats.suppressed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Await>
    </Page>
  );
}
