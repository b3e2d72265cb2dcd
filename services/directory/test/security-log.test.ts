import { describe, expect, it } from '@jest/globals';
import {
  callerKey,
  callerMatches,
  daysNewestFirst,
  positiveInt,
  queryWindow,
  windowOf,
} from '../src/domain/security-log';

describe('security log rules', () => {
  it('puts a refusal in its 5-minute window', () => {
    expect(windowOf('2026-12-06T08:14:59.999Z')).toBe('2026-12-06T08:10:00.000Z');
    expect(windowOf('2026-12-06T08:15:00.000Z')).toBe('2026-12-06T08:15:00.000Z');
  });

  it('counts a caller by its most specific id, and finds it by any', () => {
    const caller = { sub: 's', workerId: 'w', tenantId: 't', roles: [], sourceIp: '1.2.3.4' };
    expect(callerKey(caller)).toBe('w');
    expect(callerKey({ ...caller, clientId: 'console' })).toBe('w');
    expect(callerKey({ ...caller, clientId: 'app', partnerClientId: 'p' })).toBe('p');
    expect(callerKey({ roles: [], sub: 'app', clientId: 'app' })).toBe('app');
    expect(callerKey({ roles: [], sourceIp: '1.2.3.4' })).toBe('1.2.3.4');
    expect(callerKey({ roles: [] })).toBe('anonymous');
    for (const id of ['s', 'w', 't', '1.2.3.4']) expect(callerMatches(caller, id)).toBe(true);
    expect(callerMatches(caller, 'x')).toBe(false);
  });

  it('reads the threshold and retention settings', () => {
    expect(positiveInt('3', 20)).toBe(3);
    expect(positiveInt('0', 20)).toBe(20);
    expect(positiveInt('x', 20)).toBe(20);
    expect(positiveInt(undefined, 20)).toBe(20);
  });

  it('spans the day partitions of a window, newest first', () => {
    expect(daysNewestFirst('2026-12-04T23:00:00Z', '2026-12-06T01:00:00Z')).toEqual([
      '2026-12-06',
      '2026-12-05',
      '2026-12-04',
    ]);
    expect(daysNewestFirst('2026-12-06T01:00:00Z', '2026-12-06T02:00:00Z')).toEqual(['2026-12-06']);
  });

  it('defaults the window to the last 24 hours and refuses a backwards or over-long one', () => {
    const now = new Date('2026-12-06T08:00:00.000Z');
    expect(queryWindow({}, now, 31)).toEqual({
      from: '2026-12-05T08:00:00.000Z',
      to: '2026-12-06T08:00:00.000Z',
    });
    expect(queryWindow({ from: '2026-12-07T00:00:00Z' }, now, 31)).toHaveProperty('error');
    expect(queryWindow({ from: '2026-01-01T00:00:00Z' }, now, 31)).toHaveProperty('error');
    expect(queryWindow({ from: '2026-11-06T08:00:00Z' }, now, 31)).toEqual({
      from: '2026-11-06T08:00:00.000Z',
      to: '2026-12-06T08:00:00.000Z',
    });
  });
});
