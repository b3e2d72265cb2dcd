// Failures of asynchronously invoked functions (bus consumers, schedules) and their redrive.
//
// In AWS, EventBridge invokes a consumer Lambda asynchronously; when the function keeps failing
// (1 attempt + 2 retries), Lambda sends an invocation record to the function's on-failure
// destination (an SQS queue). The local bus writes the very same record to its dead-letter list.
// One redrive loop serves both: it re-delivers each record's `requestPayload` to its consumer
// once, removes the record only when that delivery succeeded, and leaves the others in place.
// Consumers are idempotent (inbox marker per event id), so a redrive is safe to repeat.
import * as z from 'zod';

/** Lambda's async retry: the first attempt and two retries (EventInvokeConfig retryAttempts 2). */
export const asyncRetryAttempts = 2;
export const asyncMaxAttempts = asyncRetryAttempts + 1;

/**
 * The invocation record Lambda sends to an on-failure destination, e.g.
 * `{ version: "1.0", timestamp, requestContext: { requestId, functionArn, condition:
 * "RetriesExhausted", approximateInvokeCount: 3 }, requestPayload: <the event>, responseContext:
 * { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" }, responsePayload:
 * { errorType, errorMessage, trace } }`. Loose objects: AWS may add fields; parsing keeps them.
 * `condition` is `EventAgeExceeded` when the event waited past the maximum event age (there is
 * then no response).
 */
export const FailedInvocationRecord = z.looseObject({
  version: z.string(),
  timestamp: z.string(),
  requestContext: z.looseObject({
    requestId: z.string(),
    functionArn: z.string().min(1),
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative(),
  }),
  /** What the function was invoked with: for a bus consumer, the EventBridge event. */
  requestPayload: z.record(z.string(), z.unknown()),
  responseContext: z
    .looseObject({
      statusCode: z.number().int().optional(),
      executedVersion: z.string().optional(),
      functionError: z.string().optional(),
    })
    .optional(),
  /** The Node.js runtime's error object: `{ errorType, errorMessage, trace }`. */
  responsePayload: z
    .looseObject({
      errorType: z.string().optional(),
      errorMessage: z.string().optional(),
      trace: z.array(z.string()).optional(),
    })
    .optional(),
});
export type FailedInvocationRecord = z.infer<typeof FailedInvocationRecord>;

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` -> `<name>`; a plain name
 * stays as it is. */
export const functionNameOf = (nameOrArn: string) => {
  const parts = nameOrArn.split(':');
  return parts.length >= 7 && parts[5] === 'function' ? parts[6]! : nameOrArn;
};

/** The record Lambda writes after the last failed attempt, as the Node.js runtime reports the error. */
export const failedInvocationRecord = (opts: {
  functionArn: string;
  requestId: string;
  payload: Record<string, unknown>;
  error: unknown;
  attempts: number;
  at: Date;
  condition?: 'RetriesExhausted' | 'EventAgeExceeded';
}): FailedInvocationRecord => {
  const err = opts.error instanceof Error ? opts.error : new Error(String(opts.error));
  return {
    version: '1.0',
    timestamp: opts.at.toISOString(),
    requestContext: {
      requestId: opts.requestId,
      functionArn: opts.functionArn,
      condition: opts.condition ?? 'RetriesExhausted',
      approximateInvokeCount: opts.attempts,
    },
    requestPayload: opts.payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: err.name,
      errorMessage: err.message,
      trace: (err.stack ?? `${err.name}: ${err.message}`).split('\n'),
    },
  };
};

/** One message of a failure store: an SQS message, or an entry of the local dead-letter list. */
export interface FailureMessage {
  /** Stable across receives (the SQS MessageId), so a run lists each record once. */
  id: string;
  /** The record as stored: JSON text (an SQS body) or already an object. */
  body: unknown;
}

/** Where failure records are kept: the on-failure queue in AWS, the bus's list locally. */
export interface FailureStore<M extends FailureMessage = FailureMessage> {
  /** The next messages (at most `max`); an empty answer ends the run. */
  receive: (max: number) => Promise<M[]>;
  /** Delete a record whose re-delivery succeeded. */
  remove: (message: M) => Promise<void>;
  /** Give back a record that stays (still failing, unreadable, listed only), at the end of a run. */
  release?: (message: M) => Promise<void>;
}

export type RedriveOutcome = 'redriven' | 'still-failing' | 'listed' | 'unreadable' | 'other-function';

export interface RedriveItem {
  id: string;
  outcome: RedriveOutcome;
  functionName?: string;
  condition?: string;
  attempts?: number;
  failedAt?: string;
  /** The EventBridge event's id and detail-type, when the payload is one. */
  eventId?: string;
  eventType?: string;
  /** Why the consumer failed (from the record). */
  error?: string;
  /** Why the redrive delivery failed, or why the record could not be read. */
  redriveError?: string;
}

export interface RedriveReport {
  /** Records looked at in this run. */
  seen: number;
  redriven: number;
  stillFailing: number;
  /** Only listed (dry run). */
  listed: number;
  unreadable: number;
  /** Records of another function than the one asked for; left in place. */
  otherFunction: number;
  items: RedriveItem[];
}

export interface RedriveOptions {
  /** Invoke the consumer once, synchronously, with the record's payload; throw when it fails. */
  deliver: (payload: Record<string, unknown>, record: FailedInvocationRecord) => Promise<void>;
  /** Only records of this function (name or ARN); the others are left in place. */
  functionName?: string;
  dryRun?: boolean;
  /** At most this many records per run (default: all). */
  max?: number;
  /** Messages per receive (SQS: at most 10). */
  batchSize?: number;
}

const describe = (id: string, record: FailedInvocationRecord): Omit<RedriveItem, 'outcome'> => {
  const payload = record.requestPayload;
  const eventId = typeof payload.id === 'string' ? payload.id : undefined;
  const eventType = typeof payload['detail-type'] === 'string' ? payload['detail-type'] : undefined;
  const error = record.responsePayload
    ? [record.responsePayload.errorType, record.responsePayload.errorMessage].filter(Boolean).join(': ')
    : undefined;
  return {
    id,
    functionName: functionNameOf(record.requestContext.functionArn),
    condition: record.requestContext.condition,
    attempts: record.requestContext.approximateInvokeCount,
    failedAt: record.timestamp,
    ...(eventId ? { eventId } : {}),
    ...(eventType ? { eventType } : {}),
    ...(error ? { error } : {}),
  };
};

/** Reads a stored record: JSON text or an object, checked against the invocation record's shape. */
export const parseFailedInvocation = (body: unknown) => {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return { success: false as const, error: 'body is not JSON' };
    }
  }
  const parsed = FailedInvocationRecord.safeParse(value);
  return parsed.success
    ? { success: true as const, record: parsed.data }
    : {
        success: false as const,
        error: `not an invocation record: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
          .join('; ')}`,
      };
};

/**
 * Re-delivers failure records to their consumer: each record once per run, deleted only when the
 * delivery succeeded; records that still fail, cannot be read or belong to another function stay
 * (and are released at the end, so the next run sees them at once). A dry run only lists.
 */
export const redriveFailures = async <M extends FailureMessage>(
  store: FailureStore<M>,
  opts: RedriveOptions,
): Promise<RedriveReport> => {
  const report: RedriveReport = {
    seen: 0,
    redriven: 0,
    stillFailing: 0,
    listed: 0,
    unreadable: 0,
    otherFunction: 0,
    items: [],
  };
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  const batchSize = opts.batchSize ?? 10;
  const wanted = opts.functionName ? functionNameOf(opts.functionName) : undefined;
  const seen = new Set<string>();
  // Messages that stay, by id: the latest receive's handle is the one SQS honours.
  const kept = new Map<string, M>();
  const keep = (message: M) => kept.set(message.id, message);
  try {
    while (report.seen < max) {
      const batch = await store.receive(Math.min(batchSize, max - report.seen));
      const fresh = batch.filter((m) => !seen.has(m.id));
      // Messages seen earlier in this run came back (a visibility timeout ran out): give them
      // back too; the run is over when nothing new arrives.
      batch.filter((m) => seen.has(m.id)).forEach(keep);
      if (fresh.length === 0) break;
      for (const message of fresh) {
        if (report.seen >= max) {
          keep(message);
          continue;
        }
        seen.add(message.id);
        report.seen += 1;
        const parsed = parseFailedInvocation(message.body);
        if (!parsed.success) {
          report.unreadable += 1;
          report.items.push({ id: message.id, outcome: 'unreadable', redriveError: parsed.error });
          keep(message);
          continue;
        }
        const { record } = parsed;
        const item = describe(message.id, record);
        if (wanted && item.functionName !== wanted) {
          report.otherFunction += 1;
          report.items.push({ ...item, outcome: 'other-function' });
          keep(message);
          continue;
        }
        if (opts.dryRun) {
          report.listed += 1;
          report.items.push({ ...item, outcome: 'listed' });
          keep(message);
          continue;
        }
        try {
          await opts.deliver(record.requestPayload, record);
        } catch (err) {
          report.stillFailing += 1;
          report.items.push({
            ...item,
            outcome: 'still-failing',
            redriveError: err instanceof Error ? err.message : String(err),
          });
          keep(message);
          continue;
        }
        await store.remove(message);
        report.redriven += 1;
        report.items.push({ ...item, outcome: 'redriven' });
      }
    }
  } finally {
    // Best effort: a message not released becomes visible when its visibility timeout ends.
    if (store.release)
      for (const message of kept.values()) await store.release(message).catch(() => undefined);
  }
  return report;
};
