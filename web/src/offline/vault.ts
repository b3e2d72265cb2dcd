// The device's encrypted store for field work without signal (issue 22 items 2, 3): two IndexedDB
// databases, so the key never lies in the database that holds the data.
//
// - `spolu-outbox`: the outbox records and the worker's reference data, each row's content sealed
//   with AES-GCM (a fresh 96-bit IV per write; the row's id as additional data, so a sealed
//   content cannot be moved to another row). What stays readable: the row's id (a random
//   Idempotency-Key), the worker's id, the kind, the state and when it was saved.
// - `spolu-keyring`: the one AES-GCM key, generated at sign-in as a non-extractable CryptoKey:
//   the browser uses it for this origin, but no script, ours included, can read its bytes, so it
//   can neither be copied out by the page nor sent anywhere.
// Sign-out deletes both databases (and forgets the key held in memory); so does the provider-set
// time (see outbox.ts). Threat model: docs/DECISIONS.md "Offline console (issue 22)".
import type { DBSchema, IDBPDatabase } from 'idb';
import { deleteDB, openDB } from 'idb';

export const outboxDbName = 'spolu-outbox';
export const keyringDbName = 'spolu-keyring';

/** A sealed content: AES-GCM ciphertext (with its tag) and its IV. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export type OutboxKind = 'contact' | 'phone-arrangement';
export type OutboxStatus = 'waiting' | 'sending' | 'refused';

/** An outbox row as stored: only what sync needs to choose rows is readable. */
export interface OutboxRow {
  /** Order of saving (FIFO). */
  seq?: number;
  /** The Idempotency-Key, created when the worker tapped save. */
  key: string;
  userId: string;
  kind: OutboxKind;
  status: OutboxStatus;
  /** When the worker tapped save (ms since the epoch). */
  createdAt: number;
  content: Sealed;
}

/** The worker's reference data for the forms (own record and services), sealed. */
export interface ReferenceRow {
  userId: string;
  savedAt: number;
  content: Sealed;
}

interface OutboxDb extends DBSchema {
  records: { key: number; value: OutboxRow };
  reference: { key: string; value: ReferenceRow };
}

interface KeyringDb extends DBSchema {
  keys: { key: string; value: { id: string; key: CryptoKey; createdAt: number } };
}

let outboxDb: Promise<IDBPDatabase<OutboxDb>> | undefined;
let keyringDb: Promise<IDBPDatabase<KeyringDb>> | undefined;
let memoryKey: Promise<CryptoKey> | undefined;
/** Set at sign-in (unlockVault), cleared by the wipe: after sign-out nothing opens, and so
 * nothing recreates, either database (a save or a load still under way finds it locked). */
let unlocked = false;
const locked = () => Promise.reject(new Error('The device store is locked: nobody is signed in.'));

/** Open connections close as soon as a wipe (here or in another tab) wants the database gone. */
export const outbox = () => {
  if (!unlocked) return locked();
  return (outboxDb ??= openDB<OutboxDb>(outboxDbName, 1, {
    upgrade: (db) => {
      db.createObjectStore('records', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('reference', { keyPath: 'userId' });
    },
    blocking: () => void closeOutbox(),
    terminated: () => (outboxDb = undefined),
  }));
};

const keyring = () =>
  (keyringDb ??= openDB<KeyringDb>(keyringDbName, 1, {
    upgrade: (db) => void db.createObjectStore('keys', { keyPath: 'id' }),
    blocking: () => void closeKeyring(),
    terminated: () => (keyringDb = undefined),
  }));

const closeOutbox = async () => {
  const db = outboxDb;
  outboxDb = undefined;
  if (db) (await db).close();
};
const closeKeyring = async () => {
  const db = keyringDb;
  keyringDb = undefined;
  memoryKey = undefined;
  if (db) (await db).close();
};

/** The device's key: from memory, else from the keyring, else generated now (at sign-in). */
const deviceKey = () => {
  if (!unlocked) return locked();
  return (memoryKey ??= (async () => {
    const db = await keyring();
    const found = await db.get('keys', 'outbox');
    if (found) return found.key;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    // Another tab may have made one meanwhile: the first one stored wins.
    const tx = db.transaction('keys', 'readwrite');
    const raced = await tx.store.get('outbox');
    if (raced) return raced.key;
    await tx.store.put({ id: 'outbox', key, createdAt: Date.now() });
    await tx.done;
    return key;
  })().catch((err: unknown) => {
    memoryKey = undefined;
    throw err;
  }));
};

/** At sign-in (and app start with a session): the store opens, the key is made if there is none. */
export const unlockVault = () => {
  unlocked = true;
  return deviceKey();
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const seal = async (value: unknown, rowId: string): Promise<Sealed> => {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(rowId) },
    await deviceKey(),
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data };
};

export const unseal = async <T>(sealed: Sealed, rowId: string): Promise<T> => {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(rowId) },
    await deviceKey(),
    sealed.data,
  );
  return JSON.parse(decoder.decode(plain)) as T;
};

/** Deletes both databases and forgets the key: sign-out, even without signal. */
export const wipeVault = async () => {
  unlocked = false;
  await Promise.all([closeOutbox(), closeKeyring()]);
  await Promise.all([deleteDB(outboxDbName), deleteDB(keyringDbName)]);
};
