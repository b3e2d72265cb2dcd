// Writes data/event-types.json: every event's type and source, in catalogue order, from the event
// contracts (event-catalog.ts). Functions that need only the names (the webhooks subscriptions
// and fanout) read this list instead of building every event's data schema at cold start.
//
//   npx tsx packages/contracts/scripts/event-types.ts
// packages/contracts/test/event-types.test.ts fails when the file and the contracts differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allEvents } from '../src/event-catalog';

export const eventTypesFile = fileURLToPath(new URL('../data/event-types.json', import.meta.url));

export const renderEventTypes = () =>
  `${JSON.stringify(
    allEvents.map((e) => ({ type: e.type, source: e.source })),
    null,
    2,
  )}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(eventTypesFile, renderEventTypes());
  console.log(`wrote ${eventTypesFile}`);
}
