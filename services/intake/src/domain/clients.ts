// Pure rules for applicants and clients: the anonymity rule, age bands, status changes.
import type { Warning, intake } from '@spolu/contracts';
import { ageBandOf } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';

type Client = intake.Client;
type Identity = intake.Identity;
type ServiceView = intake.ServiceView;

export interface Stamp {
  id: string;
  now: Date;
  by: string;
}

export const created = ({ now, by }: Stamp) => ({
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  recordedBy: by,
});
export const bumped = (record: { version: number }, now: Date) => ({
  version: record.version + 1,
  updatedAt: now.toISOString(),
});

/** Whether the service may, must or must not work anonymously is the service's setting. */
export const assertAnonymityAllowed = (
  mode: ServiceView['anonymousMode'],
  identity: Pick<Identity, 'kind'>,
) => {
  if (identity.kind === 'anonymous' && mode === 'not-allowed')
    throw new DomainRuleViolation(
      'anonymous-not-allowed',
      'this service does not work with anonymous clients; record name and birth date',
      'body.identity.kind',
    );
  if (identity.kind === 'named' && mode === 'required')
    throw new DomainRuleViolation(
      'anonymous-required',
      'this service works only anonymously; record a client code instead of a name',
      'body.identity.kind',
    );
};

/** Age in whole years on `now`; the birth year alone counts as if the birthday has passed. */
export const ageOf = (identity: Identity, now: Date) => {
  const year = now.getUTCFullYear();
  if (identity.kind === 'anonymous') return year - identity.birthYear;
  const [y, m, d] = identity.birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return year - y - (hadBirthday ? 0 : 1);
};

export const assertPlausibleBirth = (identity: Identity, now: Date) => {
  const age = ageOf(identity, now);
  const field = identity.kind === 'named' ? 'body.identity.birthDate' : 'body.identity.birthYear';
  if (age < 0) throw new DomainRuleViolation('birth-in-future', 'the birth date lies in the future', field);
  if (age > 120)
    throw new DomainRuleViolation('birth-implausible', 'the birth date is more than 120 years ago', field);
};

/** The ages the client can have on `now`: one from a birth date; from a birth year alone, the age
 * before and after this year's birthday (a 2010 birth year in 2026 is 15 or 16). */
export const possibleAges = (identity: Identity, now: Date): [youngest: number, oldest: number] => {
  if (identity.kind === 'named') {
    const age = ageOf(identity, now);
    return [age, age];
  }
  const oldest = now.getUTCFullYear() - identity.birthYear;
  return [oldest - 1, oldest];
};

/** The client's age against the service's age limits. Only an age that certainly lies outside them
 * counts (a birth year alone may fit either side). Outside them the write is allowed with a warning
 * (an applicant outside them is still heard and referred on, and providers make the exceptions
 * their own rules allow), except where the service's registration makes the limits a condition
 * (`ageLimitsStrict`): then it is refused. A service view kept before intake learnt the limits
 * gives no warning rather than a wrong one. */
export const ageFitWarnings = (
  identity: Identity,
  service: ServiceView,
  now: Date,
  field: string,
): Warning[] => {
  const { ageMin, ageMax } = service;
  if (ageMin === undefined || ageMax === undefined) return [];
  const [youngest, oldest] = possibleAges(identity, now);
  if (oldest >= ageMin && youngest <= ageMax) return [];
  const age = youngest === oldest ? `${oldest}` : `${youngest}–${oldest}`;
  const detail = `the client's age (${age}) lies outside the service's age limits (${ageMin}–${ageMax})`;
  if (service.ageLimitsStrict) throw new DomainRuleViolation('age-outside-service', detail, field);
  return [{ code: 'age-outside-service', detail }];
};

export const assertServiceUsable = (service: ServiceView | undefined, tenantId: string): ServiceView => {
  if (!service || service.providerId !== tenantId || !service.active)
    throw new DomainRuleViolation(
      'unknown-service',
      "not an active service of the caller's provider",
      'body.serviceId',
    );
  return service;
};

export const chooseTargetGroup = (service: ServiceView, wanted?: intake.Client['targetGroup']) => {
  if (wanted === undefined) return service.targetGroups[0]!;
  if (!service.targetGroups.includes(wanted))
    throw new DomainRuleViolation(
      'target-group',
      "not one of the service's target groups",
      'body.targetGroup',
    );
  return wanted;
};

export const newClient = (
  body: z.output<typeof intake.RegisterClientBody>,
  service: ServiceView,
  tenantId: string,
  stamp: Stamp,
): { client: Client; warnings: Warning[] } => {
  assertAnonymityAllowed(service.anonymousMode, body.identity);
  assertPlausibleBirth(body.identity, stamp.now);
  const field = body.identity.kind === 'named' ? 'body.identity.birthDate' : 'body.identity.birthYear';
  const warnings = ageFitWarnings(body.identity, service, stamp.now, field);
  const client: Client = {
    id: stamp.id,
    providerId: tenantId,
    serviceId: service.id,
    identity: body.identity,
    ageBand: ageBandOf(ageOf(body.identity, stamp.now)),
    targetGroup: chooseTargetGroup(service, body.targetGroup),
    status: 'applicant',
    lastActivityAt: stamp.now.toISOString(),
    ...created(stamp),
  };
  return { client, warnings };
};

export const changeClient = (
  client: Client,
  patch: z.output<typeof intake.UpdateClientBody>,
  service: ServiceView,
  now: Date,
): Client => {
  assertNotAnonymised(client);
  const { keyWorkerId, ...rest } = patch;
  if (rest.identity) {
    assertAnonymityAllowed(service.anonymousMode, rest.identity);
    assertPlausibleBirth(rest.identity, now);
  }
  const next: Client = { ...client, ...rest, ...bumped(client, now), lastActivityAt: now.toISOString() };
  if (rest.targetGroup) next.targetGroup = chooseTargetGroup(service, rest.targetGroup);
  if (rest.identity) next.ageBand = ageBandOf(ageOf(rest.identity, now));
  if (keyWorkerId === null) delete next.keyWorkerId;
  else if (keyWorkerId !== undefined) next.keyWorkerId = keyWorkerId;
  return next;
};

export const assertNotAnonymised = (client: Client) => {
  if (client.anonymisedAt)
    throw new DomainRuleViolation(
      'client-anonymised',
      'the client was anonymised; nothing can be added',
      'params.clientId',
    );
};

/** A touch of the client record: new activity (for the retention clock) and optionally a status. */
export const touched = (
  client: Client,
  now: Date,
  change: Partial<Pick<Client, 'status' | 'keyWorkerId'>> = {},
): Client => ({
  ...client,
  ...change,
  ...bumped(client, now),
  lastActivityAt: now.toISOString(),
});
