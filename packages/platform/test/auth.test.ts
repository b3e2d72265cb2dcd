import { describe, expect, it } from '@jest/globals';
import { Claims } from '@spolu/contracts';
import { authFromClaims } from '../src/auth';

const base = {
  sub: '3f2a9c1e-0b7d-4e55-9a10-6c2d8f4e1b20',
  [Claims.region]: 'CZ051',
  [Claims.roles]: 'worker',
};
const workerId = '01JD3Q7ZK8V6W5X4Y3Z2A1B0C9';

describe('who the caller is', () => {
  it('is the directory worker of the worker_id claim when Cognito adds one (its sub is a pool UUID)', () => {
    const auth = authFromClaims(
      { ...base, [Claims.workerId]: workerId, [Claims.tenantId]: 't1' },
      null,
      'CZ051',
    );
    expect(auth.userId).toBe(workerId);
    expect(auth.tenantId).toBe('t1');
  });

  it('is the sub for people without a worker record (coordinators, ops, the local dev issuer)', () => {
    expect(authFromClaims(base, null, 'CZ051').userId).toBe(base.sub);
    expect(authFromClaims({ ...base, [Claims.workerId]: '' }, null, 'CZ051').userId).toBe(base.sub);
    expect(authFromClaims({ ...base, [Claims.workerId]: 42 }, null, 'CZ051').userId).toBe(base.sub);
  });

  it('refuses a token of another region or without a subject', () => {
    expect(() => authFromClaims(base, null, 'CZ063')).toThrow(/another region/);
    expect(() => authFromClaims({ ...base, sub: undefined }, null, 'CZ051')).toThrow(/no verified token/);
  });
});
