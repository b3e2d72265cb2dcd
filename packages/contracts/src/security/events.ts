// AccessRefused: one refused request. Every service emits it for its own refusals (source
// `spolu.<service>`, written to its outbox with a single PutItem) and the gateway for the JWT
// authorizer's (source `spolu.gateway`, from the API access log). The directory keeps them as the
// region's security log. It is not in `allEvents`: partners cannot subscribe to it by webhook.
import type * as z from 'zod';
import { defineEvent, EventSourceName } from '../events/envelope';
import { AccessRefusal } from './schemas';

export const AccessRefused = defineEvent({
  type: 'AccessRefused',
  version: 1,
  source: 'gateway',
  description:
    'A request was refused (401, 403, 404 on a by-id route, a refused cursor, 429): who, what, the answer. Ids only.',
  data: AccessRefusal,
});

/** Every source that emits AccessRefused: the services and the gateway. */
export const accessRefusedSources = EventSourceName.options;

/** The envelope tenant of a refusal by a caller without one (no token, platform ops, coordinators). */
export const noTenant = 'no-tenant';

/** The envelope subject: the caller who was refused (one subject per refusal, revision 1). */
export const refusalSubjectId = (caller: z.input<typeof AccessRefusal>['caller'], requestId: string) =>
  (
    caller.partnerClientId ??
    caller.workerId ??
    caller.sub ??
    caller.clientId ??
    caller.sourceIp ??
    requestId
  ).slice(0, 64);

/** The metric (namespace Spolu, service directory) the security log's consumer emits each time a
 * caller crosses the burst threshold of refusals in a 5-minute window; infra alarms on it. */
export const refusedAccessBurstMetric = 'RefusedAccessBurst';
export const securityMetricNamespace = 'Spolu';
export const securityMetricService = 'directory';
