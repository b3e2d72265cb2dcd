// Seeds demo individual plans through the public API, as the key workers would: the FOKUS
// workshop plan (overall goal, goals from the needs mapping, steps, review date, recovery phase)
// and a crisis-centre plan (oral agreement after the first consultation, session contracts).
// Plans are opened by the plans service from intake's AgreementMade. Call after seedIntake.
import type { Role } from '@spolu/contracts';
import { call, expectStatus } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { SeededDirectory, SeededUser } from './seed-directory';
import type { SeededIntake } from './seed-intake';

export interface SeededPlans {
  plans: Record<string, string>;
}

interface PlanRec {
  id: string;
  version: number;
  goals: { id: string }[];
}

export const seedPlans = async (
  rt: RegionRuntime,
  seeded: SeededDirectory,
  intake: SeededIntake,
): Promise<SeededPlans> => {
  const plans: Record<string, string> = {};
  const now = rt.clock.now().getTime();
  const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
  const inDays = (days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);
  const agreed = { agreedWithClient: true };
  const staff = (providerKey: string, role: Role): SeededUser | undefined => {
    const tenantId = seeded.providers[providerKey];
    return (
      seeded.users.find((u) => u.tenantId === tenantId && u.roles.includes(role)) ??
      seeded.users.find(
        (u) => u.tenantId === tenantId && (u.roles.includes('worker') || u.roles.includes('key-worker')),
      )
    );
  };
  const as = async (user: SeededUser) => {
    const token = await rt.token(user);
    return <T>(method: string, path: string, body: unknown, status: number, what: string, version?: number) =>
      call<T>(rt, method, path, {
        token,
        body,
        headers: version === undefined ? {} : { 'if-match': `"${version}"` },
      }).then((res) => expectStatus(res, status, what));
  };
  await rt.settle();

  // FOKUS Semily, social-therapeutic workshops: needs -> goals -> steps (document 002).
  const fokusClient = intake.clients['fokus-semily/tomas-benes'];
  const fokus = staff('fokus-semily', 'key-worker');
  if (fokusClient && fokus) {
    const api = await as(fokus);
    const list = await api<{ items: PlanRec[] }>(
      'GET',
      `/plans?clientId=${fokusClient}`,
      undefined,
      200,
      'FOKUS plan',
    );
    let plan = list.items[0];
    if (plan) {
      plans['fokus-semily/tomas-benes'] = plan.id;
      const step = (p: PlanRec, body: unknown, what: string) =>
        api<PlanRec>(
          'POST',
          `/plans/${p.id}/steps`,
          { ...agreed, ...(body as object) },
          201,
          what,
          p.version,
        );
      plan = await api<PlanRec>(
        'PATCH',
        `/plans/${plan.id}`,
        {
          ...agreed,
          overallGoal: 'Chci zvládnout celý pracovní den v dílně a pak si najít brigádu.',
          reviewDates: [inDays(30), inDays(90)],
        },
        200,
        'FOKUS overall goal',
        plan.version,
      );
      plan = await api<PlanRec>(
        'POST',
        `/plans/${plan.id}/goals`,
        {
          ...agreed,
          text: 'Chci chodit do dílny třikrát týdně na celý den.',
          needCodes: ['work-habits'],
          targetDate: inDays(90),
        },
        201,
        'FOKUS goal 1',
        plan.version,
      );
      plan = await api<PlanRec>(
        'POST',
        `/plans/${plan.id}/goals`,
        {
          ...agreed,
          text: 'Chci vědět, jakou brigádu bych zvládl.',
          needCodes: ['employment'],
          targetDate: inDays(180),
        },
        201,
        'FOKUS goal 2',
        plan.version,
      );
      const [work, job] = plan.goals;
      plan = await step(
        plan,
        {
          goalId: work!.id,
          text: 'Domluvit pevné dny v dílně.',
          assignee: { kind: 'client' },
          dueDate: inDays(7),
        },
        'FOKUS step 1',
      );
      plan = await step(
        plan,
        {
          goalId: job!.id,
          text: 'Zjistit nabídky brigád na Úřadu práce v Semilech.',
          assignee: { kind: 'worker', workerId: fokus.sub },
          dueDate: inDays(14),
        },
        'FOKUS step 2',
      );
      await api(
        'PUT',
        `/plans/${plan.id}/recovery-phase`,
        { ...agreed, phase: 'stabilisation', since: inDays(-3) },
        200,
        'FOKUS phase',
        plan.version,
      );
    }
  }

  // Krizové centrum Liberec: after the first consultation an oral agreement; then a session
  // contract at each consultation (document 000).
  const kcClient = intake.clients['krizove-centrum-liberec/lenka-horka'];
  const krize = seeded.services['krizove-centrum-liberec/krizova-pomoc'];
  const kcWorker = staff('krizove-centrum-liberec', 'key-worker');
  if (kcClient && krize && kcWorker) {
    const api = await as(kcWorker);
    await api(
      'POST',
      `/clients/${kcClient}/agreements`,
      {
        serviceId: krize,
        form: 'oral',
        goal: 'Zvládnout první týdny po rozchodu.',
        keyWorkerId: kcWorker.sub,
      },
      201,
      'crisis-centre oral agreement',
    );
    await rt.settle();
    const list = await api<{ items: PlanRec[] }>(
      'GET',
      `/plans?clientId=${kcClient}`,
      undefined,
      200,
      'crisis plan',
    );
    let plan = list.items[0];
    if (plan) {
      plans['krizove-centrum-liberec/lenka-horka'] = plan.id;
      plan = await api<PlanRec>(
        'PATCH',
        `/plans/${plan.id}`,
        { ...agreed, overallGoal: 'Zvládnout první týdny po rozchodu.', reviewDates: [inDays(14)] },
        200,
        'crisis overall goal',
        plan.version,
      );
      await api(
        'POST',
        `/plans/${plan.id}/sessions`,
        {
          ...agreed,
          heldAt: ago(1),
          focus: 'Jak zvládat večery o samotě.',
          outcome: 'Domluvený večerní rituál a telefon na linku důvěry.',
        },
        201,
        'crisis session contract',
        plan.version,
      );
    }
  }

  await rt.settle();
  return { plans };
};
