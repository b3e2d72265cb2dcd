// Read API: definitions, suppressed tables, gaps, cooperation map and CSV exports. Everything is
// read from precomputed cells (a query per event type feeding the indicator and per dimension set
// shown), never from events. CSV exports answer text/csv.
import type { AgeBand, stats } from '@spolu/contracts';
import { statsRoutes as r } from '@spolu/contracts';
import type { AuthContext, RuntimeEnv } from '@spolu/platform';
import { DomainRuleViolation, forbidden, hasAnyRole, httpApi, implement } from '@spolu/platform';
import type { CsvOptions } from '../domain/csv';
import { annualCsv, cooperationCsv, definitionsCsv, gapsCsv, tableCsv } from '../domain/csv';
import { annualReads, annualReportOf } from '../domain/annual';
import { dimSetName } from '../domain/cells';
import { cooperationFamilies, definitions, definitionOf, familiesOf } from '../domain/definitions';
import { cooperationOf } from '../domain/cooperation';
import { gapsDefinition, gapsDimensions, gapsOf } from '../domain/gaps';
import { buildTable, tableDimSets } from '../domain/tables';
import { nationalTable } from '../national';
import { createStore } from '../store';

const defaultThreshold = 5;
/** `per-table` brings back the old per-table suppression: it leaks across tables and periods and
 * exists only so the disclosure auditor's own test can show that it finds the leak. */
const disclosureOf = (env: RuntimeEnv) =>
  env.settings.STATS_DISCLOSURE === 'per-table' ? ('per-table' as const) : ('cell-key' as const);
const thresholdOf = (env: RuntimeEnv) => {
  const t = Number(env.settings.STATS_SMALL_CELL_THRESHOLD ?? defaultThreshold);
  return Number.isInteger(t) && t >= 1 ? t : defaultThreshold;
};

/** The own view belongs to providers' staff: a coordinator has no provider figures of its own. */
const ownProvider = (auth: AuthContext) => {
  if (!hasAnyRole(auth, ['provider-admin', 'worker', 'key-worker']) || !auth.tenantId)
    throw forbidden("the own view is for a provider's staff");
  return auth.tenantId;
};

export const handler = httpApi('stats', (env) => {
  const store = createStore(env);
  const threshold = thresholdOf(env);

  // Every period (month, quarter, year) has its own counters: one query per event type feeding
  // the indicator and dimension set shown, nothing summed over months.
  const cellsOf = (indicator: stats.IndicatorId, period: string, dimSets: string[]) =>
    store.cells(indicator, period, familiesOf(indicator), dimSets);

  const table = async (indicator: stats.IndicatorId, q: stats.TableQueryOutput, auth: AuthContext) => {
    const provider = q.view === 'own' ? ownProvider(auth) : undefined;
    const cells = await cellsOf(indicator, q.period, tableDimSets({ indicator, ...q }));
    return {
      region: env.region,
      ...buildTable({ indicator, ...q, provider, threshold, disclosure: disclosureOf(env) }, cells),
    };
  };
  const gaps = async (period: string, overloadedWaitingDays: number, ageBand?: AgeBand) => {
    const [cells, services] = await Promise.all([
      // With the twin by provider: the providers' shares of each demand cell (insider rule).
      cellsOf('needs-assessed', period, [
        dimSetName(gapsDimensions),
        dimSetName(['provider', ...gapsDimensions]),
      ]),
      store.services(),
    ]);
    return {
      region: env.region,
      period,
      threshold,
      definition: gapsDefinition,
      items: gapsOf(cells, services, {
        threshold,
        overloadedWaitingDays,
        ageBand,
        disclosure: disclosureOf(env),
      }),
    };
  };
  const cooperation = async (period: string) => ({
    region: env.region,
    period,
    ...cooperationOf(
      await store.cells('cooperation', period, cooperationFamilies, ['edge']),
      threshold,
      disclosureOf(env),
    ),
  });

  /** A provider's own annual figures per service, exact: its own staff only (the route admits
   * staff roles; another provider's staff are refused here). */
  const annualReport = async (providerId: string, year: string, auth: AuthContext) => {
    if (auth.tenantId !== providerId) throw forbidden("a provider's annual figures are for its own staff");
    const [reads, services] = await Promise.all([
      Promise.all(
        annualReads.map(
          async ({ indicator, dimSet }) =>
            [`${indicator}|${dimSet}`, await cellsOf(indicator, year, [dimSet])] as const,
        ),
      ),
      store.services(),
    ]);
    return { region: env.region, ...annualReportOf(providerId, year, new Map(reads), services) };
  };

  return [
    implement(r.getAnnualReport, async ({ params, query, auth }) => ({
      body: await annualReport(params.providerId, query.year, auth),
    })),
    implement(r.exportAnnualReport, async ({ params, query, auth }) => {
      const report = await annualReport(params.providerId, query.year, auth);
      const providerName = (await store.services()).find(
        (s) => s.providerId === params.providerId && s.providerName,
      )?.providerName;
      return {
        body: annualCsv(report, { delimiter: query.delimiter, lang: query.lang }, providerName),
        headers: {
          'content-disposition': `attachment; filename="${env.region}-annual-${query.year}.csv"`,
        },
      };
    }),
    implement(r.listIndicators, async () => ({ body: { items: definitions } })),
    implement(r.getIndicator, async ({ params }) => ({ body: definitionOf(params.indicator) })),
    implement(r.getTable, async ({ params, query, auth }) => ({
      body: await table(params.indicator, query, auth),
    })),
    // National figures (docs/NATIONAL.md): the national coordinator only (the route's role).
    implement(r.getNationalTable, async ({ params, query }) => ({
      body: await nationalTable(env, params.indicator, query, threshold),
    })),
    implement(r.getGaps, async ({ query }) => ({
      body: await gaps(query.period, query.overloadedWaitingDays, query.ageBand),
    })),
    implement(r.getCooperation, async ({ query }) => ({ body: await cooperation(query.period) })),
    implement(r.exportCsv, async ({ params, query, auth }) => {
      const needPeriod = () => {
        if (!query.period)
          throw new DomainRuleViolation('period-required', 'period is required', 'query.period');
        return query.period;
      };
      const o: CsvOptions = { delimiter: query.delimiter, lang: query.lang };
      const providerNames = async () =>
        new Map(
          (await store.services()).flatMap((s) =>
            s.providerName ? [[s.providerId, s.providerName] as const] : [],
          ),
        );
      let csv: string;
      let name: string;
      switch (params.table) {
        case 'definitions':
          name = 'indicator-definitions';
          csv = definitionsCsv(definitions, o);
          break;
        case 'indicator': {
          if (!query.indicator)
            throw new DomainRuleViolation('indicator-required', 'indicator is required', 'query.indicator');
          const { indicator, rows, columns, view } = query;
          const t = await table(
            indicator,
            { period: needPeriod(), rows, columns, view: view ?? 'region' },
            auth,
          );
          name = `${t.indicator}-${t.period}`;
          const byProvider = t.rows === 'provider' || t.columns === 'provider';
          csv = tableCsv(t, o, byProvider ? await providerNames() : undefined);
          break;
        }
        case 'gaps': {
          const g = await gaps(needPeriod(), query.overloadedWaitingDays ?? 30, query.ageBand);
          name = `gaps-${g.period}`;
          csv = gapsCsv(g, o);
          break;
        }
        case 'cooperation': {
          const m = await cooperation(needPeriod());
          name = `cooperation-${m.period}`;
          csv = cooperationCsv(m, o, await providerNames());
          break;
        }
      }
      // The CSV itself (text/csv, declared by the route), named for a download.
      return {
        body: csv,
        headers: { 'content-disposition': `attachment; filename="${env.region}-${name}.csv"` },
      };
    }),
  ];
});
