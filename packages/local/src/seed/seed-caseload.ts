// Months of ordinary work at every seeded provider, through the public API as their workers would
// do it: clients (named, or anonymous by client code where the service allows it), first
// consultations, oral and written agreements, consents, needs mapping, contacts with the
// interventions of the service type (needle exchange, material and tests in harm reduction,
// counselling, crisis intervention, home visits, phone contacts, field work with unnamed people,
// close persons), appointments and phone arrangements; individual plans with goals, steps, reviews
// and recovery phases; referrals between the providers that are accepted, started, completed,
// waitlisted, declined or left to expire. The statistics (services/stats) count all of it from the
// events, so the community-planning figures of each region are meaningful.
//
// The history spans the last `days` days on the runtime's clock (timeline.ts moves it back and
// forth; it ends where it started). Deterministic: a seeded PRNG per client. Services that are not
// running (a test runtime with fewer services) are skipped: no plans without the plans service,
// no referrals without the referrals service. Call after seedDirectory (and seedIntake, whose
// K-centrum questionnaire template is used when given).
import type { NeedCode, Role, TargetGroup } from '@spolu/contracts';
import { ageBandOf, districtsOf } from '@spolu/contracts';
import type { ApiResponse } from '../api-client';
import { call } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { ReferralRoute, Response, ServiceProfile } from './caseload-data';
import { firstNames, goalTexts, profiles, routes, stepTexts, surnames } from './caseload-data';
import type { SeedService } from './directory-data';
import { seedRegions } from './directory-data';
import type { SeededDirectory, SeededUser } from './seed-directory';
import type { SeededIntake } from './seed-intake';
import type { Prng } from './timeline';
import { calendar, limiter, prng, runStories } from './timeline';

export interface CaseloadCounts {
  clients: number;
  contacts: number;
  agreements: number;
  plans: number;
  referrals: number;
}

export interface SeededCaseload {
  /** Per provider key. */
  providers: Record<string, CaseloadCounts>;
  requests: number;
}

export interface CaseloadOptions {
  /** Days of history (default 120). */
  days?: number;
  /** API calls in flight at once (default 4). */
  concurrency?: number;
  intake?: SeededIntake;
  /** Called as the simulated calendar moves on: `done` of `total` days are behind (npm start's
   * progress display). */
  onProgress?: (done: number, total: number) => void;
}

interface Svc {
  key: string;
  providerKey: string;
  id: string;
  providerId: string;
  body: SeedService['body'];
  workers: SeededUser[];
  keyWorkers: SeededUser[];
}

interface Person {
  name: string;
  birthDate: string;
  birthYear: number;
  sex: 'male' | 'female';
  district: string;
  age: number;
}

type Story = (day: (d: number) => Promise<void>) => Promise<void>;
type Step = { day: number; run: () => Promise<void> };

const checklist = {
  everyonePresentInformed: true,
  timeAndFormAgreed: true,
  prohibitedActivitiesAcknowledged: true,
  expectationsClear: true,
  workerWillIntroduce: true,
};
const safe = {
  acuteDanger: false,
  clientPsychotic: false,
  clientSuicidal: false,
  professionalHelpCalled: false,
};

export const seedCaseload = async (
  rt: RegionRuntime,
  seeded: SeededDirectory,
  opts: CaseloadOptions = {},
): Promise<SeededCaseload> => {
  const region = seedRegions.find((r) => r.region === rt.region);
  const counts: Record<string, CaseloadCounts> = {};
  const out: SeededCaseload = { providers: counts, requests: 0 };
  if (!region) return out;
  const has = (service: string) => rt.envs.has(service);
  const cal = calendar(rt.clock.now(), opts.days ?? 120);
  const last = cal.days - 1;
  const limit = limiter(opts.concurrency ?? 4);
  const regionDistricts = new Set(districtsOf(rt.region).map((d) => d.code));

  // ---- the region's services and their workers ----
  const svcs = new Map<string, Svc>();
  for (const p of region.providers) {
    counts[p.key] = { clients: 0, contacts: 0, agreements: 0, plans: 0, referrals: 0 };
    for (const s of p.services) {
      const id = seeded.services[s.key];
      const providerId = seeded.providers[p.key];
      if (!id || !providerId) continue;
      const workerKeys = p.workers.filter((w) => w.serviceKeys.includes(s.key)).map((w) => w.key);
      const workers = seeded.users.filter((u) => workerKeys.includes(u.key));
      if (workers.length === 0) continue;
      const keyWorkers = workers.filter((u) => u.roles.includes('key-worker'));
      svcs.set(s.key, { key: s.key, providerKey: p.key, id, providerId, body: s.body, workers, keyWorkers });
    }
  }

  // ---- HTTP: one token per worker (issued on the machine's clock, since the gateway checks
  // expiry on it), idempotency keys on creates, a retry when a loaded machine times a call out ----
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (u: SeededUser) => {
    let t = tokens.get(u.sub);
    if (!t) {
      const roles = u.roles.filter((r: Role) => r === 'worker' || r === 'key-worker');
      t = rt.token({
        sub: u.sub,
        tenantId: u.tenantId,
        roles,
        issuedAt: new Date(),
        expiresInSeconds: 4 * 3600,
      });
      tokens.set(u.sub, t);
    }
    return t;
  };
  let seq = 0;
  const send = async <T>(
    u: SeededUser,
    method: string,
    path: string,
    body: unknown,
    expect: number,
    what: string,
    ifMatch?: number,
  ): Promise<T> => {
    const headers: Record<string, string> = {};
    if (method === 'POST') headers['idempotency-key'] = `seed-${rt.region}-${++seq}`;
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const token = await tokenOf(u);
    let res: ApiResponse<T> | undefined;
    // A timed-out create is retried with the same Idempotency-Key: 409 while the first attempt
    // still runs, then its stored answer.
    const retry = (x: ApiResponse<T> | undefined) =>
      !x ||
      x.status >= 500 ||
      x.status === 429 ||
      (x.status === 409 && headers['idempotency-key'] !== undefined);
    for (let attempt = 1; attempt <= 8; attempt++) {
      res = await limit(() => call<T>(rt, method, path, { token, body, headers }).catch(() => undefined));
      out.requests += 1;
      if (!retry(res)) break;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
    if (!res || res.status !== expect)
      throw new Error(`seed ${what}: expected ${expect}, got ${res?.status} ${JSON.stringify(res?.body)}`);
    return res.body;
  };
  const post = <T = { id: string }>(
    u: SeededUser,
    path: string,
    body: unknown,
    what: string,
    ifMatch?: number,
  ) => send<T>(u, 'POST', path, body, 201, what, ifMatch);

  // ---- people ----
  const usedCodes = new Map<string, Set<string>>();
  const person = (r: Prng, ages: readonly [number, number], female: number, districts: string[]): Person => {
    const sex = r.chance(female) ? 'female' : 'male';
    const first = r.pick(firstNames[sex]);
    const [m, f] = r.pick(surnames);
    const age = r.int(ages[0], ages[1]);
    const now = cal.end(last);
    const birthYear = now.getUTCFullYear() - age - (r.chance(0.5) ? 1 : 0);
    const birthDate = `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const exact =
      now.getUTCFullYear() - birthYear - (birthDate.slice(5) > now.toISOString().slice(5, 10) ? 1 : 0);
    const inRegion = districts.filter((d) => regionDistricts.has(d));
    return {
      name: `${first} ${sex === 'male' ? m : f}`,
      birthDate,
      birthYear,
      sex,
      district: r.pick(inRegion.length ? inRegion : [...regionDistricts]),
      age: exact,
    };
  };
  const clientCode = (svc: Svc, p: Person, r: Prng) => {
    const used = usedCodes.get(svc.key) ?? new Set<string>();
    usedCodes.set(svc.key, used);
    const [first, sur] = p.name.split(' ');
    const base = `${first![0]}${sur![0]}${String(p.birthYear).slice(2)}`
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
    let code = `${base}${String.fromCharCode(65 + r.int(0, 25))}`;
    while (used.has(code)) code += String.fromCharCode(65 + r.int(0, 25));
    used.add(code);
    return code;
  };
  const ageOk = (svc: Svc, age: number) => age >= (svc.body.ageMin ?? 0) && age <= (svc.body.ageMax ?? 130);
  const workerOf = (svc: Svc, r: Prng) => r.pick(svc.workers);
  const keyWorkerOf = (svc: Svc, r: Prng) =>
    svc.keyWorkers.length ? r.pick(svc.keyWorkers) : workerOf(svc, r);

  // ---- what one contact looks like, by service style ----
  type Place = { kind: 'centre' | 'field' | 'client-home' | 'phone'; fieldPlace?: string };
  const fieldPlace = (svc: Svc, r: Prng): Place => {
    const places = svc.body.fieldPlaces ?? [];
    return places.length ? { kind: 'field', fieldPlace: r.pick(places) } : { kind: 'centre' };
  };
  const injecting = (r: Prng) => r.chance(0.65);
  const harmReduction = (r: Prng, injects: boolean) => {
    const iv: unknown[] = [];
    if (injects) {
      const given = r.int(4, 30) * 2;
      iv.push({ type: 'needle-exchange', given, returned: Math.max(0, given - r.int(0, 6)) });
      iv.push({
        type: 'material',
        items: [
          { item: 'swabs', count: given },
          { item: 'citric-acid', count: Math.ceil(given / 3) },
          ...(r.chance(0.5) ? [{ item: 'filters', count: Math.ceil(given / 2) }] : []),
          ...(r.chance(0.4) ? [{ item: 'water', count: Math.ceil(given / 2) }] : []),
        ],
      });
    } else {
      iv.push({
        type: 'material',
        items: r.chance(0.5)
          ? [{ item: 'gelatin-capsules', count: r.int(10, 40) }]
          : [{ item: 'foils', count: r.int(5, 20) }],
      });
    }
    if (r.chance(0.25)) iv.push({ type: 'material', items: [{ item: 'condoms', count: r.int(2, 10) }] });
    if (r.chance(0.15)) {
      const test = r.pick(['hiv', 'hcv', 'hcv', 'syphilis'] as const);
      iv.push({ type: 'test', test, result: test === 'hcv' && r.chance(0.2) ? 'reactive' : 'negative' });
    }
    if (r.chance(0.45)) iv.push({ type: r.pick(['information', 'counselling'] as const) });
    // The material entries merge into one per contact.
    const material = iv.filter((i) => (i as { type: string }).type === 'material') as {
      items: { item: string; count: number }[];
    }[];
    const rest = iv.filter((i) => (i as { type: string }).type !== 'material');
    return material.length
      ? [...rest, { type: 'material', items: material.flatMap((m) => m.items) }]
      : rest.length
        ? rest
        : [{ type: 'information' }];
  };
  const contactOf = (svc: Svc, style: ServiceProfile['style'], r: Prng, injects: boolean) => {
    switch (style) {
      case 'harm-reduction':
        return {
          place: { kind: 'centre' },
          minutes: r.int(10, 30),
          interventions: harmReduction(r, injects),
        };
      case 'field':
        return {
          place: fieldPlace(svc, r),
          minutes: r.int(10, 25),
          interventions: harmReduction(r, injects),
        };
      case 'crisis':
        return r.chance(0.3)
          ? {
              place: { kind: 'phone' },
              minutes: r.int(15, 40),
              interventions: [{ type: 'phone-contact' }, { type: 'crisis-intervention' }],
            }
          : {
              place: { kind: 'centre' },
              minutes: r.int(45, 90),
              interventions: r.chance(0.5)
                ? [{ type: 'crisis-intervention' }, { type: 'counselling' }]
                : [{ type: 'counselling' }],
            };
      case 'counselling':
        return r.chance(0.25)
          ? {
              place: { kind: 'phone' },
              minutes: r.int(10, 30),
              interventions: [{ type: 'phone-contact' }, { type: 'information' }],
            }
          : {
              place: { kind: 'centre' },
              minutes: r.int(30, 60),
              interventions: r.chance(0.5)
                ? [{ type: 'counselling' }, { type: 'information' }]
                : [{ type: 'counselling' }],
            };
      case 'clinic':
        return {
          place: { kind: 'centre' },
          minutes: r.int(30, 60),
          interventions: r.chance(0.3)
            ? [{ type: 'counselling' }, { type: 'information' }]
            : [{ type: 'counselling' }],
        };
      case 'workshop':
        return {
          place: { kind: 'centre' },
          minutes: r.int(30, 60),
          interventions: [{ type: 'counselling' }],
        };
      case 'home-care':
      case 'family-home':
        return r.chance(0.6)
          ? {
              place: { kind: 'client-home' },
              minutes: r.int(45, 120),
              interventions: [{ type: 'home-visit' }, ...(r.chance(0.5) ? [{ type: 'counselling' }] : [])],
            }
          : r.chance(0.5)
            ? { place: { kind: 'phone' }, minutes: r.int(5, 20), interventions: [{ type: 'phone-contact' }] }
            : { place: { kind: 'centre' }, minutes: r.int(30, 60), interventions: [{ type: 'counselling' }] };
      case 'residential':
        return {
          place: { kind: 'centre' },
          minutes: r.int(20, 60),
          interventions: r.chance(0.5)
            ? [{ type: 'counselling' }]
            : [{ type: 'information' }, { type: 'counselling' }],
        };
    }
  };

  // ---- building blocks of a story ----
  interface Client {
    svc: Svc;
    id: string;
    person: Person;
    anonymous: boolean;
    targetGroup: TargetGroup;
    worker: SeededUser;
    keyWorker: SeededUser;
    closeConsentId?: string;
  }
  const hour = (r: Prng) => r.int(7, 13);
  const register = async (
    svc: Svc,
    r: Prng,
    p: Person,
    anonymous: boolean,
    targetGroup: TargetGroup,
    d: number,
  ) => {
    const worker = workerOf(svc, r);
    const identity = anonymous
      ? {
          kind: 'anonymous',
          clientCode: clientCode(svc, p, r),
          birthYear: p.birthYear,
          sex: p.sex,
          district: p.district,
        }
      : { kind: 'named', name: p.name, birthDate: p.birthDate, sex: p.sex, district: p.district };
    const created = await post(worker, '/clients', { serviceId: svc.id, identity, targetGroup }, 'client');
    counts[svc.providerKey]!.clients += 1;
    const c: Client = {
      svc,
      id: created.id,
      person: p,
      anonymous,
      targetGroup,
      worker,
      keyWorker: keyWorkerOf(svc, r),
    };
    // Consent to the service's data processing, recorded with the contract; anonymous clients and
    // one-off callers have none.
    if (!anonymous && r.chance(0.7))
      await post(
        worker,
        `/clients/${c.id}/consents`,
        { purpose: 'service-provision', serviceId: svc.id, givenAt: cal.at(d, hour(r)), form: 'written' },
        'service consent',
      );
    return c;
  };
  const contact = async (c: Client, style: ServiceProfile['style'], r: Prng, d: number, injects: boolean) => {
    const x = contactOf(c.svc, style, r, injects);
    await post(
      r.chance(0.7) ? c.worker : workerOf(c.svc, r),
      '/contacts',
      {
        serviceId: c.svc.id,
        kind: 'client',
        clientId: c.id,
        occurredAt: cal.at(d, hour(r), r.int(0, 59)),
        durationMinutes: x.minutes,
        place: x.place,
        interventions: x.interventions,
      },
      'contact',
    );
    counts[c.svc.providerKey]!.contacts += 1;
  };
  const assess = (c: Client, needs: readonly NeedCode[], r: Prng, d: number) =>
    post(
      c.worker,
      `/clients/${c.id}/needs-assessments`,
      {
        serviceId: c.svc.id,
        assessedAt: cal.at(d, hour(r), r.int(0, 59)),
        needs: needs.map((code, i) => ({
          code,
          clientPriority: i === 0 ? 'high' : r.pick(['high', 'medium', 'low'] as const),
          workerPriority: i === 0 ? 'high' : r.pick(['high', 'medium', 'medium', 'low'] as const),
        })),
      },
      'needs assessment',
    );
  const agree = async (
    c: Client,
    form: 'oral' | 'written',
    goal: string,
    d: number,
    courtOrdered = false,
  ) => {
    const date = cal.date(d);
    await post(
      c.keyWorker,
      `/clients/${c.id}/agreements`,
      {
        serviceId: c.svc.id,
        form,
        ...(form === 'written'
          ? {
              written: {
                contractDate: date,
                validFrom: date,
                signedBy: [c.anonymous ? 'klient' : c.person.name, c.keyWorker.name],
              },
            }
          : {}),
        goal,
        courtOrdered,
        keyWorkerId: c.keyWorker.sub,
      },
      'agreement',
    );
    counts[c.svc.providerKey]!.agreements += 1;
  };

  interface PlanRec {
    id: string;
    version: number;
    goals: { id: string; status: string }[];
  }
  /** The plan opened by the plans service from AgreementMade (an event away). */
  const planOf = async (c: Client): Promise<PlanRec> => {
    for (let i = 0; i < 80; i++) {
      const list = await send<{ items: PlanRec[] }>(
        c.keyWorker,
        'GET',
        `/plans?clientId=${c.id}`,
        undefined,
        200,
        'plan',
      );
      if (list.items[0]) return list.items[0];
      await new Promise((r) => setTimeout(r, i < 20 ? 100 : 500));
    }
    throw new Error(`seed: no plan opened for client ${c.id} of ${c.svc.key}`);
  };
  const planSteps = (
    c: Client,
    r: Prng,
    agreedDay: number,
    needs: readonly NeedCode[],
    goal: string,
    recovery: boolean,
  ) => {
    const steps: Step[] = [];
    if (!has('plans')) return steps;
    let plan: PlanRec | undefined;
    const planDay = cal.workday(agreedDay + r.int(1, 4));
    if (planDay > last) return steps;
    const agreed = { agreedWithClient: true };
    const goalNeeds = r.some(needs, r.int(1, Math.min(2, needs.length)));
    steps.push({
      day: planDay,
      run: async () => {
        plan = await planOf(c);
        counts[c.svc.providerKey]!.plans += 1;
        plan = await send<PlanRec>(
          c.keyWorker,
          'PATCH',
          `/plans/${plan.id}`,
          { ...agreed, overallGoal: goal, reviewDates: [cal.date(planDay + 45), cal.date(planDay + 90)] },
          200,
          'plan goal',
          plan.version,
        );
        for (const need of goalNeeds) {
          plan = await post<PlanRec>(
            c.keyWorker,
            `/plans/${plan.id}/goals`,
            {
              ...agreed,
              text: r.pick(goalTexts[need] ?? [goal]),
              needCodes: [need],
              targetDate: cal.date(planDay + r.int(30, 120)),
            },
            'plan goal',
            plan.version,
          );
          const g: { id: string } = plan.goals[plan.goals.length - 1]!;
          plan = await post<PlanRec>(
            c.keyWorker,
            `/plans/${plan.id}/steps`,
            {
              ...agreed,
              goalId: g.id,
              text: stepTexts[need] ?? 'Domluvit další postup na konzultaci.',
              assignee: r.chance(0.6) ? { kind: 'client' } : { kind: 'worker', workerId: c.keyWorker.sub },
              dueDate: cal.date(planDay + r.int(7, 21)),
            },
            'plan step',
            plan.version,
          );
        }
        if (c.closeConsentId && r.chance(0.8))
          plan = await post<PlanRec>(
            c.keyWorker,
            `/plans/${plan.id}/support-network`,
            {
              ...agreed,
              kind: 'family',
              name: `${r.pick(firstNames.female)} ${c.person.name.split(' ')[1]}`,
              role: 'Podpora doma, doprovody',
              consentId: c.closeConsentId,
            },
            'support person',
            plan.version,
          );
        if (recovery)
          plan = await send<PlanRec>(
            c.keyWorker,
            'PUT',
            `/plans/${plan.id}/recovery-phase`,
            { ...agreed, phase: 'stabilisation', since: cal.date(agreedDay) },
            200,
            'recovery phase',
            plan.version,
          );
      },
    });
    // Recovery: re-orientation, then re-integration; now and then a step back (002).
    if (recovery) {
      let d = planDay + r.int(25, 45);
      const phases = r.chance(0.15)
        ? (['re-orientation', 'stabilisation', 're-orientation'] as const)
        : (['re-orientation', 're-integration'] as const);
      for (const phase of phases) {
        if (d > last) break;
        const at = d;
        steps.push({
          day: at,
          run: async () => {
            if (!plan) return;
            plan = await send<PlanRec>(
              c.keyWorker,
              'PUT',
              `/plans/${plan.id}/recovery-phase`,
              { ...agreed, phase, since: cal.date(at) },
              200,
              'recovery phase',
              plan.version,
            );
          },
        });
        d += r.int(30, 50);
      }
    }
    // Review: each goal achieved, partly, not achieved or dropped; some stay active.
    const reviewDay = cal.workday(planDay + r.int(14, 56));
    if (reviewDay <= last && reviewDay > planDay)
      steps.push({
        day: reviewDay,
        run: async () => {
          if (!plan) return;
          const goals = plan.goals.filter((g) => g.status === 'active');
          if (goals.length === 0) return;
          const outcome = () => {
            const x = r.next();
            return x < 0.4
              ? { progress: 'complete', newStatus: 'achieved' }
              : x < 0.55
                ? { progress: 'substantial', newStatus: 'partly-achieved' }
                : x < 0.75
                  ? { progress: 'none', newStatus: 'not-achieved', deviations: ['circumstances'] }
                  : x < 0.85
                    ? { progress: 'none', newStatus: 'dropped', deviations: ['goal-changed'] }
                    : { progress: 'some', deviations: ['tempo'] };
          };
          plan = await post<PlanRec>(
            c.keyWorker,
            `/plans/${plan.id}/reviews`,
            {
              ...agreed,
              heldOn: cal.date(reviewDay),
              goals: goals.map((g) => ({ goalId: g.id, ...outcome() })),
              nextReviewDate: cal.date(reviewDay + 60),
            },
            'review',
            plan.version,
          );
        },
      });
    return steps;
  };

  const runSteps = async (day: (d: number) => Promise<void>, steps: Step[]) => {
    steps.sort((a, b) => a.day - b.day);
    for (const s of steps) {
      await day(s.day);
      await s.run();
    }
  };
  // More clients in recent months (a caseload builds up), some from the start of the period.
  const startDay = (r: Prng, latest = last) => cal.workday(Math.floor(Math.pow(r.next(), 0.7) * latest));

  // ---- a walk-in client of one service ----
  const clientStory =
    (svc: Svc, p: ServiceProfile, i: number): Story =>
    async (day) => {
      const r = prng(`${rt.region}/${svc.key}/${i}`);
      const start = startDay(r);
      const groups = (p.targetGroups ?? svc.body.targetGroups).filter((g) =>
        svc.body.targetGroups.includes(g),
      );
      const targetGroup = r.pick(groups.length ? groups : svc.body.targetGroups);
      const anonMode = svc.body.anonymousMode ?? 'allowed';
      const anonymous = anonMode === 'required' || (anonMode === 'allowed' && r.chance(p.anonymous));
      const who = person(r, p.ages, targetGroup === 'close-persons' ? 0.75 : p.female, svc.body.districts);
      const injects = injecting(r);
      const needs: NeedCode[] =
        targetGroup === 'close-persons'
          ? ['family-support', 'relationships']
          : [p.needs[0]!, ...r.some(p.needs.slice(1), r.int(1, 2))];
      const goal = r.pick(goalTexts[needs[0]!] ?? ['Chci zvládnout svou situaci.']);
      await day(start);
      const c = await register(svc, r, who, anonymous, targetGroup, start);
      const steps: Step[] = [];
      const consult = r.chance(p.firstConsultation);
      const agreement = r.chance(p.agreement);
      if (
        p.questionnaire &&
        opts.intake?.templates['k-centrum-liberec/in-come'] &&
        svc.key === 'k-centrum-liberec/kontaktni-centrum'
      )
        await post(
          c.worker,
          `/clients/${c.id}/questionnaires`,
          {
            templateId: opts.intake.templates['k-centrum-liberec/in-come'],
            templateVersion: 1,
            answeredAt: cal.at(start, 9, r.int(0, 59)),
            answers: {
              substances: injects
                ? ['pervitin', ...(r.chance(0.4) ? ['cannabis'] : [])]
                : ['cannabis', 'alcohol'],
              'primary-substance': injects ? r.pick(['pervitin', 'pervitin', 'heroin']) : 'cannabis',
              'duration-of-use': { amount: r.int(1, 15), unit: 'years' },
              'route-of-use': injects ? 'injecting' : 'smoking',
              frequency: r.pick(['daily', 'weekly', 'monthly']),
              'living-situation': r.pick(['own-flat', 'with-parents', 'hostel', 'homeless']),
            },
          },
          'questionnaire',
        );
      if (consult)
        await post(
          c.worker,
          `/clients/${c.id}/consultations`,
          {
            serviceId: svc.id,
            heldAt: cal.at(start, hour(r)),
            durationMinutes: r.int(40, 90),
            request: goal,
            outcome: agreement
              ? 'agreement-wanted'
              : r.pick(['undecided', 'no-further-contact', 'referred-elsewhere'] as const),
          },
          'first consultation',
        );
      await assess(c, needs, r, start);
      if (p.involveClosePerson && !anonymous && r.chance(p.involveClosePerson)) {
        const consent = await post(
          c.worker,
          `/clients/${c.id}/consents`,
          {
            purpose: 'involve-close-person',
            serviceId: svc.id,
            involvedParty: {
              name: `${r.pick(firstNames.female)} ${who.name.split(' ')[1]}`,
              relation: r.pick(['matka', 'dcera', 'sestra', 'partnerka']),
            },
            givenAt: cal.at(start, hour(r)),
            form: 'written',
          },
          'close-person consent',
        );
        c.closeConsentId = consent.id;
      }
      if (!consult) await contact(c, p.style, r, start, injects);
      let agreedDay: number | undefined;
      if (agreement) {
        const form = p.agreementForm === 'mixed' ? (r.chance(0.6) ? 'oral' : 'written') : p.agreementForm;
        agreedDay = consult ? cal.workday(start + r.int(0, 7)) : start;
        const at = agreedDay;
        steps.push({ day: at, run: () => agree(c, form, goal, at, p.courtOrdered) });
        steps.push(...planSteps(c, r, at, needs, goal, p.recovery === true));
      }
      // Follow-up contacts; a client without an agreement rarely comes back more than once or twice.
      const n =
        agreement || p.style === 'harm-reduction' || p.style === 'field'
          ? r.int(p.contacts[0], p.contacts[1])
          : r.int(0, 2);
      let d = agreedDay ?? start;
      for (let k = 1; k < n; k++) {
        d = cal.workday(d + r.int(p.every[0], p.every[1]));
        if (d > last || (d === last && cal.isWeekend(d))) break;
        const at = d;
        steps.push({ day: at, run: () => contact(c, p.style, r, at, injects) });
      }
      // Home visits (003, 002): pre-arranged, checklist complete; closed with the leave-safety check.
      if (p.homeVisits && i < p.homeVisits && (agreedDay ?? start) + 9 <= last) {
        const planned = cal.workday((agreedDay ?? start) + r.int(2, 6));
        const visitDay = cal.workday(planned + 2);
        let visitId = '';
        steps.push({
          day: planned,
          run: async () => {
            visitId = (
              await post(
                c.keyWorker,
                `/clients/${c.id}/home-visits`,
                {
                  serviceId: svc.id,
                  scheduledAt: cal.at(visitDay, 9),
                  workerCount: p.style === 'field' ? 2 : 1,
                  checklist,
                },
                'home visit',
              )
            ).id;
          },
        });
        steps.push({
          day: visitDay,
          run: async () => {
            if (!visitId) return;
            const risky = p.style === 'field' && i === 0;
            await send(
              c.keyWorker,
              'PUT',
              `/clients/${c.id}/home-visits/${visitId}/closure`,
              {
                endedAt: cal.at(visitDay, 10, 15),
                leaveSafety: risky
                  ? {
                      ...safe,
                      clientSuicidal: true,
                      professionalHelpCalled: true,
                      helpCalledAt: cal.at(visitDay, 10),
                    }
                  : safe,
                ...(risky
                  ? {
                      notes:
                        'Klient vyslovil sebevražedné myšlenky; přivolána RZS, pracovníci zůstali do jejího příjezdu.',
                    }
                  : {}),
              },
              200,
              'home visit closure',
              1,
            );
            await post(
              c.keyWorker,
              '/contacts',
              {
                serviceId: svc.id,
                kind: 'client',
                clientId: c.id,
                occurredAt: cal.at(visitDay, 9),
                durationMinutes: 75,
                place: { kind: 'client-home' },
                interventions: [
                  { type: 'home-visit' },
                  ...(risky
                    ? [{ type: 'crisis-intervention' }]
                    : p.style === 'field'
                      ? harmReduction(r, injects)
                      : [{ type: 'counselling' }]),
                ],
              },
              'home visit contact',
            );
            counts[svc.providerKey]!.contacts += 1;
          },
        });
      }
      // Phone arrangements in field work (003): place, time, recognition signs; the worker waits
      // at most 15 minutes; a no-show is offered the contact centre or the next day.
      if (p.phoneArrangements && i < p.phoneArrangements) {
        const pd = cal.workday(start + r.int(3, 20));
        if (pd <= last)
          steps.push({
            day: pd,
            run: async () => {
              const scheduledAt = cal.at(pd, 11, 30);
              const appt = await post<{ id: string; version: number }>(
                c.worker,
                `/clients/${c.id}/appointments`,
                {
                  serviceId: svc.id,
                  kind: 'phone-arrangement',
                  scheduledAt,
                  durationMinutes: 20,
                  place: fieldPlace(svc, r),
                  phoneArrangement: {
                    place: r.pick(['U vchodu na nádraží', 'Zastávka u náměstí', 'Lavička v parku u kostela']),
                    recognitionSigns: 'Pracovník v zelené bundě s batohem Spektra',
                    request: 'needle-exchange',
                  },
                },
                'phone arrangement',
              );
              const came = r.chance(0.7);
              await send(
                c.worker,
                'PUT',
                `/clients/${c.id}/appointments/${appt.id}/attendance`,
                came
                  ? { attendance: 'attended', arrivedAt: cal.at(pd, 11, 30 + r.int(0, 12)) }
                  : { attendance: 'no-show' },
                200,
                'attendance',
                appt.version,
              );
              if (came) await contact(c, 'field', r, pd, true);
            },
          });
      }
      // The next appointment for clients still in care.
      if (agreement && d >= last - 21 && r.chance(0.6))
        steps.push({
          day: last,
          run: async () => {
            const next = new Date(cal.end(last).getTime() + r.int(1, 10) * 86_400_000);
            next.setUTCHours(r.int(7, 13), r.pick([0, 30]), 0, 0);
            await post(
              c.keyWorker,
              `/clients/${c.id}/appointments`,
              {
                serviceId: svc.id,
                kind: 'consultation',
                scheduledAt: next.toISOString(),
                durationMinutes: 60,
                place:
                  p.style === 'home-care' || p.style === 'family-home'
                    ? { kind: 'client-home' }
                    : { kind: 'centre' },
              },
              'appointment',
            );
          },
        });
      await runSteps(day, steps);
    };

  // ---- close persons (osoby blízké) and unnamed people met in field work ----
  const othersStory =
    (svc: Svc, kind: 'close-person' | 'unnamed', n: number): Story =>
    async (day) => {
      const r = prng(`${rt.region}/${svc.key}/${kind}`);
      const days = Array.from({ length: n }, () => startDay(r)).sort((a, b) => a - b);
      for (const d of days) {
        await day(d);
        const phone = kind === 'close-person' && r.chance(0.4);
        await post(
          workerOf(svc, r),
          '/contacts',
          kind === 'close-person'
            ? {
                serviceId: svc.id,
                kind,
                closePersonRelation: r.pick([
                  'parent',
                  'parent',
                  'partner',
                  'sibling',
                  'other-relative',
                ] as const),
                occurredAt: cal.at(d, hour(r), r.int(0, 59)),
                durationMinutes: r.int(20, 60),
                place: phone ? { kind: 'phone' } : { kind: 'centre' },
                interventions: phone
                  ? [{ type: 'phone-contact' }, { type: 'counselling' }]
                  : [{ type: 'counselling' }, { type: 'information' }],
              }
            : {
                serviceId: svc.id,
                kind,
                occurredAt: cal.at(d, r.int(12, 14), r.int(0, 59)),
                durationMinutes: r.int(5, 15),
                place: fieldPlace(svc, r),
                interventions: r.chance(0.3)
                  ? harmReduction(r, true)
                  : [
                      { type: 'information' },
                      { type: 'material', items: [{ item: 'condoms', count: r.int(2, 6) }] },
                    ],
              },
          kind === 'close-person' ? 'close-person contact' : 'unnamed contact',
        );
        counts[svc.providerKey]!.contacts += 1;
      }
    };

  // ---- a referral: the client at the sender, the consent, the referral's life at the receiver ----
  const referralStory =
    (route: ReferralRoute, from: Svc, to: Svc, response: Response, i: number): Story =>
    async (day) => {
      const r = prng(`${rt.region}/${route.from}->${route.to}/${i}`);
      const fromProfile = profiles[from.key];
      const toProfile = profiles[to.key];
      const lo = Math.max(
        from.body.ageMin ?? 0,
        to.body.ageMin ?? 0,
        route.targetGroup === 'children-and-youth' ? 15 : 18,
      );
      const hi = Math.min(
        from.body.ageMax ?? 130,
        to.body.ageMax ?? 130,
        route.targetGroup === 'seniors' ? 94 : 70,
      );
      const start = startDay(r, last - 12);
      const who = person(
        r,
        [lo, Math.max(lo, hi)],
        toProfile?.female ?? 0.5,
        to.body.districts.filter((x) => from.body.districts.includes(x)),
      );
      if (!ageOk(from, who.age) || !ageOk(to, who.age)) return;
      const senderGroup = from.body.targetGroups.includes(route.targetGroup)
        ? route.targetGroup
        : from.body.targetGroups[0]!;
      const anonMode = from.body.anonymousMode ?? 'allowed';
      const anonymous =
        anonMode === 'required' || (anonMode === 'allowed' && r.chance(fromProfile?.anonymous ?? 0));
      await day(start);
      const c = await register(from, r, who, anonymous, senderGroup, start);
      const needs = [...route.needs];
      await assess(c, needs, r, start);
      await contact(c, fromProfile?.style ?? 'counselling', r, start, true);
      const internal = from.providerId === to.providerId;
      if (!internal)
        await post(
          c.worker,
          `/clients/${c.id}/consents`,
          {
            purpose: 'referral-share',
            serviceId: from.id,
            recipientProviderId: to.providerId,
            sharedFields: [...route.share],
            givenAt: cal.at(start, 14),
            form: 'written',
          },
          'referral consent',
        );
      const sendDay = cal.workday(start + r.int(1, 5));
      await day(sendDay);
      const receiver = keyWorkerOf(to, r);
      type Ref = { id: string; version: number; status: string };
      let ref = await post<Ref>(
        c.keyWorker,
        '/referrals',
        {
          clientId: c.id,
          fromServiceId: from.id,
          toServiceId: to.id,
          ...(internal ? { toWorkerId: receiver.sub } : {}),
          ageBand: ageBandOf(who.age),
          district: who.district,
          targetGroup: route.targetGroup,
          needCodes: needs,
        },
        'referral',
      );
      const data = {
        name: who.name,
        birthDate: who.birthDate,
        contact: { phone: `+420 7${String(r.int(10_000_000, 99_999_999))}` },
        needs,
        goal: r.pick(goalTexts[needs[0]!] ?? ['Navázat na další službu.']),
        agreement: 'Dohoda o spolupráci, viz spis.',
      };
      const clientData = Object.fromEntries(
        Object.entries(data).filter(([k]) => (route.share as readonly string[]).includes(k)),
      );
      const transition = async (u: SeededUser, body: unknown, what: string) => {
        ref = await send<Ref>(u, 'POST', `/referrals/${ref.id}/transitions`, body, 200, what, ref.version);
      };
      await transition(c.keyWorker, { action: 'send', clientData }, 'send referral');
      counts[from.providerKey]!.referrals += 1;
      const responseDays = to.body.referralResponseDays ?? 14;
      // An answer within the service's response days (else the expiry job gets there first); on a
      // working day unless that would be too late.
      const respondDay = (after: readonly [number, number]) => {
        const d = sendDay + Math.min(r.int(after[0], after[1]), responseDays - 1);
        return cal.workday(d) < sendDay + responseDays ? cal.workday(d) : d;
      };

      // Care at the receiver once it starts: registration (named), agreement, needs, contacts.
      const startCare = async (d: number) => {
        await transition(receiver, { action: 'start' }, 'start referral');
        const groups = to.body.targetGroups.includes(route.targetGroup)
          ? route.targetGroup
          : to.body.targetGroups[0]!;
        const rc = await register(to, r, who, false, groups, d);
        const form = toProfile?.agreementForm === 'oral' ? 'oral' : 'written';
        await assess(rc, needs, r, d);
        await agree(rc, form, data.goal, d);
        await contact(rc, toProfile?.style ?? 'counselling', r, d, true);
        let cd = d;
        for (let k = 0; k < r.int(1, 3); k++) {
          cd = cal.workday(cd + r.int(5, 14));
          if (cd > last) break;
          await day(cd);
          await contact(rc, toProfile?.style ?? 'counselling', r, cd, true);
        }
      };
      const acceptThenStart = async (
        d: number,
        startAfter: readonly [number, number] | undefined,
        complete?: 'successful' | 'not-successful',
      ) => {
        await day(d);
        await transition(
          receiver,
          {
            action: 'accept',
            note: r.pick(['Nástup po uvolnění místa.', 'Domluven vstupní rozhovor.', 'Přijímáme.']),
          },
          'accept',
        );
        if (!startAfter) return;
        const sd = cal.workday(d + r.int(startAfter[0], startAfter[1]));
        if (sd > last) return;
        await day(sd);
        await startCare(sd);
        if (!complete) return;
        const ed = cal.workday(sd + r.int(14, 35));
        if (ed > last) return;
        await day(ed);
        await transition(
          receiver,
          complete === 'successful'
            ? { action: 'complete', outcome: 'successful' }
            : {
                action: 'complete',
                outcome: 'not-successful',
                reason: 'client-refused',
                note: 'Klient ukončil pobyt předčasně.',
              },
          'complete referral',
        );
      };

      switch (response.kind) {
        case 'accept': {
          const d = respondDay(response.after);
          if (d > last) return;
          if (response.receive ?? r.chance(0.4)) {
            await day(cal.workday(sendDay + 1 <= d ? sendDay + 1 : d));
            await transition(receiver, { action: 'receive' }, 'receive referral');
          }
          await acceptThenStart(d, response.start, response.complete);
          return;
        }
        case 'waitlist': {
          const d = respondDay(response.after);
          if (d > last) return;
          await day(d);
          const wait = r.int(response.wait[0], response.wait[1]);
          await transition(
            receiver,
            {
              action: 'waitlist',
              expectedDate: cal.date(d + wait),
              note: 'Pořadník, ozveme se při uvolnění místa.',
            },
            'waitlist',
          );
          const ad = cal.workday(d + wait - r.int(0, 5));
          if (response.thenAccept && ad <= last && ad > d) await acceptThenStart(ad, [1, 7]);
          return;
        }
        case 'decline': {
          const d = respondDay(response.after);
          if (d > last) return;
          await day(d);
          await transition(
            receiver,
            { action: 'decline', reason: response.reason, ...(response.note ? { note: response.note } : {}) },
            'decline',
          );
          return;
        }
        case 'cancel': {
          const d = respondDay(response.after);
          if (d > last) return;
          await day(d);
          await transition(
            c.keyWorker,
            { action: 'cancel', reason: 'client-refused', note: 'Klientka si to rozmyslela.' },
            'cancel',
          );
          return;
        }
        case 'none':
          return; // nobody answers: the hourly expiry run expires it after referralResponseDays
      }
    };

  // ---- all stories of the region ----
  const stories: Story[] = [];
  for (const svc of svcs.values()) {
    const p = profiles[svc.key];
    if (!p) continue;
    for (let i = 0; i < p.clients; i++) stories.push(clientStory(svc, p, i));
    if (p.closePersons) stories.push(othersStory(svc, 'close-person', p.closePersons));
    if (p.unnamed) stories.push(othersStory(svc, 'unnamed', p.unnamed));
  }
  if (has('referrals'))
    for (const route of routes) {
      const from = svcs.get(route.from);
      const to = svcs.get(route.to);
      if (!from || !to) continue;
      route.responses.forEach((response, i) => stories.push(referralStory(route, from, to, response, i)));
    }

  const expiry = async (d: number) => {
    opts.onProgress?.(d, cal.days);
    // The hourly expiry job, as it would have run that day.
    if (has('referrals') && (d % 7 === 0 || d === last)) await rt.runSchedule('referrals', 'expiry');
  };
  opts.onProgress?.(0, cal.days);
  await runStories(rt, cal, stories, { onDay: expiry });
  await rt.settle();
  opts.onProgress?.(cal.days, cal.days);
  return out;
};
