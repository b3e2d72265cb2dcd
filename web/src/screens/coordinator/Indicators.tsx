// Indicators for community planning: one shared definition per indicator (shown with the table),
// filters for period and breakdown, suppressed cells shown as such, a chart where a picture reads
// faster than a table, and the CSV export with the definitions. The period opens on the last
// complete quarter; the two-way table scrolls sideways in a focusable region with its row header
// and total column kept in view; a hidden (suppressed) value reads "skryto" in the table and is
// drawn as a hatched outline in the chart, never as 0 or an empty bar.
import type { paths } from '@spolu/client';
import { dataOf } from '@spolu/client';
import type { stats } from '@spolu/contracts';

import { districtsOf } from '@spolu/contracts';
import type { RegionCode } from '@spolu/contracts';
import type { Plugin } from 'chart.js';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { FormattedNumber } from 'react-intl';
import { useApp, useLoad } from '../../api/context';
import { needName, serviceTypeName, targetGroupName } from '../../i18n/values';
import type { Locale } from '../../i18n/locale';
import { useLabel, useLocale, useT } from '../../i18n/locale';
import { Field, ProblemAlert } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { downloadCsv } from './csv';
import { Hidden, PeriodField, ScrollRegion } from './parts';
import { defaultPeriod } from './period';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const useKeyName = () => {
  const { locale } = useLocale();
  const { config } = useApp();
  const label = useLabel();
  const districts = districtsOf(config.region as RegionCode);
  return (dimension: string | undefined, key: string) => {
    switch (dimension) {
      case 'district':
        return districts.find((d) => d.code === key)?.name ?? key;
      case 'serviceType':
        return serviceTypeName(key as Parameters<typeof serviceTypeName>[0], locale as Locale) ?? key;
      case 'targetGroup':
        return targetGroupName(key as Parameters<typeof targetGroupName>[0], locale as Locale) ?? key;
      case 'need':
        return needName(key, locale);
      case 'intervention':
        return label('intervention', key);
      case 'sex':
        return label('sex', key);
      case 'reason':
        return label('reason', key);
      case 'test':
        return label('test', key);
      default:
        return key;
    }
  };
};

const Cell = ({ cell, className }: { cell: stats.CellValue; className?: string }) => {
  const t = useT();
  const extra = className ? ` ${className}` : '';
  if (cell.value === null)
    return (
      <td className={`suppressed${extra}`}>
        <Hidden />
      </td>
    );
  return (
    <td className={`num${extra}`}>
      <FormattedNumber value={cell.value} />
      {cell.median != null && (
        <span className="muted"> ({t('stats.median', { median: cell.median, p90: cell.p90 ?? '–' })})</span>
      )}
    </td>
  );
};

/** A diagonal hatch for hidden bars (a pattern, so it reads without colour). */
const hatch = (ctx: CanvasRenderingContext2D): CanvasPattern | string => {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const c = tile.getContext('2d');
  if (!c) return '#c9d1d9';
  c.fillStyle = '#ffffff';
  c.fillRect(0, 0, 8, 8);
  c.strokeStyle = '#5b6875';
  c.lineWidth = 1.5;
  c.beginPath();
  c.moveTo(0, 8);
  c.lineTo(8, 0);
  c.moveTo(-2, 2);
  c.lineTo(2, -2);
  c.moveTo(6, 10);
  c.lineTo(10, 6);
  c.stroke();
  return ctx.createPattern(tile, 'repeat') ?? '#c9d1d9';
};

/** Writes the word for a hidden value next to its hatched bar. */
const hiddenLabels = (word: string): Plugin<'bar'> => ({
  id: 'spoluHiddenLabels',
  afterDatasetsDraw(chart) {
    const meta = chart.getDatasetMeta(1);
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#3d4852';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    meta.data.forEach((bar, i) => {
      if (chart.data.datasets[1]?.data[i] == null) return;
      const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
      ctx.fillText(word, x + 6, y);
    });
    ctx.restore();
  },
});

const BarChart = ({
  labels,
  values,
  title,
}: {
  labels: string[];
  values: (number | null)[];
  title: string;
}) => {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const word = t('coordinator.hidden');
  const why = t('coordinator.hiddenWhy');
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    // A hidden value gets a placeholder bar of a fixed, modest length (a fifth of the largest
    // published value): hatched and outlined, labelled "skryto", its tooltip says why.
    const largest = Math.max(1, ...values.map((v) => v ?? 0));
    const placeholder = values.map((v) => (v === null ? largest / 5 : null));
    const chart = new Chart(el, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: title, data: values, backgroundColor: '#1f5f8b' },
          {
            label: why,
            data: placeholder,
            backgroundColor: hatch(ctx),
            borderColor: '#5b6875',
            borderWidth: 1,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { right: 56 } },
        scales: {
          x: { stacked: true, beginAtZero: true },
          // Long names are shortened on the axis (the tooltip and the table give them whole).
          y: {
            stacked: true,
            ticks: {
              callback(value) {
                const label = this.getLabelForValue(Number(value));
                return label.length > 22 ? `${label.slice(0, 21)}…` : label;
              },
            },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => (item.datasetIndex === 1 ? why : `${title}: ${item.formattedValue}`),
            },
          },
        },
      },
      plugins: [hiddenLabels(word)],
    });
    return () => chart.destroy();
  }, [labels, values, title, word, why]);
  const hidden = values.some((v) => v === null);
  return (
    <figure className="coordinator-chart">
      <div className="chart" style={{ height: `${Math.max(160, labels.length * 28)}px` }}>
        <canvas ref={canvas} role="img" aria-label={t('coordinator.chartAlt', { name: title })} />
      </div>
      {hidden && (
        <figcaption className="hint">
          <span className="legend-hidden" aria-hidden="true" /> {t('coordinator.hiddenChart')}
        </figcaption>
      )}
    </figure>
  );
};

const blank: stats.CellValue = { value: null };
/** A row's figure: its total over the columns, or its only cell when there are no columns. */
const rowValue = (table: stats.StatsTable, i: number): stats.CellValue =>
  (table.columnKeys.length > 0 ? table.rowTotals[i] : (table.cells[i]?.[0] ?? table.rowTotals[i])) ?? blank;

const TableView = ({ table }: { table: stats.StatsTable }) => {
  const t = useT();
  const { locale } = useLocale();
  const name = locale === 'cs' ? table.definition.nameCs : table.definition.name;
  const keyName = useKeyName();
  const cols = table.columnKeys.length > 0 ? table.columnKeys : [''];
  // A chart of hidden values only would show nothing but placeholders.
  const chartable =
    table.rowKeys.length > 1 && table.rowKeys.some((_, i) => rowValue(table, i).value !== null);
  return (
    <>
      <p className="hint">{t('stats.suppressedHint', { threshold: table.threshold })}</p>
      <p className="hint">{t('coordinator.hiddenLegend')}</p>
      <ScrollRegion label={t('coordinator.tableRegion')}>
        <table
          className="coordinator-table"
          style={{ minWidth: `${(cols.length + (table.columnKeys.length > 0 ? 2 : 1)) * 6.5}rem` }}
        >
          <caption>
            {name} · {table.period}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="sticky-start">
                {table.rows ? t(`dim.${table.rows}`) : ''}
              </th>
              {cols.map((c) => (
                <th key={c} scope="col" className={c ? undefined : 'sticky-end'}>
                  {c ? keyName(table.columns, c) : t('stats.total')}
                </th>
              ))}
              {table.columnKeys.length > 0 && (
                <th scope="col" className="sticky-end">
                  {t('stats.total')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {table.rowKeys.map((r, i) => (
              <tr key={r}>
                <th scope="row" className="sticky-start">
                  {keyName(table.rows, r)}
                </th>
                {table.columnKeys.length > 0 ? (
                  <>
                    {table.columnKeys.map((c, j) => (
                      <Cell key={c} cell={table.cells[i]?.[j] ?? blank} />
                    ))}
                    <Cell cell={table.rowTotals[i] ?? blank} className="sticky-end" />
                  </>
                ) : (
                  <Cell cell={rowValue(table, i)} className="sticky-end" />
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="sticky-start">
                {t('stats.total')}
              </th>
              {table.columnKeys.length > 0 && table.columnTotals.map((c, j) => <Cell key={j} cell={c} />)}
              <Cell cell={table.total} className="sticky-end" />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      {chartable && (
        <BarChart
          title={name}
          labels={table.rowKeys.map((r) => keyName(table.rows, r))}
          values={table.rowKeys.map((_, i) => rowValue(table, i).value)}
        />
      )}
    </>
  );
};

type TableParams = paths['/stats/indicators/{indicator}/table']['get']['parameters'];
/** What the table shows: an indicator for a period, broken down by rows (and columns). */
interface TableQuery {
  indicator: TableParams['path']['indicator'];
  period: string;
  rows?: NonNullable<TableParams['query']>['rows'];
  columns?: NonNullable<TableParams['query']>['columns'];
}

export default function Indicators() {
  const t = useT();
  const { locale } = useLocale();
  const { api, session } = useApp();
  const definitions = useLoad((a) => a.GET('/stats/indicators').then(dataOf), []);
  const [form, setForm] = useState<TableQuery>({
    indicator: 'clients',
    period: defaultPeriod(),
    rows: 'district',
    columns: undefined,
  });
  const [query, setQuery] = useState(form);
  const [error, setError] = useState<Error>();
  const view = session?.roles.includes('regional-coordinator') ? 'region' : 'own';
  const table = useLoad(
    (a) =>
      a
        .GET('/stats/indicators/{indicator}/table', {
          params: {
            path: { indicator: query.indicator },
            query: { period: query.period, rows: query.rows, columns: query.columns, view },
          },
        })
        .then(dataOf),
    [query.indicator, query.period, query.rows, query.columns, view],
  );
  return (
    <Page title={t('stats.title')}>
      <Await loaded={definitions}>
        {(defs) => {
          const def = defs.items.find((d) => d.id === form.indicator);
          const breakdowns = def?.dimensions ?? [];
          const rowOptions = [...new Set(breakdowns.flatMap(([rows]) => (rows ? [rows] : [])))];
          const colOptions = [
            ...new Set(
              breakdowns.flatMap(([rows, columns]) => (rows === form.rows && columns ? [columns] : [])),
            ),
          ];
          const onSubmit = (e: FormEvent) => {
            e.preventDefault();
            setQuery({ ...form, period: form.period.trim() });
          };
          const exportCsv = () =>
            api
              .GET('/stats/exports/{table}', {
                params: { path: { table: 'indicator' }, query: { ...query, view, lang: locale } },
                parseAs: 'text',
              })
              .then((csv) => downloadCsv(dataOf(csv), `${query.indicator}-${query.period}.csv`))
              .catch((err: Error) => setError(err));
          return (
            <>
              <form onSubmit={onSubmit} className="card filters" noValidate>
                <Field label={t('stats.indicator')}>
                  {(p) => (
                    <select
                      {...p}
                      value={form.indicator}
                      onChange={(e) =>
                        setForm({
                          ...form,
                          indicator: defs.items.find((d) => d.id === e.target.value)?.id ?? form.indicator,
                          rows: undefined,
                          columns: undefined,
                        })
                      }
                    >
                      {defs.items.map((d) => (
                        <option key={d.id} value={d.id} disabled={!d.available}>
                          {locale === 'cs' ? d.nameCs : d.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <PeriodField
                  value={form.period}
                  onChange={(period) => setForm({ ...form, period })}
                  onBlur={() => setQuery((q) => ({ ...q, period: form.period.trim() }))}
                />
                <Field label={t('stats.rows')}>
                  {(p) => (
                    <select
                      {...p}
                      value={form.rows ?? ''}
                      onChange={(e) =>
                        setForm({
                          ...form,
                          rows: rowOptions.find((d) => d === e.target.value),
                          columns: undefined,
                        })
                      }
                    >
                      <option value="">{t('stats.noDimension')}</option>
                      {rowOptions.map((d) => (
                        <option key={d} value={d}>
                          {t(`dim.${d}` as 'dim.district')}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('stats.columns')}>
                  {(p) => (
                    <select
                      {...p}
                      value={form.columns ?? ''}
                      onChange={(e) =>
                        setForm({ ...form, columns: colOptions.find((d) => d === e.target.value) })
                      }
                    >
                      <option value="">{t('stats.noDimension')}</option>
                      {colOptions.map((d) => (
                        <option key={d} value={d}>
                          {t(`dim.${d}` as 'dim.district')}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="actions">
                  <button type="submit" className="primary">
                    {t('stats.show')}
                  </button>
                  <button type="button" onClick={() => void exportCsv()}>
                    {t('stats.exportCsv')}
                  </button>
                </div>
              </form>
              <ProblemAlert error={error} />
              {def && (
                <details className="definition">
                  <summary>{t('stats.definition')}</summary>
                  <p>{t(`coordinator.formula.${def.id}`)}</p>
                  <p className="muted">{t('coordinator.when', { when: t(`coordinator.when.${def.id}`) })}</p>
                </details>
              )}
              <Await loaded={table}>{(data) => <TableView table={data} />}</Await>
            </>
          );
        }}
      </Await>
    </Page>
  );
}
