// Home visits as workers record them (issue 18, "Home visits"): a visit refused because the
// checklist is not met stays in the client file with its reason; help is called during the
// visit and who was called is recorded; a visit has an address (named clients) and an outcome.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { World } from './fixtures';
import { anonymousClient, completeChecklist, hoursAgo, namedClient, startWorld } from './fixtures';

type Rec = { id: string; version: number; [k: string]: unknown };
type Problem = { status: number; errors: { code: string; path: string; message: string }[] };
type Visit = Rec & {
  status: string;
  address?: string;
  refusalReason?: string;
  outcome?: string;
  leaveSafety?: Record<string, unknown>;
};

let w: World;
let named: string;
let anonymous: string;
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const czech = { headers: { 'accept-language': 'cs' } };
const safe = {
  acuteDanger: false,
  clientPsychotic: false,
  clientSuicidal: false,
  professionalHelpCalled: false,
};
const at = (hours: number) => hoursAgo(w.rt, hours);

beforeAll(async () => {
  w = await startWorld();
  named = (await w.fokus.post<Rec>('/clients', namedClient(w.services.std))).body.id;
  anonymous = (await w.spektrum.post<Rec>('/clients', anonymousClient(w.services.teren))).body.id;
});
afterAll(async () => {
  await w.rt.stop();
});

const visits = async (clientId: string, who = w.fokus) =>
  (await who.get<{ items: Visit[] }>(`/clients/${clientId}/home-visits`)).body.items;

const schedule = (over: Record<string, unknown> = {}) =>
  w.fokus.post<Visit>(`/clients/${named}/home-visits`, {
    serviceId: w.services.std,
    scheduledAt: at(3),
    workerCount: 2,
    checklist: completeChecklist,
    ...over,
  });

describe('a refused visit', () => {
  it('is recorded with its reason and stays in the client file', async () => {
    const refused = await w.fokus.post<Visit>(`/clients/${named}/home-visits/refusals`, {
      serviceId: w.services.std,
      scheduledAt: at(-24),
      checklist: { ...completeChecklist, prohibitedActivitiesAcknowledged: false },
      reason: 'Partner klientky nesouhlasí s pravidly návštěvy; domluveno setkání v centru.',
    });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusalReason: 'Partner klientky nesouhlasí s pravidly návštěvy; domluveno setkání v centru.',
    });
    expect((await visits(named)).map((v) => v.id)).toContain(refused.body.id);
    const file = await w.fokus.get<{
      items: { kind: string; id: string; record: Record<string, unknown> }[];
    }>(`/clients/${named}/file`);
    expect(file.body.items.find((i) => i.id === refused.body.id)).toMatchObject({
      kind: 'home-visit',
      record: { status: 'refused', refusalReason: expect.stringContaining('Partner klientky') },
    });

    const closing = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${refused.body.id}/closure`,
      { endedAt: at(0), leaveSafety: safe },
      ifMatch(1),
    );
    expect(closing.status).toBe(422);
    expect(closing.body.errors[0]!.code).toBe('home-visit-refused');
  });

  it('needs an unmet checklist and a reason; nothing is stored otherwise', async () => {
    const before = (await visits(named)).length;
    const complete = await w.fokus.post<Problem>(
      `/clients/${named}/home-visits/refusals`,
      { serviceId: w.services.std, scheduledAt: at(-24), checklist: completeChecklist, reason: 'Nevím.' },
      czech,
    );
    expect(complete.status).toBe(422);
    expect(complete.body.errors[0]).toMatchObject({
      code: 'home-visit-checklist-complete',
      path: 'body.checklist',
    });
    expect(complete.body.errors[0]!.message).toContain('naplánujte');
    const noReason = await w.fokus.post<Problem>(`/clients/${named}/home-visits/refusals`, {
      serviceId: w.services.std,
      scheduledAt: at(-24),
      checklist: { ...completeChecklist, expectationsClear: false },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors.map((e) => e.path)).toContain('body.reason');
    const foreign = await w.spektrum.post(`/clients/${named}/home-visits/refusals`, {
      serviceId: w.services.teren,
      scheduledAt: at(-24),
      checklist: { ...completeChecklist, expectationsClear: false },
      reason: 'Cizí klient.',
    });
    expect(foreign.status).toBe(404);
    expect(await visits(named)).toHaveLength(before);
  });
});

describe('help called during the visit', () => {
  it('records who was called; a time outside the visit is refused and the visit stays open', async () => {
    const visit = await schedule();
    expect(visit.status).toBe(201);
    const risky = { ...safe, clientSuicidal: true, professionalHelpCalled: true };
    const before = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${visit.body.id}/closure`,
      { endedAt: at(1), leaveSafety: { ...risky, helpCalledAt: at(5), helpCalledWho: 'emergency-155' } },
      { headers: { ...ifMatch(1).headers, ...czech.headers } },
    );
    expect(before.status).toBe(422);
    expect(before.body.errors[0]).toMatchObject({
      code: 'help-called-outside-visit',
      path: 'body.leaveSafety.helpCalledAt',
    });
    expect(before.body.errors[0]!.message).toContain('během návštěvy');
    const after = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${visit.body.id}/closure`,
      { endedAt: at(2), leaveSafety: { ...risky, helpCalledAt: at(1), helpCalledWho: 'crisis-centre' } },
      ifMatch(1),
    );
    expect(after.body.errors[0]!.code).toBe('help-called-outside-visit');
    expect((await visits(named)).find((v) => v.id === visit.body.id)!.status).toBe('scheduled');

    const closed = await w.fokus.put<Visit>(
      `/clients/${named}/home-visits/${visit.body.id}/closure`,
      {
        endedAt: at(1),
        outcome: 'ended-early-safety',
        leaveSafety: { ...risky, helpCalledAt: at(2), helpCalledWho: 'emergency-155' },
      },
      ifMatch(1),
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'ended-early-safety',
      leaveSafety: { helpCalledWho: 'emergency-155', professionalHelpCalled: true },
    });
  });

  it('who was called is recorded only when help was called; an unknown kind of help is refused', async () => {
    const visit = await schedule();
    const notCalled = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${visit.body.id}/closure`,
      { endedAt: at(1), leaveSafety: { ...safe, helpCalledWho: 'other', helpCalledDetail: 'soused' } },
      ifMatch(1),
    );
    expect(notCalled.status).toBe(422);
    expect(notCalled.body.errors[0]!.code).toBe('help-called-without-help');
    const unknown = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${visit.body.id}/closure`,
      { endedAt: at(1), leaveSafety: { ...safe, professionalHelpCalled: true, helpCalledWho: 'police-158' } },
      ifMatch(1),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]!.path).toContain('helpCalledWho');
    expect((await visits(named)).find((v) => v.id === visit.body.id)!.status).toBe('scheduled');
  });
});

describe('address and outcome', () => {
  it("a named client's visit has the client's address unless another is given", async () => {
    const fromClient = await schedule();
    expect(fromClient.body.address).toBe('Husova 12, Semily');
    const given = await schedule({ address: 'Nádražní 3, Semily (u matky)' });
    expect(given.body.address).toBe('Nádražní 3, Semily (u matky)');
  });

  it("an anonymous client's address is not written down", async () => {
    const before = (await visits(anonymous, w.spektrum)).length;
    const refused = await w.spektrum.post<Problem>(`/clients/${anonymous}/home-visits`, {
      serviceId: w.services.teren,
      scheduledAt: at(-24),
      workerCount: 2,
      checklist: completeChecklist,
      address: 'Lesní 4, Žďár nad Sázavou',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'home-visit-address-anonymous',
      path: 'body.address',
    });
    expect(await visits(anonymous, w.spektrum)).toHaveLength(before);
    const without = await w.spektrum.post<Visit>(`/clients/${anonymous}/home-visits`, {
      serviceId: w.services.teren,
      scheduledAt: at(-24),
      workerCount: 2,
      checklist: completeChecklist,
    });
    expect(without.status).toBe(201);
    expect(without.body.address).toBeUndefined();
  });

  it('a closed visit has an outcome: completed unless told otherwise; an unknown one is refused', async () => {
    const plain = await schedule();
    const completed = await w.fokus.put<Visit>(
      `/clients/${named}/home-visits/${plain.body.id}/closure`,
      { endedAt: at(2), leaveSafety: safe },
      ifMatch(1),
    );
    expect(completed.body.outcome).toBe('completed');
    const absent = await schedule();
    const bad = await w.fokus.put<Problem>(
      `/clients/${named}/home-visits/${absent.body.id}/closure`,
      { endedAt: at(2), leaveSafety: safe, outcome: 'went-well' },
      ifMatch(1),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]!.path).toBe('body.outcome');
    const notPresent = await w.fokus.put<Visit>(
      `/clients/${named}/home-visits/${absent.body.id}/closure`,
      { endedAt: at(2), leaveSafety: safe, outcome: 'client-not-present' },
      ifMatch(1),
    );
    expect(notPresent.body).toMatchObject({ status: 'closed', outcome: 'client-not-present' });
  });
});
