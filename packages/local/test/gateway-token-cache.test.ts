// The gateway remembers a verified token until its `exp` (its signature is not checked again on
// every request), but never past it: a token that expires while remembered is refused, as the
// JWT authorizer refuses it in AWS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { manifest as directory } from '../../../services/directory/manifest';
import type { RegionRuntime } from '../src/runtime';
import { call, startTestRuntime } from '../test-support/harness';

let rt: RegionRuntime;
beforeAll(async () => {
  rt = await startTestRuntime([directory]);
});
afterAll(() => rt.stop());

describe('the local gateway and a token it has verified', () => {
  it('takes it again until it expires and refuses it from then on', async () => {
    const token = await rt.token({
      sub: newId(),
      roles: ['regional-coordinator'],
      issuedAt: new Date(Date.now() - 3_600_000 + 2_000),
      expiresInSeconds: 3600,
    });
    expect((await call(rt, 'GET', '/providers', { token })).status).toBe(200);
    expect((await call(rt, 'GET', '/providers', { token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const expired = await call<{ message: string }>(rt, 'GET', '/providers', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('Unauthorized');
  });
});
