// Scheduled (hourly): referrals that are still sent/received after the receiving service's
// response period (Service.referralResponseDays, fixed at sending as respondBy) expire.
import type { RuntimeEnv } from '@spolu/platform';
import { HttpProblem, UnitOfWork, createLogger, lambdaEntry } from '@spolu/platform';
import { isOverdue, transition } from '../domain/lifecycle';
import { createStore } from '../store';
import { helpers } from './common';
import { emitStatus } from './emit';

export const expireOverdue = async (env: RuntimeEnv) => {
  const store = createStore(env);
  const { facts } = helpers(env, store);
  const log = createLogger('referrals-expiry');
  const now = env.now();
  let expired = 0;
  for (const r of await store.overdueReferrals(now)) {
    if (!isOverdue(r, now)) continue;
    const tx = new UnitOfWork(env);
    const next = {
      ...transition(r, { action: 'expire' }, { providerId: 'system', userId: 'system' }, ['system'], now),
      clientId: r.clientId,
    };
    store.replaceReferral(tx, next, r.version);
    emitStatus(tx, next, facts(next, r.status));
    try {
      await tx.commit();
      expired += 1;
    } catch (err) {
      // Answered in the meantime (412 from the version check): the answer wins; the next run sees
      // it no longer open. Anything else is a real failure and fails the run (alarmed, retried).
      if (!(err instanceof HttpProblem && err.status === 412)) throw err;
      log.info('referral changed while expiring; skipped', { referralId: r.id });
    }
  }
  return { expired };
};

export const handler = lambdaEntry('referrals', (env) => () => expireOverdue(env));
