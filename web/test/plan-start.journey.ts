// Issue 18 in a real browser: the plan starts from the agreement. The overall goal form offers the
// agreement's goal (the worker confirms it, not types it a third time) and links the client's
// needs assessment; a goal just added is the one the step form offers. The API is asked what was
// stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { newPage, signIn } from './browser';
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
  overallGoal: string | null;
  needsAssessmentId?: string | null;
  goals: { id: string; text: string }[];
}

describe('plan start', () => {
  it("offers the agreement's goal, links the needs assessment and offers the new goal for its first step", async () => {
    const pavla = user('fokus-semily/pavla-horackova');
    const api = await actor(rt, pavla);
    const serviceId = seeded.services['fokus-semily/std']!;
    const clientId = await registerNamedClient(api, {
      serviceId,
      name: 'Karel Dušek',
      birthDate: '1975-03-14',
      sex: 'male',
      district: 'semily',
    });
    const assessment = await api.post<{ id: string }>(`/clients/${clientId}/needs-assessments`, {
      serviceId,
      assessedAt: new Date(Date.now() - 3_600_000).toISOString(),
      needs: [{ code: 'housing', clientPriority: 'high', workerPriority: 'high' }],
    });
    expect(assessment.status).toBe(201);
    await rt.settle();
    const agreement = await api.post(`/clients/${clientId}/agreements`, {
      serviceId,
      form: 'oral',
      goal: 'Najít si podnájem do konce roku.',
      keyWorkerId: pavla.sub,
    });
    expect(agreement.status).toBe(201);
    await rt.settle();
    const plan = (await api.get<{ items: StoredPlan[] }>(`/plans?clientId=${clientId}`)).body.items[0]!;
    expect(plan.overallGoal).toBeNull();

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, pavla.email);
    await page.goto(`/#/plans/${plan.id}`);
    await page.getByRole('heading', { name: 'Individuální plán' }).waitFor();

    const overall = page.getByRole('form', { name: 'Zakázka klienta' });
    const goalBox = overall.getByRole('textbox', { name: 'Zakázka klienta' });
    await overall.getByText('Převzato z dohody s klientem; potvrďte nebo upravte.').waitFor();
    expect(await goalBox.inputValue()).toBe('Najít si podnájem do konce roku.');
    await overall.getByLabel('Změnu jsme dohodli s klientem').check();
    await overall.getByRole('button', { name: 'Uložit zakázku' }).click();
    await page.getByText('Zakázka klienta: Najít si podnájem do konce roku.').waitFor();
    const confirmed = (await api.get<StoredPlan>(`/plans/${plan.id}`)).body;
    expect(confirmed).toMatchObject({
      overallGoal: 'Najít si podnájem do konce roku.',
      needsAssessmentId: assessment.body.id,
    });

    // Two goals: the step form offers the one just added, not the first in the list.
    for (const text of ['Projít nabídky podnájmů.', 'Našetřit na kauci.']) {
      const addGoal = page.getByRole('form', { name: 'Přidat cíl' });
      await addGoal.getByLabel('Cíl slovy klienta').fill(text);
      await addGoal.getByLabel('Potřeby').selectOption('housing');
      await addGoal.getByLabel('Termín', { exact: true }).fill('2027-06-30');
      await addGoal.getByLabel('Změnu jsme dohodli s klientem').check();
      await addGoal.getByRole('button', { name: 'Přidat cíl' }).click();
      await page.getByRole('listitem').filter({ hasText: text }).first().waitFor();
    }
    const stored = (await api.get<StoredPlan>(`/plans/${plan.id}`)).body;
    const newest = stored.goals.find((g) => g.text === 'Našetřit na kauci.')!;
    const stepGoal = page.getByRole('form', { name: 'Přidat krok' }).getByLabel('Cíle');
    expect(await stepGoal.inputValue()).toBe(newest.id);
    await context.close();
  });
});
