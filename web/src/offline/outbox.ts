// The outbox (issue 22 item 2): field records saved without signal wait on the device, encrypted
// (vault.ts), and are sent in the order they were saved when the connection is back.
//
// - Each record keeps the Idempotency-Key made when the worker tapped save: a send that reached
//   the API but whose answer was lost is sent again with the same key, and the API answers with
//   the first result instead of recording twice.
// - occurredAt (scheduledAt) is in the body from the moment of saving, so statistics count the
//   moment it happened, not the moment it was synced.
// - A network failure stops the run: that record and the rest wait for the next one (online,
//   focus, app start, a retry a few seconds later, or "Odeslat nyní").
// - A record the API refuses (4xx problem+json) stays, as refused, with the problem, until the
//   worker corrects and resends it or discards it. Nothing is dropped silently.
// - A dead token sends nothing: the records wait for the next sign-in of the same worker.
// - Saving needs only the worker's public key; reading a record (sending, correcting) needs the
//   private key, in memory after an online sign-in (vault.ts). Until then the day log lists the
//   records by their readable columns: kind, state and when they were saved.
// - Records older than the provider-set time are deleted with their content (config.ts).
import type { ProblemBody } from '@spolu/client';
import type { OutboxKind, OutboxRow, OutboxStatus } from './vault';
import { canRead, openWorkerKeys, outbox, sealRecord, unsealRecord, wipeVault } from './vault';
import { clearDataCaches } from './caches';

export type { OutboxKind, OutboxStatus } from './vault';

/** What a record holds inside its sealed content. */
export interface OutboxContent {
  method: 'POST';
  path: '/contacts' | '/phone-arrangements';
  body: Record<string, unknown>;
  /** The API's answer when it refused the record. */
  problem?: ProblemBody;
  /** A phone arrangement made after a contact still in the outbox: that contact's key. Once the
   * contact is recorded, the arrangement gets its id (contactId) before it is sent. */
  linkTo?: string;
}

/** A record as the console reads it. */
export interface OutboxRecord extends OutboxContent {
  seq: number;
  key: string;
  userId: string;
  kind: OutboxKind;
  status: OutboxStatus;
  createdAt: number;
}

/** A record whose content is closed (no online sign-in since the app started): what the day log
 * can show without the key. */
export interface LockedRecord {
  locked: true;
  seq: number;
  key: string;
  userId: string;
  kind: OutboxKind;
  status: OutboxStatus;
  createdAt: number;
}
export type OutboxEntry = (OutboxRecord & { locked?: false }) | LockedRecord;

const pathOf: Record<OutboxKind, OutboxContent['path']> = {
  contact: '/contacts',
  'phone-arrangement': '/phone-arrangements',
};

// ---- change notices: the screens showing the outbox follow it ----

const listeners = new Set<() => void>();
let version = 0;
export const outboxVersion = () => version;
export const onOutboxChange = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const changed = () => {
  version += 1;
  for (const listener of listeners) listener();
};

// ---- records ----

const read = async (row: OutboxRow): Promise<OutboxRecord> => ({
  ...(await unsealRecord<OutboxContent>(row.content, row.key, row.userId)),
  seq: row.seq!,
  key: row.key,
  userId: row.userId,
  kind: row.kind,
  status: row.status,
  createdAt: row.createdAt,
});

/** Puts a record in the outbox; its key is the Idempotency-Key made when the worker tapped save. */
export const enqueue = async (input: {
  key: string;
  userId: string;
  kind: OutboxKind;
  body: Record<string, unknown>;
  linkTo?: string;
}): Promise<void> => {
  const content: OutboxContent = {
    method: 'POST',
    path: pathOf[input.kind],
    body: input.body,
    ...(input.linkTo ? { linkTo: input.linkTo } : {}),
  };
  const row: OutboxRow = {
    key: input.key,
    userId: input.userId,
    kind: input.kind,
    status: 'waiting',
    createdAt: Date.now(),
    content: await sealRecord(content, input.key, input.userId),
  };
  await (await outbox()).add('records', row);
  changed();
};

/** The worker's records, oldest first. Another worker's (signed out by expiry) are not shown.
 * Needs the worker's private key in memory. */
export const listOutbox = async (userId: string): Promise<OutboxRecord[]> => {
  const rows = await (await outbox()).getAll('records');
  return Promise.all(rows.filter((r) => r.userId === userId).map(read));
};

/** The worker's records for the day log: opened when the key is in memory, else by their readable
 * columns only. */
export const listOutboxEntries = async (userId: string): Promise<OutboxEntry[]> => {
  const rows = (await (await outbox()).getAll('records')).filter((r) => r.userId === userId);
  if (canRead(userId)) return listOutbox(userId);
  return rows.map(({ seq, key, kind, status, createdAt }) => ({
    locked: true as const,
    seq: seq!,
    key,
    userId,
    kind,
    status,
    createdAt,
  }));
};

/** After an online sign-in, with the worker's secret from the API: the records open. */
export const openRecords = async (userId: string, secret: string, offlineHours: number) => {
  await openWorkerKeys(userId, secret, offlineHours);
  changed();
};

const write = async (
  record: OutboxRecord,
  patch: Partial<Pick<OutboxRecord, 'status'>> & Partial<OutboxContent>,
) => {
  const next = { ...record, ...patch };
  const content: OutboxContent = {
    method: next.method,
    path: next.path,
    body: next.body,
    ...(next.problem ? { problem: next.problem } : {}),
    ...(next.linkTo ? { linkTo: next.linkTo } : {}),
  };
  const row: OutboxRow = {
    seq: record.seq,
    key: record.key,
    userId: record.userId,
    kind: record.kind,
    status: next.status,
    createdAt: record.createdAt,
    content: await sealRecord(content, record.key, record.userId),
  };
  await (await outbox()).put('records', row);
  changed();
};

/** A refused record corrected by the worker: waits again with its new body (and its own key). */
export const correctRecord = async (record: OutboxRecord, body: Record<string, unknown>) => {
  // The API remembers a key with the request it came with; a corrected request is a new one, so it
  // gets a new key (the refused one was never recorded).
  const db = await outbox();
  const key = crypto.randomUUID();
  const content: OutboxContent = {
    method: record.method,
    path: record.path,
    body,
    ...(record.linkTo ? { linkTo: record.linkTo } : {}),
  };
  // Sealed before the transaction opens: it would close while the key is being derived.
  const sealed = await sealRecord(content, key, record.userId);
  await db.put('records', {
    seq: record.seq,
    key,
    userId: record.userId,
    kind: record.kind,
    status: 'waiting',
    createdAt: record.createdAt,
    content: sealed,
  });
  // An arrangement waiting for this contact now waits for the corrected one.
  for (const linked of (await listOutbox(record.userId)).filter((r) => r.linkTo === record.key))
    await write(linked, { linkTo: key });
  changed();
};

/** The worker discards a record: gone from the device; an arrangement linked to it goes alone. */
export const discardRecord = async (record: OutboxRecord) => {
  await (await outbox()).delete('records', record.seq);
  for (const linked of (await listOutbox(record.userId)).filter((r) => r.linkTo === record.key))
    await write(linked, { linkTo: undefined });
  changed();
};

/** Deletes records saved longer ago than the provider-set time, with their reference data. */
export const expireOutbox = async (hours: number, now = Date.now()) => {
  const db = await outbox();
  const oldest = now - hours * 3_600_000;
  const rows = await db.getAll('records');
  const old = rows.filter((r) => r.createdAt < oldest);
  for (const row of old) await db.delete('records', row.seq!);
  for (const ref of await db.getAll('reference'))
    if (ref.savedAt < oldest) await db.delete('reference', ref.userId);
  if (old.length > 0) changed();
  return old.length;
};

/** Sign-out (with or without signal): the outbox, the reference data, the key and every cache but
 * the app shell's are gone from the device. */
export const wipeOfflineData = async () => {
  await Promise.all([wipeVault(), clearDataCaches()]);
  changed();
};

// ---- sending ----

/** Why a send failed, as sync treats it. */
export type SendFailure =
  | { kind: 'network' } // no answer: the record and the rest wait
  | { kind: 'signed-out' } // 401: wait for the next sign-in
  | { kind: 'later' } // 5xx, 429, a key still being processed: wait
  | { kind: 'refused'; problem: ProblemBody }; // 4xx: the worker decides

/** Sends one record with its own Idempotency-Key; the id of what the API recorded. */
export type Sender = (record: OutboxRecord) => Promise<{ id: string }>;

export interface SyncOutcome {
  sent: number;
  refused: number;
  /** Stopped with records left waiting: a network failure, the API busy or the token gone. */
  stopped?: 'network' | 'signed-out' | 'later' | 'locked';
}

let running: Promise<SyncOutcome> | undefined;

/**
 * Sends the worker's waiting records oldest first, one at a time. A run already going is joined,
 * not doubled (two runs could send one record twice at once; the key would still protect it).
 */
export const syncOutbox = (
  userId: string,
  send: Sender,
  classify: (err: unknown) => SendFailure,
  tokenValid: () => boolean,
): Promise<SyncOutcome> =>
  (running ??= (async (): Promise<SyncOutcome> => {
    const outcome: SyncOutcome = { sent: 0, refused: 0 };
    for (;;) {
      if (!canRead(userId)) return { ...outcome, stopped: 'locked' };
      const records = await listOutbox(userId);
      const waitingKeys = new Set(records.map((r) => r.key));
      // The oldest waiting record whose linked contact is no longer in the outbox.
      const next = records.find((r) => r.status !== 'refused' && !(r.linkTo && waitingKeys.has(r.linkTo)));
      if (!next) return outcome;
      if (!tokenValid()) return { ...outcome, stopped: 'signed-out' };
      await write(next, { status: 'sending' });
      try {
        const { id } = await send(next);
        await (await outbox()).delete('records', next.seq);
        outcome.sent += 1;
        for (const linked of records.filter((r) => r.linkTo === next.key))
          await write(linked, { linkTo: undefined, body: { ...linked.body, contactId: id } });
        changed();
      } catch (err) {
        const failure = classify(err);
        if (failure.kind === 'refused') {
          await write(next, { status: 'refused', problem: failure.problem });
          outcome.refused += 1;
          continue;
        }
        await write(next, { status: 'waiting' });
        return { ...outcome, stopped: failure.kind };
      }
    }
  })().finally(() => {
    running = undefined;
  }));

/** Records left 'sending' by a page closed mid-send wait again (sent later with the same key).
 * The state is a readable column: this works without the key, offline too. */
export const resumeInterrupted = async (userId: string) => {
  const db = await outbox();
  let any = false;
  for (const row of await db.getAll('records'))
    if (row.userId === userId && row.status === 'sending' && !running) {
      await db.put('records', { ...row, status: 'waiting' });
      any = true;
    }
  if (any) changed();
};
