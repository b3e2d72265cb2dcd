// Indicators for community planning: one shared definition per indicator (shown with the table),
// filters for period and breakdown, suppressed cells shown as such, a chart where a picture reads
// faster than a table, and the CSV export with the definitions.
import type { paths } from '@spolu/client';
import { dataOf } from '@spolu/client';
import type { stats } from '@spolu/contracts';

import { districtsOf } from '@spolu/contracts';
import type { RegionCode } from '@spolu/contracts';
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
import { currentMonth, downloadCsv } from './csv';

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

const Cell = ({ cell, header }: { cell: stats.CellValue; header?: boolean }) => {
  const t = useT();
  const Tag = header ? 'th' : 'td';
  if (cell.value === null)
    return (
      <Tag className="suppressed" title={t('stats.suppressed')}>
        <span aria-hidden="true">•</span>
        <span className="visually-hidden">{t('stats.suppressed')}</span>
      </Tag>
    );
  return (
    <Tag className="num">
      <FormattedNumber value={cell.value} />
      {cell.median != null && (
        <span className="muted"> ({t('stats.median', { median: cell.median, p90: cell.p90 ?? '–' })})</span>
      )}
    </Tag>
  );
};

const BarChart = ({
  labels,
  values,
  title,
}: {
  labels: string[];
  values: (number | null)[];
  title: string;
}) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label: title, data: values, backgroundColor: '#1f5f8b' }] },
      options: { indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false },
    });
    return () => chart.destroy();
  }, [labels, values, title]);
  return (
    <div className="chart" style={{ height: `${Math.max(160, labels.length * 28)}px` }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
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
  // A chart of suppressed cells would only draw empty bars.
  const chartable =
    table.rowKeys.length > 1 && table.rowKeys.some((_, i) => rowValue(table, i).value !== null);
  return (
    <>
      <p className="hint">{t('stats.suppressedHint', { threshold: table.threshold })}</p>
      <div className="table-scroll">
        <table>
          <caption>
            {name} · {table.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">{table.rows ? t(`dim.${table.rows}`) : ''}</th>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {c ? keyName(table.columns, c) : t('stats.total')}
                </th>
              ))}
              {table.columnKeys.length > 0 && <th scope="col">{t('stats.total')}</th>}
            </tr>
          </thead>
          <tbody>
            {table.rowKeys.map((r, i) => (
              <tr key={r}>
                <th scope="row">{keyName(table.rows, r)}</th>
                {table.columnKeys.length > 0 ? (
                  <>
                    {table.columnKeys.map((c, j) => (
                      <Cell key={c} cell={table.cells[i]?.[j] ?? blank} />
                    ))}
                    <Cell cell={table.rowTotals[i] ?? blank} />
                  </>
                ) : (
                  <Cell cell={rowValue(table, i)} />
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('stats.total')}</th>
              {table.columnKeys.length > 0 && table.columnTotals.map((c, j) => <Cell key={j} cell={c} />)}
              <Cell cell={table.total} />
            </tr>
          </tfoot>
        </table>
      </div>
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
    period: currentMonth(),
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
            setQuery(form);
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
                <Field label={t('stats.period')} hint="2026-11 · 2026-Q4 · 2026">
                  {(p) => (
                    <input
                      {...p}
                      value={form.period}
                      onChange={(e) => setForm({ ...form, period: e.target.value })}
                    />
                  )}
                </Field>
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
                  <p>{def.formula}</p>
                  <p className="muted">{def.period}</p>
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
