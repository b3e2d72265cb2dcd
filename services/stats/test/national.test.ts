// National figures, the pure part (domain/national.ts; docs/NATIONAL.md): what an export holds,
// how the regions' cells combine, and the properties the design claims of the published figures.
import { describe, expect, it } from '@jest/globals';
import type { RegionCode } from '@spolu/contracts';
import { cellId } from '../src/domain/cells';
import type { ExportedCell } from '../src/domain/national';
import { combineNational, nationalCellKey, nationalTableOf, regionExportOf } from '../src/domain/national';

const region = (code: RegionCode, cells: Record<string, ExportedCell>) => ({
  region: code,
  cells: new Map(Object.entries(cells)),
});

describe('a region export', () => {
  it('holds the exact count and histogram buckets per indicator|period|cell, never the cell key or a provider set', () => {
    const items = [
      // One family's stored item of the region total, and one of its twin by provider.
      {
        pk: 'CZ051#C#2026#ReferralAccepted#region',
        sk: 'region#-',
        'referrals-accepted.m03': 3,
        'referrals-accepted.m03.k': 123456,
        'referrals-accepted.q1': 3,
        'referrals-accepted.y': 3,
      },
      {
        pk: 'CZ051#C#2026#ReferralAccepted#provider',
        sk: 'provider#01ABC',
        'referrals-accepted.m03': 3,
        'referrals-accepted.m03.k': 123456,
      },
      {
        pk: 'CZ051#C#2026#ReferralAccepted#region',
        sk: 'region#-',
        'wait-sent-to-accepted.m03': 2,
        'wait-sent-to-accepted.m03.k': 9,
        'wait-sent-to-accepted.m03.h4': 2,
      },
    ];
    const exp = regionExportOf(
      'CZ051',
      '2026',
      '2026-12-06T01:30:00.000Z',
      new Map([
        ['referrals-accepted', items],
        ['wait-sent-to-accepted', items],
      ]),
    );
    expect(exp.cells).toEqual({
      'referrals-accepted|2026-03|region#-': { n: 3 },
      'referrals-accepted|2026-Q1|region#-': { n: 3 },
      'referrals-accepted|2026|region#-': { n: 3 },
      'wait-sent-to-accepted|2026-03|region#-': { n: 2, h4: 2 },
    });
  });
});

describe('national cells', () => {
  const regions = [
    region('CZ051', { 'region#-': { n: 30 }, 'serviceType#s59': { n: 12 }, 'district#semily': { n: 9 } }),
    region('CZ063', { 'region#-': { n: 25 }, 'serviceType#s59': { n: 11 } }),
    region('CZ072', { 'region#-': { n: 2 }, 'serviceType#s59': { n: 2 } }),
  ];

  it('add the regions up and keep each region’s share as the cell’s twin by provider', () => {
    const cells = combineNational(regions, 'secret');
    expect(cells.get('region#-')!.n).toBe(57);
    expect(cells.get('serviceType#s59')!.n).toBe(25);
    expect(cells.get(cellId(['provider', 'serviceType'], { provider: 'CZ063', serviceType: 's59' }))).toEqual(
      {
        n: 11,
      },
    );
    expect(cells.get('serviceType#s59')!.k).toBe(
      nationalCellKey('secret', [
        ['CZ072', 2],
        ['CZ051', 12],
        ['CZ063', 11],
      ]),
    );
  });

  it('publish like a region: a one-region cell is hidden whatever its size, the same contributions give the same figure', () => {
    const table = (period: string, rs = regions) =>
      nationalTableOf({ indicator: 'clients', period, rows: 'district', threshold: 5 }, rs, 'secret');
    const t = table('2026-Q1');
    // Semily lies in one kraj: its national cell is that kraj's, never published.
    expect(t.rowKeys).toEqual([]);
    expect(t.total.value).not.toBeNull();
    expect(Math.abs(t.total.value! - 57)).toBeLessThanOrEqual(2);
    // A year with the same per-region counts as its only active quarter gets the same figure.
    expect(table('2026').total).toEqual(t.total);
    // Another secret, another key (the noise cannot be computed without the national secret).
    expect(nationalCellKey('other', [['CZ051', 30]])).not.toBe(nationalCellKey('secret', [['CZ051', 30]]));
    // One region alone: hidden (its own count minus nothing is the others' zero).
    expect(table('2026-Q1', [regions[0]!]).total.value).toBeNull();
  });
});
