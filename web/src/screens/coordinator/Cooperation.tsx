// The cooperation map drawn as a network (cytoscape), with the same data as a table for people
// who use a screen reader or prefer numbers. Opens on the last complete quarter; the period applies
// on Enter or on leaving the field; a hidden (suppressed) count is a dotted edge and reads "skryto".
import type { components } from '@spolu/client';
import { dataOf } from '@spolu/client';
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';
import { Hidden, PeriodForm, ScrollRegion } from './parts';
import { defaultPeriod } from './period';

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
          data: {
            id: `e${i}`,
            source: e.from,
            target: e.to,
            weight: e.weight ?? 1,
            kind: e.kind,
            suppressed: e.weight === null ? 'yes' : 'no',
          },
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
        {
          selector: 'edge[suppressed = "yes"]',
          style: { 'line-style': 'dotted', width: 2 },
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
  const [period, setPeriod] = useState(defaultPeriod);
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
      <PeriodForm period={period} onApply={setPeriod} />
      <Await loaded={map}>
        {(data) => (
          <>
            <Network map={data} names={names} />
            <p className="hint">
              {t('coordinator.hiddenLegend')} {t('coordinator.hiddenEdge')}
            </p>
            <ScrollRegion label={t('stats.cooperationTitle')}>
              <table>
                <caption className="visually-hidden">
                  {t('stats.cooperationTitle')} · {data.period}
                </caption>
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
                      {e.weight === null ? (
                        <td className="suppressed">
                          <Hidden />
                        </td>
                      ) : (
                        <td className="num">{e.weight}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </Await>
    </Page>
  );
}
