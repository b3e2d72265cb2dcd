import { Scopes } from '../auth';
import { defineRoute } from '../http';
import * as z from 'zod';
import {
  AnnualReport,
  AnnualReportExportQuery,
  AnnualReportParams,
  AnnualReportQuery,
  CooperationMap,
  CooperationQuery,
  CsvExport,
  ExportParams,
  ExportQuery,
  GapsQuery,
  GapsReport,
  IndicatorDefinition,
  IndicatorId,
  IndicatorList,
  NationalStatsTable,
  NationalTableQuery,
  StatsTable,
  TableQuery,
} from './schemas';

const scopes = [Scopes.statsRead];
// No clientData: nothing here is client-level. Workers and admins see the region (with
// disclosure control) and their own provider's figures exact.
const roles = ['regional-coordinator', 'provider-admin', 'worker', 'key-worker'] as const;
const tags = ['stats'];
/** A provider's own annual figures: its staff only (a coordinator has no provider figures). */
const staffRoles = ['provider-admin', 'worker', 'key-worker'] as const;
/** National figures (docs/NATIONAL.md): the national coordinator only, read-only. */
const nationalRoles = ['national-coordinator'] as const;

export const statsRoutes = {
  listIndicators: defineRoute({
    id: 'stats.listIndicators',
    method: 'GET',
    path: '/stats/indicators',
    summary: 'Every indicator with its one shared definition (formula, events, period)',
    scopes,
    roles,
    response: IndicatorList,
    tags,
  }),
  getIndicator: defineRoute({
    id: 'stats.getIndicator',
    method: 'GET',
    path: '/stats/indicators/{indicator}',
    summary: 'One indicator definition',
    scopes,
    roles,
    params: z.strictObject({ indicator: IndicatorId }),
    response: IndicatorDefinition,
    tags,
  }),
  getTable: defineRoute({
    id: 'stats.getTable',
    method: 'GET',
    path: '/stats/indicators/{indicator}/table',
    summary: 'An indicator for a period, by up to two dimensions, with disclosure control',
    description:
      "Precomputed cells only (reads do not grow with events). Region view: every figure carries a fixed noise of at most ±2 (cell key); figures below the threshold are hidden, and so is a cell where the providers other than its largest contributor hold only a few (the insider rule); totals are counted on their own, so cells do not add up. The same query always returns the same figures. Own view: the caller provider's figures, exact.",
    scopes,
    roles,
    params: z.strictObject({ indicator: IndicatorId }),
    query: TableQuery,
    response: StatsTable,
    tags,
  }),
  getNationalTable: defineRoute({
    id: 'stats.getNationalTable',
    method: 'GET',
    path: '/stats/national/indicators/{indicator}/table',
    summary: "A national indicator table: the regions' exported cells added up, with disclosure control",
    description:
      "The national statistics view (docs/NATIONAL.md), for the national coordinator only. Each region exports its exact cell counts (no client data, no subject keys); national cells are their sums (unique clients: the sum of the regions' distinct counts, since subject keys cannot be linked across regions). Published like a region's table: a fixed noise of at most ±2 from the national stack's own cell key, hidden below the threshold, and hidden when the regions other than the largest contributor hold only a few (the insider rule per region).",
    scopes,
    roles: nationalRoles,
    params: z.strictObject({ indicator: IndicatorId }),
    query: NationalTableQuery,
    response: NationalStatsTable,
    tags,
  }),
  getGaps: defineRoute({
    id: 'stats.getGaps',
    method: 'GET',
    path: '/stats/gaps',
    summary: 'Needs x districts x target groups with demand and missing or overloaded supply',
    scopes,
    roles,
    query: GapsQuery,
    response: GapsReport,
    tags,
  }),
  getCooperation: defineRoute({
    id: 'stats.getCooperation',
    method: 'GET',
    path: '/stats/cooperation',
    summary: 'Cooperation map: providers as nodes, referrals and shared care as weighted edges',
    scopes,
    roles,
    query: CooperationQuery,
    response: CooperationMap,
    tags,
  }),
  exportCsv: defineRoute({
    id: 'stats.exportCsv',
    method: 'GET',
    path: '/stats/exports/{table}',
    summary: 'CSV export of a table, the gaps report, the cooperation map or the definitions',
    description:
      'The response is the CSV itself (text/csv; charset=utf-8, with a byte-order mark) with a Content-Disposition file name: `;`-separated for Czech spreadsheets unless delimiter=comma (RFC 4180), the header on the first line, Czech names next to the codes unless lang=en. The definitions of the figures are the `definitions` export.',
    scopes,
    roles,
    params: ExportParams,
    query: ExportQuery.partial({ period: true }),
    response: CsvExport,
    responseMediaType: 'text/csv',
    tags,
  }),
  getAnnualReport: defineRoute({
    id: 'stats.getAnnualReport',
    method: 'GET',
    path: '/stats/providers/{providerId}/annual-report',
    summary: "A provider's own annual figures per service, exact (its staff only)",
    description:
      "For the Ministry's yearly statement and grant applications: per service of the provider (registry id, § type) unique clients, clients by sex and age band, contacts, interventions by kind, referrals declined for lack of capacity and waiting times, from the provider's own view, without disclosure control. Only the provider's own staff: a coordinator or another provider's staff get 403.",
    scopes,
    roles: staffRoles,
    params: AnnualReportParams,
    query: AnnualReportQuery,
    response: AnnualReport,
    tags,
  }),
  exportAnnualReport: defineRoute({
    id: 'stats.exportAnnualReport',
    method: 'GET',
    path: '/stats/providers/{providerId}/annual-report/export',
    summary: "CSV of a provider's own annual figures per service (its staff only)",
    description:
      'The annual report as CSV for spreadsheets, like the other exports: UTF-8 with a byte-order mark, `;` unless delimiter=comma, the header first, one line per service and figure with Czech names next to the codes unless lang=en.',
    scopes,
    roles: staffRoles,
    params: AnnualReportParams,
    query: AnnualReportExportQuery,
    response: CsvExport,
    responseMediaType: 'text/csv',
    tags,
  }),
};
