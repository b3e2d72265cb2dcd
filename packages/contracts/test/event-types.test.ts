// The list of event names is the event contracts' own (scripts/event-types.ts writes it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { eventTypesFile, renderEventTypes } from '../scripts/event-types';
import { allEvents } from '../src/event-catalog';
import { eventTypeCatalogue } from '../src/event-types';

describe('the event type catalogue', () => {
  it('is exactly what the event contracts say (npx tsx packages/contracts/scripts/event-types.ts)', () => {
    expect(readFileSync(eventTypesFile, 'utf8')).toBe(renderEventTypes());
    expect(eventTypeCatalogue).toEqual(allEvents.map((e) => ({ type: e.type, source: e.source })));
  });
});
