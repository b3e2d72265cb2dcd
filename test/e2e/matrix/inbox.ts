// Matrix fixtures for the inbox: every route is the caller's own inbox (user id and tenant from the
// token), so another tenant's caller legitimately reaches its own, empty one. Marking a notice
// read needs a notice of the positive control's own caller: it is put for that person directly
// through the inbox store (what the events consumer writes), as no event addresses a token-only actor.
import { newId } from '@spolu/contracts';
import { UnitOfWork } from '@spolu/platform';
import { createStore } from '../../../services/inbox/src/store';
import type { MatrixWorld, RouteFixture } from './fixtures';

const own = "the caller's own inbox: another tenant's caller sees only its own (empty) one";
/** Tenant A's caller in the positive control of the routes that act on one's own notices. */
const inboxOwner = newId();

const noticeFor = async (w: MatrixWorld, userId: string) => {
  const env = w.rt.envs.get('inbox');
  if (!env) throw new Error('the matrix runtime has no inbox service');
  const id = newId();
  const tx = new UnitOfWork(env);
  createStore(env).putNotice(tx, w.providerA, userId, {
    id,
    kind: 'referral-received',
    at: w.rt.clock.now().toISOString(),
    read: false,
    referralId: newId(),
    serviceId: w.serviceA,
  });
  await tx.commit();
  return id;
};

export const inboxFixtures: Record<string, RouteFixture> = {
  'inbox.listNotices': { build: async () => ({ query: { limit: '10' } }), allow: { tenantB: own } },
  'inbox.summary': { build: async () => ({}), allow: { tenantB: own } },
  'inbox.markRead': {
    build: async (w) => ({ params: { noticeId: await noticeFor(w, inboxOwner) } }),
    ownerSub: inboxOwner,
  },
  'inbox.markAllRead': { build: async () => ({}), allow: { tenantB: own } },
  'inbox.getPreferences': { build: async () => ({}), allow: { tenantB: own } },
  'inbox.putPreferences': {
    build: async () => ({ body: { emailNotices: true, email: 'matrix.worker@example.org' } }),
    allow: { tenantB: own },
  },
};
