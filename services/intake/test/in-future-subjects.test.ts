// A record dated ahead is refused in the words of its own kind (issue 18): a needs assessment, a
// consultation and questionnaire answers no longer read "a contact cannot be recorded for the
// future"; each has its own rule code with Czech and English texts, and the contact keeps
// `in-future`. Nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem } from '@spolu/contracts';
import { kCentrumIncomeTemplate, ruleText } from '@spolu/contracts';
import type { World } from './fixtures';
import { hoursAhead, namedClient, startWorld } from './fixtures';

let w: World;
let clientId: string;
let templateId: string;

beforeAll(async () => {
  w = await startWorld();
  clientId = (await w.spektrum.post<{ id: string }>('/clients', namedClient(w.services.kontakt))).body.id;
  const tpl = await w.spektrumKey.post<{ id: string }>('/questionnaire-templates', {
    ...kCentrumIncomeTemplate,
    serviceId: w.services.kontakt,
  });
  templateId = tpl.body.id;
});
afterAll(async () => {
  await w.rt.stop();
});

const cases = () =>
  [
    {
      what: 'a needs assessment',
      path: `/clients/${clientId}/needs-assessments`,
      body: {
        serviceId: w.services.kontakt,
        assessedAt: hoursAhead(w.rt, 2),
        needs: [{ code: 'housing', clientPriority: 'high', workerPriority: 'medium' }],
      },
      field: 'body.assessedAt',
      code: 'assessment-in-future',
      english: 'a needs assessment cannot be recorded for the future',
      czech: 'Posouzení potřeb nelze zapsat do budoucna.',
    },
    {
      what: 'a consultation',
      path: `/clients/${clientId}/consultations`,
      body: {
        serviceId: w.services.kontakt,
        heldAt: hoursAhead(w.rt, 2),
        durationMinutes: 30,
        outcome: 'undecided',
      },
      field: 'body.heldAt',
      code: 'consultation-in-future',
      english: 'a consultation cannot be recorded for the future',
      czech: 'Konzultaci nelze zapsat do budoucna.',
    },
    {
      what: 'questionnaire answers',
      path: `/clients/${clientId}/questionnaires`,
      body: { templateId, templateVersion: 1, answeredAt: hoursAhead(w.rt, 2), answers: {} },
      field: 'body.answeredAt',
      code: 'answers-in-future',
      english: 'questionnaire answers cannot be recorded for the future',
      czech: 'Odpovědi dotazníku nelze zapsat do budoucna.',
    },
    {
      what: 'a contact',
      path: '/contacts',
      body: {
        serviceId: w.services.kontakt,
        kind: 'client',
        clientId,
        occurredAt: hoursAhead(w.rt, 2),
        durationMinutes: 15,
        place: { kind: 'centre' },
        interventions: [{ type: 'counselling' }],
      },
      field: 'body.occurredAt',
      code: 'in-future',
      english: 'a contact cannot be recorded for the future',
      czech: 'Kontakt nelze zapsat do budoucna.',
    },
  ] as const;

describe('a record dated ahead names its own subject', () => {
  it.each(['a needs assessment', 'a consultation', 'questionnaire answers', 'a contact'])(
    '%s: its own rule code and words, in English and Czech',
    async (what) => {
      const c = cases().find((x) => x.what === what)!;
      const english = await w.spektrum.post<Problem>(c.path, c.body);
      expect(english.status).toBe(422);
      expect(english.body.errors).toEqual([{ path: c.field, code: c.code, message: c.english }]);
      const czech = await w.spektrum.post<Problem>(c.path, c.body, { headers: { 'accept-language': 'cs' } });
      expect(czech.status).toBe(422);
      expect(czech.body.errors).toEqual([{ path: c.field, code: c.code, message: c.czech }]);
      expect(ruleText(c.code, 'cs')).toBe(c.czech);
    },
  );

  it('stores nothing: the client file holds only the registration', async () => {
    const file = await w.spektrum.get<{ items: { kind: string }[] }>(`/clients/${clientId}/file`);
    expect(file.body.items.map((i) => i.kind)).toEqual(['registration']);
  });
});
