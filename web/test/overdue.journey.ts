// Overdue steps in the inbox (issue 21 item 1): a key worker's plan has a step whose date has
// passed; on a phone the worker's "Upozornění" lists it under "Po termínu" as a sentence with the
// client's name and the step's own words (the worklist answers only ids and dates), and the link
// opens the plan.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, phone, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';
import { clientWithPlan } from './plan-setup';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

/** A calendar date `days` before today (far enough from midnight in any time zone). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('overdue steps in the inbox', () => {
  it('names the client and the step in words, and opens the plan', async () => {
    const pavla = user('fokus-semily/pavla-horackova');
    const api = await actor(rt, pavla);
    const { planId, change } = await clientWithPlan(rt, api, {
      serviceId: seeded.services['fokus-semily/std']!,
      keyWorkerId: pavla.sub,
      name: 'Jarmila Prošlá',
      birthDate: '1968-04-11',
      sex: 'female',
      district: 'semily',
      goal: 'Mít zaplacené energie.',
    });
    const goalId = (
      await change('/goals', {
        text: 'Splácet dluh na elektřině',
        needCodes: ['housing'],
        targetDate: '2027-06-30',
      })
    ).createdId;
    await change('/steps', {
      goalId,
      text: 'Domluvit splátkový kalendář s dodavatelem',
      assignee: { kind: 'client' },
      dueDate: daysAgo(3),
    });
    await rt.settle();

    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, pavla.email);
    await page.goto('/#/inbox');
    await page.getByRole('heading', { name: 'Po termínu' }).waitFor();
    const item = page
      .getByRole('listitem')
      .filter({ hasText: 'Jarmila Prošlá: krok „Domluvit splátkový kalendář s dodavatelem“ měl být hotov' });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/\(\d+ (den|dny|dní) po termínu\)/);
    await expectAccessible(page, 'inbox with an overdue step');
    await item.getByRole('link', { name: 'Otevřít plán' }).click();
    await page.waitForURL(new RegExp(`#/plans/${planId}$`));
    await page.getByRole('heading', { name: 'Individuální plán' }).waitFor();
    await context.close();
  });
});
