// The one list of every event, in the order services were added. A new service adds its events
// here; the webhooks catalogue, docs and tests pick them up.
import { directoryEvents } from './directory/events';
import type { EventContract } from './events/envelope';
import { intakeEvents } from './intake/events';
import { plansEvents } from './plans/events';
import { referralsEvents } from './referrals/events';
import { webhooksEvents } from './webhooks/events';

export const allEvents: EventContract[] = [
  ...directoryEvents,
  ...intakeEvents,
  ...plansEvents,
  ...webhooksEvents,
  ...referralsEvents,
];
