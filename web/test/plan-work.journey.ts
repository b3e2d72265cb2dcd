// The rest of the individual plan in a real browser: a FOKUS key worker confirms the overall goal,
// records a session contract, involves the client's mother (with the client's consent from
// intake), moves the recovery phase, hands the client over to a colleague (who then sees the plan
// as hers) and, on a phone, the colleague closes the plan. The API is asked what was stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, phone, shot, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

interface StoredPlan {
  id: string;
  version: number;
  status: string;
  overallGoal: string | null;
  keyWorkerId: string | null;
  sessions: { focus: string; outcome?: string; workerId: string }[];
  supportNetwork: { name: string; kind: string; role: string; involvement: string }[];
  recoveryPhase: string | null;
  handovers: { from: string; to: string; note: string }[];
  closed?: { reason: string };
  steps: { done: boolean; doneAt?: string }[];
}

describe('plan work', () => {
  it('a key worker records a session, involves the mother, moves the phase and hands over; the colleague closes the plan on a phone', async () => {
    const pavla = user('fokus-semily/pavla-horackova');
    const marketa = user('fokus-semily/marketa-linkova');
    const api = await actor(rt, pavla);
    const serviceId = seeded.services['fokus-semily/std']!;
    const clientId = await registerNamedClient(api, {
      serviceId,
      name: 'Tomáš Beneš',
      birthDate: '1979-06-02',
      sex: 'male',
      district: 'semily',
    });
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      (
        await api.post(`/clients/${clientId}/consents`, {
          serviceId,
          purpose: 'involve-close-person',
          involvedParty: { name: 'Hana Benešová', relation: 'matka' },
          givenAt: hourAgo,
          form: 'oral',
        })
      ).status,
    ).toBe(201);
    expect(
      (await api.post(`/clients/${clientId}/agreements`, { serviceId, form: 'oral', goal: 'Bydlet sám.' }))
        .status,
    ).toBe(201);
    await rt.settle();
    const plan = (await api.get<{ items: StoredPlan[] }>(`/plans?clientId=${clientId}`)).body.items[0]!;
    // The plan is hers: key worker by intake's agreement, as the worklist and this screen expect.
    expect(
      (
        await api.put(
          `/plans/${plan.id}/key-worker`,
          { agreedWithClient: true, keyWorkerId: pavla.sub },
          {
            headers: { 'if-match': `"${plan.version}"` },
          },
        )
      ).status,
    ).toBe(200);
    const goal = await api.post<{ goals: { id: string }[] }>(
      `/plans/${plan.id}/goals`,
      { agreedWithClient: true, text: 'Platit nájem včas', needCodes: ['housing'], targetDate: '2027-06-30' },
      { headers: { 'if-match': `"${plan.version + 1}"` } },
    );
    expect(goal.status).toBe(201);
    const step = await api.post(
      `/plans/${plan.id}/steps`,
      {
        agreedWithClient: true,
        goalId: goal.body.goals[0]!.id,
        text: 'Zřídit trvalý příkaz',
        assignee: { kind: 'client' },
        dueDate: '2027-01-31',
      },
      { headers: { 'if-match': `"${plan.version + 2}"` } },
    );
    expect(step.status).toBe(201);
    // What the other services make of these changes reaches the plan first: otherwise a late event
    // could move the plan's version after the page loaded it, and the first save would meet a 412.
    await rt.settle();

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, pavla.email);
    await page.goto(`/#/plans/${plan.id}`);
    await page.getByRole('heading', { name: 'Individuální plán' }).waitFor();

    const overall = page.getByRole('form', { name: 'Zakázka klienta' });
    await overall.getByRole('textbox', { name: 'Zakázka klienta' }).fill('Bydlet sám a zvládat domácnost.');
    await overall.getByLabel('Změnu jsme dohodli s klientem').check();
    await overall.getByRole('button', { name: 'Uložit zakázku' }).click();
    await page.getByText('Zakázka klienta: Bydlet sám a zvládat domácnost.').waitFor();

    const session = page.getByRole('form', { name: 'Zapsat setkání' });
    await session.getByLabel('Na čem klient chtěl dnes pracovat (kontrakt)').fill('Rozpočet na měsíc');
    await session.getByLabel(/Co jsme dohodli a udělali/).fill('Sepsali jsme výdaje; příště nákupy.');
    await session.getByRole('button', { name: 'Zapsat setkání' }).click();
    // Without the client's agreement nothing is stored; the form keeps what was typed.
    await session.getByText('Plán se mění jen po dohodě s klientem').waitFor();
    expect(await session.getByLabel('Na čem klient chtěl dnes pracovat (kontrakt)').inputValue()).toBe(
      'Rozpočet na měsíc',
    );
    await session.getByLabel('Změnu jsme dohodli s klientem').check();
    await session.getByRole('button', { name: 'Zapsat setkání' }).click();
    await page.getByText('Setkání zapsáno.').waitFor();

    const done = page.getByRole('form', { name: 'Zapsat splněný krok' });
    await done.getByLabel('Kdy byl splněn').fill('2026-11-20');
    await done.getByLabel('Změnu jsme dohodli s klientem').check();
    await done.getByRole('button', { name: 'Zapsat splněný krok' }).click();
    await page.getByText('✓ Zřídit trvalý příkaz').waitFor();

    const support = page.getByRole('form', { name: 'Zapojit blízkou osobu nebo instituci' });
    await support.getByLabel('Souhlas klienta se zapojením').selectOption({ label: 'Hana Benešová (matka)' });
    expect(await support.getByLabel('Jméno').inputValue()).toBe('Hana Benešová');
    await support.getByLabel('Kdo to je').selectOption('family');
    await support.getByLabel('Jak klientovi pomáhá').fill('pomáhá s nákupy');
    await support.getByLabel('Změnu jsme dohodli s klientem').check();
    await support.getByRole('button', { name: 'Zapojit blízkou osobu nebo instituci' }).click();
    await page.getByText('Podpůrná síť uložena.').waitFor();

    const phase = page.getByRole('form', { name: 'Zapsat změnu fáze' });
    await phase.getByLabel('Fáze', { exact: true }).selectOption('re-orientation');
    await phase.getByLabel('Změnu jsme dohodli s klientem').check();
    await phase.getByRole('button', { name: 'Zapsat změnu fáze' }).click();
    await page.getByText('Nyní: re-orientace').waitFor();
    await expectAccessible(page, 'plan with sessions, support network and phase');
    await shot(page, 'plan-work');

    const handOver = page.getByRole('form', { name: 'Předat klienta kolegovi' });
    await handOver.getByLabel('Nový klíčový pracovník').selectOption({ label: 'Markéta Linková' });
    await handOver.getByLabel('Změnu jsme dohodli s klientem').check();
    await handOver.getByRole('button', { name: 'Předat' }).click();
    // A handover needs a note for the next worker (000), in Czech next to the field.
    await handOver.getByText('Při změně klíčového pracovníka napište předávací poznámku').first().waitFor();
    await handOver
      .getByLabel('Předávací poznámka: co potřebuje nový pracovník vědět')
      .fill('Maminka pomáhá s nákupy; rozpočet rozpracovaný.');
    await handOver.getByRole('button', { name: 'Předat' }).click();
    await page.getByText('Klíčový pracovník změněn.').waitFor();
    await page.getByText('Nyní: Markéta Linková').waitFor();
    await context.close();

    // The colleague on a phone: the plan is now on her side; she closes it.
    const mobile = await newPage(browser, rt.url, { viewport: phone });
    await signIn(mobile.page, marketa.email);
    await mobile.page.goto(`/#/plans/${plan.id}`);
    const closure = mobile.page.getByRole('form', { name: 'Uzavřít plán' });
    await closure.getByLabel('Proč se plán uzavírá').selectOption('goals-achieved');
    await closure.getByLabel('Změnu jsme dohodli s klientem').check();
    await expectAccessible(mobile.page, 'plan closure on a phone');
    await closure.getByRole('button', { name: 'Uzavřít plán' }).click();
    await mobile.page.getByText(/Plán je uzavřený \(cíle jsou splněny/).waitFor();
    expect(await mobile.page.getByRole('form', { name: 'Zapsat setkání' }).count()).toBe(0);
    // The history names each change in Czech.
    await mobile.page.getByRole('listitem').filter({ hasText: 'plán uzavřen' }).waitFor();
    await mobile.context.close();

    const stored = (await (await actor(rt, marketa)).get<StoredPlan>(`/plans/${plan.id}`)).body;
    expect(stored).toMatchObject({
      status: 'closed',
      closed: { reason: 'goals-achieved' },
      overallGoal: 'Bydlet sám a zvládat domácnost.',
      keyWorkerId: marketa.sub,
      recoveryPhase: 're-orientation',
    });
    expect(stored.sessions).toEqual([
      expect.objectContaining({
        focus: 'Rozpočet na měsíc',
        outcome: 'Sepsali jsme výdaje; příště nákupy.',
        workerId: pavla.sub,
      }),
    ]);
    expect(stored.supportNetwork).toEqual([
      expect.objectContaining({
        name: 'Hana Benešová',
        kind: 'family',
        role: 'pomáhá s nákupy',
        involvement: 'active',
      }),
    ]);
    expect(stored.handovers).toEqual([
      expect.objectContaining({
        from: pavla.sub,
        to: marketa.sub,
        note: 'Maminka pomáhá s nákupy; rozpočet rozpracovaný.',
      }),
    ]);
    expect(stored.steps).toEqual([expect.objectContaining({ done: true, doneAt: '2026-11-20' })]);
    // Versions: opened, key worker, goal, step, overall goal, session, step done, support person,
    // phase, handover, closure.
    expect(stored.version).toBe(plan.version + 10);
  });
});
