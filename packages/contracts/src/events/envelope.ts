import { Ulid } from '../ids';
import { IsoDateTime, RegionCode } from '../values';
import * as z from 'zod';

export const ServiceName = z.enum([
  'directory',
  'intake',
  'plans',
  'referrals',
  'stats',
  'webhooks',
  'inbox',
]);
export type ServiceName = z.infer<typeof ServiceName>;

/** Who puts events on the bus: the services (through their outbox), and the gateway for refusals
 * that never reach a service (the JWT authorizer's 401/403, read from the API access log). */
export const EventSourceName = z.enum([...ServiceName.options, 'gateway']);
export type EventSourceName = z.infer<typeof EventSourceName>;

export const Subject = z.strictObject({
  type: z.string().min(1).max(40),
  id: z.string().min(1).max(64),
  /** The subject's version after the change: consumers use it to ignore stale, out-of-order events. */
  revision: z.number().int().min(1),
});
export type Subject = z.infer<typeof Subject>;

export const envelopeOf = <T extends string, V extends number, D extends z.ZodType>(
  type: T,
  version: V,
  data: D,
) =>
  z.strictObject({
    id: Ulid,
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: IsoDateTime,
    tenantId: z.string().min(1).max(64),
    region: RegionCode,
    subject: Subject,
    data,
  });

export const AnyEnvelope = z.strictObject({
  id: Ulid,
  type: z.string().min(1).max(64),
  version: z.number().int().min(1),
  occurredAt: IsoDateTime,
  tenantId: z.string().min(1).max(64),
  region: RegionCode,
  subject: Subject,
  data: z.record(z.string(), z.unknown()),
});
export type AnyEnvelope = z.infer<typeof AnyEnvelope>;

export interface EventContract<
  T extends string = string,
  V extends number = number,
  D extends z.ZodType = z.ZodType,
> {
  type: T;
  version: V;
  source: EventSourceName;
  description: string;
  data: D;
  envelope: ReturnType<typeof envelopeOf<T, V, D>>;
}

export const defineEvent = <T extends string, V extends number, D extends z.ZodType>(def: {
  type: T;
  version: V;
  source: EventSourceName;
  description: string;
  data: D;
}): EventContract<T, V, D> => ({ ...def, envelope: envelopeOf(def.type, def.version, def.data) });

export type DataOf<C extends EventContract> = z.infer<C['data']>;

/** EventBridge `source` for a service (or the gateway). */
export const eventSource = (service: EventSourceName) => `spolu.${service}` as const;
