// The device's encrypted store for field work without signal (issue 22 items 2, 3): two IndexedDB
// databases. Threat model: docs/DECISIONS.md "Offline console (issue 22)".
//
// - `spolu-outbox`: the outbox records and the worker's reference data. What stays readable of a
//   record: its id (a random Idempotency-Key), the worker's id, the kind, the state and when it
//   was saved; the rest is sealed.
// - `spolu-keyring`: per worker, an ECDH P-256 key pair: the PUBLIC key in the clear, the PRIVATE
//   key only wrapped (AES-GCM, under a key derived with HKDF from the worker's wrapping secret,
//   which the API gives to the signed-in worker: GET /me/offline-key). The wrapping secret and
//   the unwrapped private key live in memory only, never in any storage.
//
// A record is sealed with ECIES: an ephemeral ECDH key pair with the worker's public key -> HKDF ->
// AES-GCM (a fresh IV, the row's id as additional data, so a sealed content cannot be moved to
// another row). Saving therefore works offline after any restart without any secret; reading a
// record (to send it or correct it) needs the private key, unwrapped after the next online
// sign-in, which is when sending is possible anyway. A copy of the phone's storage, or a script
// on the unlocked phone, gets the public key and ciphertexts: nothing that opens a record.
//
// The reference data (the worker's own record and services: directory data, no client data) must
// be readable offline after a restart, when no secret is there: it stays sealed with a
// non-extractable AES key of the device (`reference`), which does lie beside it. Sign-out deletes
// both databases and forgets every key held in memory; so does the provider-set time (outbox.ts).
import type { DBSchema, IDBPDatabase } from 'idb';
import { deleteDB, openDB } from 'idb';
import { DeviceStoreError } from './errors';

export const outboxDbName = 'spolu-outbox';
export const keyringDbName = 'spolu-keyring';

/** A sealed content: AES-GCM ciphertext (with its tag) and its IV; for a record also the ephemeral
 * ECDH public key it was sealed with (ECIES). */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  epk?: Uint8Array<ArrayBuffer>;
}

export type OutboxKind = 'contact' | 'phone-arrangement';
export type OutboxStatus = 'waiting' | 'sending' | 'refused';

/** An outbox row as stored: only what sync and the day log need without the key is readable. */
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

/** A worker's key pair on this device: the public key in the clear, the private key wrapped. */
export interface WorkerKeys {
  userId: string;
  /** The public key, raw (uncompressed point, 65 bytes). */
  publicKey: Uint8Array<ArrayBuffer>;
  /** The private key (PKCS #8), AES-GCM wrapped under HKDF(wrapping secret, salt). */
  wrapped: ArrayBuffer;
  iv: Uint8Array<ArrayBuffer>;
  salt: Uint8Array<ArrayBuffer>;
  /** The provider's time a record may wait here, from the last sign-in (not a secret). */
  offlineHours?: number;
  createdAt: number;
}

interface OutboxDb extends DBSchema {
  records: { key: number; value: OutboxRow };
  reference: { key: string; value: ReferenceRow };
}

interface KeyringDb extends DBSchema {
  keys: { key: string; value: { id: string; key: CryptoKey; createdAt: number } };
  workers: { key: string; value: WorkerKeys };
}

let outboxDb: Promise<IDBPDatabase<OutboxDb>> | undefined;
let keyringDb: Promise<IDBPDatabase<KeyringDb>> | undefined;
let memoryKey: Promise<CryptoKey> | undefined;
/** Unwrapped private keys, per worker: in memory only, from an online sign-in to sign-out, the
 * session's end or the page's. */
const privateKeys = new Map<string, CryptoKey>();
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

const keyring = () => {
  if (!unlocked) return locked();
  return (keyringDb ??= openDB<KeyringDb>(keyringDbName, 2, {
    upgrade: (db, oldVersion) => {
      if (oldVersion < 1) db.createObjectStore('keys', { keyPath: 'id' });
      if (oldVersion < 2) db.createObjectStore('workers', { keyPath: 'userId' });
    },
    blocking: () => void closeKeyring(),
    terminated: () => (keyringDb = undefined),
  }));
};

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

/** The device's key for reference data: from memory, else the keyring, else generated now. */
const deviceKey = () => {
  if (!unlocked) return locked();
  return (memoryKey ??= (async () => {
    const db = await keyring();
    const found = await db.get('keys', 'reference');
    if (found) return found.key;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    // Another tab may have made one meanwhile: the first one stored wins.
    const tx = db.transaction('keys', 'readwrite');
    const raced = await tx.store.get('reference');
    if (raced) return raced.key;
    await tx.store.put({ id: 'reference', key, createdAt: Date.now() });
    await tx.done;
    return key;
  })().catch((err: unknown) => {
    memoryKey = undefined;
    throw err;
  }));
};

/** At sign-in (and app start with a session): the store opens, the reference key is made if there
 * is none. The records' private key needs the API (openWorkerKeys). */
export const unlockVault = () => {
  unlocked = true;
  return deviceKey();
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals reference data with the device key. */
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

// ---- the records' keys (ECIES) ----

const ecdh = { name: 'ECDH', namedCurve: 'P-256' } as const;
const aes = { name: 'AES-GCM', length: 256 } as const;

const fromBase64url = (text: string) => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

/** The key that wraps a worker's private key: HKDF-SHA-256 of the wrapping secret. */
const wrappingKey = async (secret: string, salt: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode('spolu outbox private key wrap') },
    await crypto.subtle.importKey('raw', fromBase64url(secret), 'HKDF', false, ['deriveKey']),
    aes,
    false,
    ['wrapKey', 'unwrapKey'],
  );

/** A record's AES key from the ECDH shared secret, bound to the ephemeral public key. */
const recordKey = async (shared: ArrayBuffer, epk: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: epk, info: encoder.encode('spolu outbox record') },
    await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']),
    aes,
    false,
    ['encrypt', 'decrypt'],
  );

const unwrapPrivate = async (entry: WorkerKeys, secret: string) =>
  crypto.subtle.unwrapKey(
    'pkcs8',
    entry.wrapped,
    await wrappingKey(secret, entry.salt),
    { name: 'AES-GCM', iv: entry.iv, additionalData: encoder.encode(entry.userId) },
    ecdh,
    false,
    ['deriveBits'],
  );

const newWorkerKeys = async (userId: string, secret: string, offlineHours: number) => {
  const pair = await crypto.subtle.generateKey(ecdh, true, ['deriveBits']);
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.wrapKey('pkcs8', pair.privateKey, await wrappingKey(secret, salt), {
    name: 'AES-GCM',
    iv,
    additionalData: encoder.encode(userId),
  });
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const entry: WorkerKeys = { userId, publicKey, wrapped, iv, salt, offlineHours, createdAt: Date.now() };
  return entry;
};

/**
 * After an online sign-in, with the secret the API gave the worker: unwraps the worker's private
 * key into memory, or makes the pair when the device has none. The secret is not kept. A pair
 * the secret does not open (another secret, e.g. a rotated region secret) is replaced only when
 * no record of the worker waits under it; else it stays, and so do its records, unreadable.
 */
export const openWorkerKeys = async (userId: string, secret: string, offlineHours: number) => {
  const db = await keyring();
  const found = await db.get('workers', userId);
  if (found) {
    try {
      privateKeys.set(userId, await unwrapPrivate(found, secret));
      if (found.offlineHours !== offlineHours) await db.put('workers', { ...found, offlineHours });
      return;
    } catch (err) {
      const waiting = (await (await outbox()).getAll('records')).some((r) => r.userId === userId);
      if (waiting) throw err;
    }
  }
  const entry = await newWorkerKeys(userId, secret, offlineHours);
  const tx = db.transaction('workers', 'readwrite');
  // Another tab may have made one meanwhile with the same secret: the first one stored wins.
  const raced = found ? undefined : await tx.store.get(userId);
  if (!raced) await tx.store.put(entry);
  await tx.done;
  privateKeys.set(userId, await unwrapPrivate(raced ?? entry, secret));
};

/** The records of this worker can be read (the private key is in memory). */
export const canRead = (userId: string) => privateKeys.has(userId);

/** Forgets the unwrapped private keys (the session ended): records wait, closed, for a sign-in. */
export const lockRecords = () => privateKeys.clear();

/** The provider's time records may wait on this device, as the last online sign-in said. */
export const keptOfflineHours = async (userId: string) =>
  (await (await keyring()).get('workers', userId))?.offlineHours;

/** Seals a record with the worker's public key: needs no secret, works offline. */
export const sealRecord = async (value: unknown, rowId: string, userId: string): Promise<Sealed> => {
  const entry = await (await keyring()).get('workers', userId);
  if (!entry)
    throw new DeviceStoreError(
      'offline.noDeviceKey',
      'This device has no key for the worker yet: sign in with signal once.',
    );
  const publicKey = await crypto.subtle.importKey('raw', entry.publicKey, ecdh, true, []);
  const ephemeral = await crypto.subtle.generateKey(ecdh, false, ['deriveBits']);
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: publicKey },
    ephemeral.privateKey,
    256,
  );
  const epk = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(rowId) },
    await recordKey(shared, epk),
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data, epk };
};

/** Opens a record: needs the worker's private key, unwrapped in memory after an online sign-in. */
export const unsealRecord = async <T>(sealed: Sealed, rowId: string, userId: string): Promise<T> => {
  const privateKey = privateKeys.get(userId);
  if (!privateKey || !sealed.epk)
    throw new DeviceStoreError(
      'offline.locked',
      'The records on this device open after a sign-in with signal.',
    );
  const epk = await crypto.subtle.importKey('raw', sealed.epk, ecdh, true, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(rowId) },
    await recordKey(shared, sealed.epk),
    sealed.data,
  );
  return JSON.parse(decoder.decode(plain)) as T;
};

/** Deletes both databases and forgets every key: sign-out, even without signal. */
export const wipeVault = async () => {
  unlocked = false;
  privateKeys.clear();
  await Promise.all([closeOutbox(), closeKeyring()]);
  await Promise.all([deleteDB(outboxDbName), deleteDB(keyringDbName)]);
};
