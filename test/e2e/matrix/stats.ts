// Matrix fixtures for stats: region figures are published (suppressed) to every stats reader, so
// coordinators and other providers legitimately get 200; platform ops hold no stats scope.
import type { RouteFixture } from './fixtures';

const period = () => new Date().toISOString().slice(0, 7);
const year = () => String(new Date().getUTCFullYear());
const regionFigures = 'region-wide anonymised, suppressed statistics are published to every stats reader';
const allow = { coordinator: regionFigures, tenantB: regionFigures };

export const statsMatrixFixtures: Record<string, RouteFixture> = {
  'stats.listIndicators': { build: async () => ({}), regionWide: true, allow },
  'stats.getIndicator': {
    build: async () => ({ params: { indicator: 'clients' } }),
    regionWide: true,
    allow,
  },
  'stats.getTable': {
    build: async () => ({ params: { indicator: 'clients' }, query: { period: period(), rows: 'district' } }),
    regionWide: true,
    allow,
  },
  // National figures (docs/NATIONAL.md): the national coordinator's only; a regional coordinator
  // holds the stats scope but not the role (403), platform ops not the scope.
  'stats.getNationalTable': {
    build: async () => ({
      params: { indicator: 'clients' },
      query: { period: period(), rows: 'serviceType' },
    }),
    regionWide: true,
    allow: {
      tenantB:
        "national figures are no tenant's records: the national coordinator's role reads them whatever tenant the token names",
    },
  },
  'stats.getGaps': { build: async () => ({ query: { period: period() } }), regionWide: true, allow },
  'stats.getCooperation': { build: async () => ({ query: { period: period() } }), regionWide: true, allow },
  // A provider's exact annual figures: its own staff only (the route refuses everyone else).
  'stats.getAnnualReport': {
    build: async (w) => ({ params: { providerId: w.providerA }, query: { year: year() } }),
  },
  'stats.exportAnnualReport': {
    build: async (w) => ({ params: { providerId: w.providerA }, query: { year: year() } }),
  },
  'stats.exportCsv': {
    build: async () => ({ params: { table: 'definitions' } }),
    regionWide: true,
    allow,
  },
};
