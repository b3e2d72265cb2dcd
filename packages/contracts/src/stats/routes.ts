import { Scopes } from '../auth';
import { defineRoute } from '../http';
import * as z from 'zod';
import {
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
  StatsTable,
  TableQuery,
} from './schemas';

const scopes = [Scopes.statsRead];
// No clientData: nothing here is client-level. Workers and admins see the region (suppressed)
// and their own provider's figures unsuppressed.
const roles = ['regional-coordinator', 'provider-admin', 'worker', 'key-worker'] as const;
const tags = ['stats'];

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
    summary: 'An indicator for a period, by up to two dimensions, with small-cell suppression',
    description:
      "Precomputed cells only (reads do not grow with events). Region view: cells below the threshold are suppressed, with secondary suppression in every row and column. Own view: the caller provider's figures, unsuppressed.",
    scopes,
    roles,
    params: z.strictObject({ indicator: IndicatorId }),
    query: TableQuery,
    response: StatsTable,
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
};
