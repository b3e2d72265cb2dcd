// The plan's change log reads as Czech sentences (issue 21 item 5): given the API's field-level
// diff of a version, the key worker reads what changed, goals and steps named by their text,
// dates as dates, never an id or JSON.
import { describe, expect, it } from '@jest/globals';
import type { plans } from '@spolu/contracts';
import { createIntl } from 'react-intl';
import { cs } from '../src/i18n/cs';
import type { MessageId } from '../src/i18n/cs';
import { changeLog } from '../src/screens/worker/plan/changeLog';

const intl = createIntl({ locale: 'cs', messages: cs });
const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
const date = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium' });

const goalId = '01JD0000000000000000000G01';
const stepId = '01JD0000000000000000000S01';
const personId = '01JD0000000000000000000P01';
const plan = {
  goals: [{ id: goalId, text: 'Uvařím si sama oběd' }],
  supportNetwork: [{ id: personId, name: 'Marie (sestra)' }],
};
const log = (changes: plans.FieldChange[]) => changeLog(changes, { t, date, plan });

describe('the plan change log', () => {
  it('names a new step with its goal and due date', () => {
    expect(
      log([
        {
          path: `steps.${stepId}`,
          op: 'added',
          to: { id: stepId, goalId, text: 'Nakoupit suroviny', dueDate: '2027-01-15', done: false },
          label: 'Nakoupit suroviny',
        },
      ]),
    ).toEqual([`Přidán krok „Nakoupit suroviny“ k cíli „Uvařím si sama oběd“ (do ${date('2027-01-15')})`]);
  });

  it('says a goal status in words and a moved review date as one move', () => {
    expect(
      log([
        {
          path: `goals.${goalId}.status`,
          op: 'changed',
          from: 'active',
          to: 'achieved',
          label: 'Uvařím si sama oběd',
        },
        {
          path: `goals.${goalId}.statusChangedAt`,
          op: 'added',
          to: '2026-12-01T10:00:00Z',
          label: 'Uvařím si sama oběd',
        },
        { path: 'reviewDates', op: 'removed', from: '2027-01-10' },
        { path: 'reviewDates', op: 'added', to: '2027-02-10' },
      ]),
    ).toEqual([
      `Termín revize posunut z ${date('2027-01-10')} na ${date('2027-02-10')}`,
      'Cíl „Uvařím si sama oběd“: stav změněn z aktivní na dosažený',
    ]);
  });

  it('names people, phases and closing in words, and never shows an id or JSON', () => {
    const sentences = log([
      {
        path: `supportNetwork.${personId}`,
        op: 'added',
        to: { id: personId, name: 'Marie (sestra)', kind: 'family' },
      },
      { path: 'recoveryPhase', op: 'changed', from: 'stabilisation', to: 're-orientation' },
      { path: 'closed', op: 'added', to: { reason: 'goals-achieved', at: '2026-12-01T10:00:00Z' } },
      { path: 'facts.ageBand', op: 'changed', from: '18-26', to: '27-64' },
    ]);
    expect(sentences).toEqual([
      'Do podpůrné sítě přibyl(a) Marie (sestra)',
      'Fáze zotavení: re-orientace',
      'Plán uzavřen',
    ]);
    for (const s of sentences) expect(s).not.toMatch(/[{}[\]]|01JD/);
  });

  it('says something even when only bookkeeping changed', () => {
    expect(log([{ path: 'facts.district', op: 'changed', from: 'a', to: 'b' }])).toEqual([
      'Úprava záznamu plánu bez změny obsahu',
    ]);
  });
});
