// Matrix fixtures for the contacts day log (issue 21 item 2): the tally, corrections and voids.
// The rest of intake's routes are in ./fixtures.ts.
import type { MatrixWorld, RouteFixture } from './fixtures';
import { child, contactBody, ifMatch, newClient } from './fixtures';

const pragueToday = (w: MatrixWorld) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(w.rt.clock.now());
const contact = async (w: MatrixWorld) =>
  child(w, 'a contact', '/contacts', contactBody(w, (await newClient(w)).id));

export const intakeMatrixFixtures: Record<string, RouteFixture> = {
  'intake.tallyContacts': {
    build: async (w) => {
      await contact(w);
      return { query: { from: pragueToday(w) } };
    },
    allow: { tenantB: "a tenant-scoped tally: the caller counts only its own provider's contacts" },
  },
  'intake.correctContact': {
    build: async (w) => {
      const k = await contact(w);
      return {
        params: { contactId: k.id },
        body: { durationMinutes: 25, reason: 'Matrix: kontakt trval déle.' },
        headers: ifMatch(k.version),
      };
    },
  },
  'intake.voidContact': {
    build: async (w) => {
      const k = await contact(w);
      return {
        params: { contactId: k.id },
        body: { reason: 'Matrix: zapsáno omylem.' },
        headers: ifMatch(k.version),
      };
    },
  },
};
