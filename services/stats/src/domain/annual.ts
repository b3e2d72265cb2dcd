// A provider's annual figures per service (the Ministry's yearly statement, grant applications):
// read from the provider's own cells kept per service (definitions.ts, annualDimensions), exact —
// they are the provider's own figures and go to its own staff only. Pure: the handler passes the
// cells and the directory's public service facts in.
import type { stats } from '@spolu/contracts';
import { ServiceType } from '@spolu/contracts';
import type { ServiceSupply } from '../store';
import { dimSetName, factsOfCell } from './cells';
import { annualDimensions } from './definitions';
import { histogramOf, percentile } from './histogram';

type Dimension = stats.Dimension;
type Cells = Map<string, Record<string, number>>;

/** What the report reads: one indicator in one dimension set per entry (for the year). */
export const annualReads = (Object.entries(annualDimensions) as [stats.IndicatorId, Dimension[][]][]).flatMap(
  ([indicator, sets]) => sets.map((set) => ({ indicator, dimSet: dimSetName(set) })),
);
export const readKey = (indicator: stats.IndicatorId, dims: readonly Dimension[]) =>
  `${indicator}|${dimSetName(dims)}`;

export const annualReportOf = (
  providerId: string,
  year: string,
  reads: ReadonlyMap<string, Cells>,
  services: readonly ServiceSupply[],
): Omit<stats.AnnualReport, 'region'> => {
  /** The provider's cells of one read, by service: facts and the stored counters. */
  const own = (indicator: stats.IndicatorId, dims: readonly Dimension[]) =>
    [...(reads.get(readKey(indicator, dims)) ?? new Map<string, Record<string, number>>())]
      .map(([id, item]) => ({ facts: factsOfCell(id), item }))
      .filter(({ facts, item }) => facts.provider === providerId && (item.n ?? 0) > 0);
  const total = (indicator: stats.IndicatorId, service: string) =>
    own(indicator, ['provider', 'service'])
      .filter(({ facts }) => facts.service === service)
      .reduce((n, { item }) => n + (item.n ?? 0), 0);
  const by = (indicator: stats.IndicatorId, dim: Dimension, service: string, only?: string) =>
    Object.fromEntries(
      own(indicator, ['provider', 'service', dim])
        .filter(({ facts }) => facts.service === service && (only === undefined || facts[dim] === only))
        .map(({ facts, item }) => [facts[dim]!, item.n ?? 0] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const waiting = (indicator: 'wait-sent-to-accepted' | 'wait-sent-to-started', service: string) => {
    const cell = own(indicator, ['provider', 'service']).find(({ facts }) => facts.service === service);
    const h = cell ? histogramOf(cell.item) : {};
    return { count: cell?.item.n ?? 0, median: percentile(h, 50), p90: percentile(h, 90) };
  };

  // Every service of the provider in the directory (zeros included: the statement lists them
  // all), and any service its figures name that the directory no longer lists.
  const known = new Map(services.filter((s) => s.providerId === providerId).map((s) => [s.serviceId, s]));
  const counted = annualReads.flatMap(({ indicator, dimSet }) =>
    own(indicator, dimSet.split('+') as Dimension[]).map(({ facts }) => facts.service!),
  );
  const ids = [...new Set([...known.keys(), ...counted])];
  const rows = ids.map((serviceId) => {
    const s = known.get(serviceId);
    const type = ServiceType.safeParse(s?.type);
    return {
      serviceId,
      registryId: s?.registryId ?? null,
      name: s?.serviceName ?? null,
      serviceType: type.success ? type.data : null,
      clients: total('clients', serviceId),
      clientsBySex: by('clients', 'sex', serviceId),
      clientsByAgeBand: by('clients', 'ageBand', serviceId),
      contacts: total('contacts', serviceId),
      interventions: by('interventions', 'intervention', serviceId),
      refusedNoCapacity: by('referrals-declined', 'reason', serviceId, 'no-capacity')['no-capacity'] ?? 0,
      waitSentToAccepted: waiting('wait-sent-to-accepted', serviceId),
      waitSentToStarted: waiting('wait-sent-to-started', serviceId),
    };
  });
  rows.sort(
    (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'cs') || a.serviceId.localeCompare(b.serviceId),
  );
  return { providerId, year, services: rows };
};
