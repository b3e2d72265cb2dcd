// Every event's type and source as data (data/event-types.json, written from the event contracts
// by scripts/event-types.ts and checked by a test): for code that needs the names only.
import eventTypes from '../data/event-types.json' with { type: 'json' };
import { EventSourceName } from './events/envelope';

export interface EventTypeEntry {
  type: string;
  source: EventSourceName;
}

export const eventTypeCatalogue: readonly EventTypeEntry[] = eventTypes.map((e) => ({
  type: e.type,
  source: EventSourceName.parse(e.source),
}));
