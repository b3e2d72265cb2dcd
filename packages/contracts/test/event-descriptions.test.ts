// Every event type has a description in words in both languages of the console, and no
// description is left for a type that no longer exists.
import { describe, expect, it } from '@jest/globals';
import { eventDescription, eventDescriptions } from '../src/event-descriptions';
import { eventTypeCatalogue } from '../src/event-types';

const types = eventTypeCatalogue.map((e) => e.type).sort();

describe('the event descriptions (data/event-descriptions.*.json)', () => {
  it.each(['cs', 'en'] as const)('describe exactly the event types in %s', (language) => {
    expect(Object.keys(eventDescriptions[language]).sort()).toEqual(types);
    for (const type of types) {
      const text = eventDescriptions[language][type]!;
      expect(text.trim().length).toBeGreaterThan(5);
      // Words, not the technical name again.
      expect(text).not.toContain(type);
    }
  });

  it('are Czech in Czech: no description equals its English twin', () => {
    for (const type of types) expect(eventDescriptions.cs[type]).not.toBe(eventDescriptions.en[type]);
  });

  it('read an unknown type as it is', () => {
    expect(eventDescription('ReferralAccepted', 'cs')).toBe('Doporučení přijato');
    expect(eventDescription('SomethingNew', 'cs')).toBe('SomethingNew');
  });
});
