// Seeds demo referrals for the seeded providers through the public API, as their workers would:
// K-centrum refers a client to the detox unit (sent with a consent-scoped share package, accepted)
// and FOKUS and the crisis centre share care of one client. Liberecký kraj only (the providers of
// documents 000-002); other regions get none. Call after seedIntake.
import type { Role } from '@spolu/contracts';
import { call, expectStatus } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { SeededDirectory, SeededUser } from './seed-directory';

export interface SeededReferrals {
  referrals: Record<string, string>;
  sharedCare: Record<string, string>;
}

export const seedReferrals = async (rt: RegionRuntime, seeded: SeededDirectory): Promise<SeededReferrals> => {
  const out: SeededReferrals = { referrals: {}, sharedCare: {} };
  const user = (key: string): SeededUser | undefined => seeded.users.find((u) => u.key === key);
  const as = async (u: SeededUser) => {
    const token = await rt.token({ ...u, roles: u.roles.filter((r: Role) => r !== 'provider-admin') });
    return <T>(method: string, path: string, body: unknown, status: number, what: string, ifMatch?: number) =>
      call<T>(rt, method, path, {
        token,
        body,
        headers: ifMatch ? { 'if-match': `"${ifMatch}"` } : {},
      }).then((res) => expectStatus(res, status, what));
  };
  const ago = (hours: number) => new Date(rt.clock.now().getTime() - hours * 3600_000).toISOString();
  const kcWorker = user('k-centrum-liberec/petra-hajkova');
  const detoxWorker = user('psychiatrie-liberec/eva-machova');
  const fokusWorker = user('fokus-semily/pavla-horackova');
  const kcService = seeded.services['k-centrum-liberec/kontaktni-centrum'];
  const detox = seeded.services['psychiatrie-liberec/detox'];
  const fokusService = seeded.services['fokus-semily/socialni-rehabilitace'];
  const psychiatry = seeded.providers['psychiatrie-liberec'];
  const crisis = seeded.providers['krizove-centrum-liberec'];
  const fokus = seeded.providers['fokus-semily'];
  if (
    !kcWorker ||
    !detoxWorker ||
    !fokusWorker ||
    !kcService ||
    !detox ||
    !fokusService ||
    !psychiatry ||
    !crisis ||
    !fokus
  )
    return out;

  // K-centrum -> detox, with consent to share name, birth date and needs.
  const kc = await as(kcWorker);
  const client = await kc<{ id: string }>(
    'POST',
    '/clients',
    {
      serviceId: kcService,
      identity: {
        kind: 'named',
        name: 'Marek Dvořáček',
        birthDate: '1991-06-02',
        sex: 'male',
        district: 'liberec',
      },
    },
    201,
    'K-centrum client for referral',
  );
  await kc(
    'POST',
    `/clients/${client.id}/consents`,
    {
      purpose: 'referral-share',
      serviceId: kcService,
      recipientProviderId: psychiatry,
      sharedFields: ['name', 'birthDate', 'needs'],
      givenAt: ago(2),
    },
    201,
    'referral consent',
  );
  await rt.settle();
  const draft = await kc<{ id: string; version: number }>(
    'POST',
    '/referrals',
    {
      clientId: client.id,
      fromServiceId: kcService,
      toServiceId: detox,
      ageBand: '27-64',
      district: 'liberec',
      targetGroup: 'substance-users',
      needCodes: ['detox', 'addiction-treatment'],
    },
    201,
    'referral to detox',
  );
  const sent = await kc<{ version: number }>(
    'POST',
    `/referrals/${draft.id}/transitions`,
    {
      action: 'send',
      clientData: {
        name: 'Marek Dvořáček',
        birthDate: '1991-06-02',
        needs: ['detox', 'addiction-treatment'],
      },
    },
    200,
    'send referral',
    draft.version,
  );
  const dx = await as(detoxWorker);
  await dx(
    'POST',
    `/referrals/${draft.id}/transitions`,
    { action: 'accept', note: 'Nástup po uvolnění lůžka.' },
    200,
    'accept referral',
    sent.version,
  );
  out.referrals['k-centrum->detox'] = draft.id;

  // FOKUS and the crisis centre share care of one FOKUS client; FOKUS coordinates.
  const fk = await as(fokusWorker);
  const shared = await fk<{ id: string }>(
    'POST',
    '/clients',
    {
      serviceId: fokusService,
      identity: {
        kind: 'named',
        name: 'Alena Horká',
        birthDate: '1979-03-14',
        sex: 'female',
        district: 'semily',
      },
    },
    201,
    'FOKUS client',
  );
  await fk(
    'POST',
    `/clients/${shared.id}/consents`,
    {
      purpose: 'referral-share',
      serviceId: fokusService,
      recipientProviderId: crisis,
      sharedFields: ['name', 'contact'],
      givenAt: ago(2),
    },
    201,
    'shared-care consent',
  );
  await rt.settle();
  const sc = await fk<{ id: string }>(
    'POST',
    '/shared-care',
    {
      clientId: shared.id,
      parties: [
        {
          providerId: fokus,
          responsibilities: 'Sociální rehabilitace, nácvik dovedností, koordinace',
          contact: { name: fokusWorker.name },
        },
        {
          providerId: crisis,
          responsibilities: 'Krizová intervence při zhoršení stavu',
          contact: { name: 'Tereza Marešová' },
        },
      ],
      coordinatorProviderId: fokus,
      nextReviewAt: new Date(rt.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
    201,
    'shared care',
  );
  out.sharedCare['fokus+krizove-centrum'] = sc.id;
  await rt.settle();
  return out;
};
