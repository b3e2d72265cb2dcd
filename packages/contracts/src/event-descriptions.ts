// What each event type means, in words, as data (data/event-descriptions.<language>.json): the
// console shows these instead of the technical names when an admin picks webhook subscriptions
// or reads a delivery log. A test checks every event type has a description in both languages.
import cs from '../data/event-descriptions.cs.json' with { type: 'json' };
import en from '../data/event-descriptions.en.json' with { type: 'json' };

export const eventDescriptions: Readonly<Record<'cs' | 'en', Readonly<Record<string, string>>>> = {
  cs: cs.descriptions,
  en: en.descriptions,
};

/** The event type in words; an unknown type (a newer API than this console) stays as it is. */
export const eventDescription = (type: string, language: 'cs' | 'en') =>
  Object.hasOwn(eventDescriptions[language], type) ? eventDescriptions[language][type]! : type;
