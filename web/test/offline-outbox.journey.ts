// Field work without signal (issue 22 items 2-3), on a 360 px phone against the real runtime: a
// K-centrum worker signs in, loses the signal, reloads the console (from the service worker) and
// records three contacts and a phone arrangement; the day log lists the four as waiting. Back
// online, the first send reaches the API but its answer is lost (the connection drops): the run
// stops, the rest wait, and the retry sends the same Idempotency-Key again. The API is then asked:
// each of the four exists exactly once, the arrangement points at its contact, and the contact
// whose time lay in the future (a rule only the server checks) waits as refused with the Czech
// rule text until the worker corrects it and it goes too.
// A second test: a record waits through a token the API no longer takes (401) and goes after the
// next sign-in. A third: a record waits encrypted; after a reload without signal, IndexedDB holds
// no private key in the clear and the worker's wrapping secret is nowhere in the browser's storage;
// sign-out without signal leaves neither the outbox nor its keys on the device. A fourth: a record
// kept past the provider's limit (`offlineHours`) is deleted at the next start while a younger one
// stays, and a refused record the worker discards is gone from the device and never reaches the API.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page, Route } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { newPage, openNav, phone, shot, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, user } = c));

interface Contact {
  id: string;
  occurredAt: string;
  notes?: string;
}
interface Arrangement {
  id: string;
  contactId?: string;
  phoneArrangement?: { place: string };
}

/** Waits for the service worker, reloading until it controls the page (as offline-shell does). */
const untilControlled = async (page: Page) => {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  for (let i = 0; i < 20; i++) {
    if (await page.evaluate('navigator.serviceWorker.controller !== null')) return;
    await page.reload();
    await page.waitForTimeout(250);
  }
  expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
};

/** The console's IndexedDB databases (names). */
const databases = (page: Page) =>
  page.evaluate('indexedDB.databases().then((d) => d.map((x) => x.name))') as Promise<string[]>;

/** Rows of one store of the outbox database, read without creating it when it is absent. */
const rows = (page: Page, store: string) =>
  page.evaluate(`indexedDB.databases().then((all) => all.some((d) => d.name === 'spolu-outbox')
    ? new Promise((resolve, reject) => {
        const open = indexedDB.open('spolu-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result.map((r) => ({ ...r, text: new TextDecoder().decode(r.content.data) })));
          };
        };
      })
    : [])`) as Promise<{ key: string; status: string; text: string }[]>;

/** The worker's key pairs on the device (the keyring's `workers` store), or none. */
const workerKeys = (page: Page) =>
  page.evaluate(`indexedDB.databases().then((all) => all.some((d) => d.name === 'spolu-keyring')
    ? new Promise((resolve, reject) => {
        const open = indexedDB.open('spolu-keyring');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('workers')) { db.close(); return resolve([]); }
          const all = db.transaction('workers').objectStore('workers').getAll();
          all.onsuccess = () => { db.close(); resolve(all.result.map((r) => r.userId)); };
        };
      })
    : [])`) as Promise<string[]>;

/** Everything the page's origin keeps in IndexedDB, localStorage and sessionStorage, as text:
 * bytes as base64url and hex, keys (CryptoKey) by their type; and whether any stored value is a
 * private key or a wrapped key that opens as PKCS #8 without unwrapping. */
const storageDump = (page: Page) =>
  page.evaluate(`(async () => {
    const b64 = (u8) => btoa(String.fromCharCode(...u8)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
    const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
    const privateKeys = [];
    const clearPkcs8 = [];
    const text = (v) => {
      if (v instanceof CryptoKey) {
        if (v.type === 'private') privateKeys.push(v.algorithm.name);
        return 'CryptoKey:' + v.type + ':' + v.algorithm.name;
      }
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const u8 = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        return b64(u8) + ' ' + hex(u8) + ' ' + new TextDecoder().decode(u8);
      }
      if (Array.isArray(v)) return v.map(text).join(' ');
      if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => k + '=' + text(x)).join(' ');
      return String(v);
    };
    const parts = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => resolve(open.result);
      });
      for (const store of db.objectStoreNames) {
        const values = await new Promise((resolve) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
        });
        for (const v of values) {
          parts.push(name + '/' + store + ': ' + text(v));
          if (v && v.wrapped) {
            const opened = await crypto.subtle
              .importKey('pkcs8', v.wrapped, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])
              .then(() => true, () => false);
            if (opened) clearPkcs8.push(name + '/' + store);
          }
        }
      }
      db.close();
    }
    for (const area of [localStorage, sessionStorage])
      for (let i = 0; i < area.length; i++) parts.push(area.key(i) + '=' + area.getItem(area.key(i)));
    return { text: parts.join(' | '), privateKeys, clearPkcs8 };
  })()`) as Promise<{ text: string; privateKeys: string[]; clearPkcs8: string[] }>;

/** Asks until `probe` gives what `done` wants (or the time is up), and returns the last answer. */
const poll = async <T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    value = await probe();
  }
  return value;
};

/** A `datetime-local` value on the browser's clock, `minutes` from now. */
const localInput = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Yesterday and today in Prague: the contacts of this test, whenever it runs. */
const days = () => {
  const day = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(d);
  return `from=${day(new Date(Date.now() - 86_400_000))}&to=${day(new Date())}`;
};

/** A day either side of now, as the appointments list takes it. */
const around = () =>
  `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;

/** A phone signed in with signal and ready to work without it: the service worker controls the
 * page, the config is cached and the worker's key pair is on the device. */
const readyOffline = async (worker: { email: string; sub: string }) => {
  const { context, page } = await newPage(browser, rt.url, { viewport: phone });
  await signIn(page, worker.email);
  await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
  await untilControlled(page);
  await page.waitForFunction(`caches.keys().then((k) => k.includes('spolu-config'))`);
  expect(
    await poll(
      () => workerKeys(page),
      (k) => k.length === 1,
    ),
  ).toEqual([worker.sub]);
  return { context, page };
};

const recordContact = async (page: Page, notes: string, occurredAt?: string) => {
  await page.getByRole('radio', { name: 'Po telefonu' }).check();
  await page.getByRole('checkbox', { name: 'Telefonický kontakt' }).check();
  if (occurredAt) await page.getByLabel('Kdy').fill(occurredAt);
  await page.getByLabel('Poznámka (nepovinné)').fill(notes);
  await page.getByRole('button', { name: 'Zapsat kontakt' }).click();
  await page
    .locator('.contact-recorded')
    .getByText(/^Uloženo v zařízení — čeká na odeslání\./)
    .waitFor();
};

/** The device's age limit for waiting records (the provider's `offlineHours`, kept with the
 * worker's key pair at sign-in). */
const keptHours = (page: Page, userId: string) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spolu-keyring');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('workers').objectStore('workers').get(${JSON.stringify(userId)});
      get.onsuccess = () => { open.result.close(); resolve(get.result.offlineHours); };
    };
  })`) as Promise<number>;

/** Moves the waiting records' saving time back, oldest record first, by the hours given: as if
 * they had been kept on the phone that long. */
const ageRecords = (page: Page, hoursBack: number[]) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spolu-outbox');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const all = store.getAll();
      all.onsuccess = () => {
        const back = ${JSON.stringify(hoursBack)};
        all.result.sort((a, b) => a.seq - b.seq).forEach((r, i) => store.put({ ...r, createdAt: r.createdAt - back[i] * 3600000 }));
      };
      tx.oncomplete = () => { open.result.close(); resolve(undefined); };
    };
  })`);

describe('offline outbox', () => {
  it('keeps field records on the device without signal and sends each exactly once when it is back', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const run = Date.now().toString(36);
    const note = (n: string) => `offline ${run} ${n}`;

    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    await untilControlled(page);
    await page.waitForFunction(`caches.keys().then((k) => k.includes('spolu-config'))`);
    // At sign-in the worker's services are kept (sealed) for the forms without signal.
    expect(
      await poll(
        () => rows(page, 'reference'),
        (r) => r.length === 1,
      ),
    ).toHaveLength(1);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    await page.goto('/#/contacts/new');
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    await recordContact(page, note('A'));
    // Tomorrow: only the API knows it may not be (rule in-future); it refuses it on sync.
    await recordContact(page, note('B'), localInput(24 * 60));
    await recordContact(page, note('C'));
    await page.getByRole('button', { name: 'Domluvit schůzku po telefonu' }).click();
    const form = page.getByRole('form', { name: 'Domluvit schůzku po telefonu' });
    await form.getByLabel('Zakázka').selectOption({ label: 'výměnný program' });
    await form.getByLabel('Místo setkání').fill(note('D u nádraží'));
    await form.getByLabel('Poznávací znaky pracovníka').fill('modrá čepice');
    await form.getByRole('button', { name: 'Domluvit schůzku' }).click();
    await page.getByText('Domluva uložena v zařízení — čeká na odeslání.').first().waitFor();

    await page.goto('/#/contacts');
    const outbox = page.getByRole('region', { name: 'Čeká na odeslání (4)' });
    await outbox.waitFor();
    const items = outbox.getByRole('listitem');
    expect(await items.count()).toBe(4);
    for (const item of await items.all()) await item.getByText('čeká na odeslání').waitFor();
    // Started without signal, the console has the worker's public key only: the records are
    // listed by kind and time of saving; what they say opens after the next online sign-in.
    expect(await outbox.getByText(/^Kontakt · /).count()).toBe(3);
    await outbox.getByText(/^Domluva po telefonu · /).waitFor();
    expect(await items.first().textContent()).toMatch(/^Kontakt · /);
    expect(await outbox.getByText(note('A')).count()).toBe(0);
    // The day's figures cannot load without signal: one line says so instead of "Načítám…".
    await page.getByText('Bez připojení: přehled dne se načte po připojení.').waitFor();
    expect(await page.getByText('Načítám…').count()).toBe(0);
    if (await page.locator('.toast-dismiss').isVisible()) await page.locator('.toast-dismiss').click();
    await shot(page, 'offline-queue');

    // Back online. The first run sends A, is refused B (a rule only the API checks) and sends C,
    // but C's answer is lost (the connection drops): the run stops with C and D waiting. The retry
    // a few seconds later sends C again with the same Idempotency-Key, then D.
    const sent: string[] = [];
    const dropThirdAnswer = async (route: Route) => {
      sent.push(route.request().headers()['idempotency-key'] ?? '');
      if (sent.length === 3) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    };
    await context.route(
      (url) => url.pathname === '/contacts' || url.pathname === '/phone-arrangements',
      (route) => (route.request().method() === 'POST' ? dropThirdAnswer(route) : route.continue()),
    );
    await context.setOffline(false);
    const refused = page.getByRole('region', { name: 'Čeká na odeslání (1)' });
    await refused.waitFor({ timeout: 30_000 });
    const b = refused.getByRole('listitem');
    await b.getByText(note('B')).waitFor();
    await b.getByText('Server záznam odmítl — opravte ho, nebo ho zahoďte.').waitFor();
    await b
      .getByRole('alert')
      .getByText(/Kontakt nelze zapsat do budoucna\./)
      .waitFor();
    // A, B, C (answer lost), C again with its key, D: five sends, four keys.
    expect(sent).toHaveLength(5);
    expect(sent[3]).toBe(sent[2]);
    expect(new Set(sent).size).toBe(4);

    const contacts = async () =>
      (await api.get<{ items: Contact[] }>(`/contacts?${days()}&limit=100`)).body.items.filter((c) =>
        c.notes?.startsWith(`offline ${run} `),
      );
    const notesOf = (list: Contact[]) => list.map((c) => c.notes).sort();
    expect(notesOf(await contacts())).toEqual([note('A'), note('C')]);
    const arrangements = (
      await api.get<{ items: Arrangement[] }>(`/appointments?${around()}`)
    ).body.items.filter((a) => a.phoneArrangement?.place === note('D u nádraží'));
    expect(arrangements).toHaveLength(1);
    const c = (await contacts()).find((x) => x.notes === note('C'))!;
    expect(arrangements[0]!.contactId).toBe(c.id);

    // The worker corrects the time and sends B again.
    await b.getByRole('button', { name: 'Opravit' }).click();
    const fix = b.getByRole('form', { name: 'Oprava záznamu z tohoto zařízení' });
    await fix.getByLabel('Kdy').fill(localInput(-2));
    await fix.getByRole('button', { name: 'Opravit a odeslat znovu' }).click();
    await page
      .getByRole('region', { name: /Čeká na odeslání/ })
      .waitFor({ state: 'detached', timeout: 30_000 });
    const all = await contacts();
    expect(notesOf(all)).toEqual([note('A'), note('B'), note('C')]);
    expect(Date.parse(all.find((x) => x.notes === note('B'))!.occurredAt)).toBeLessThan(Date.now());
    expect(await rows(page, 'records')).toEqual([]);
    await context.close();
  });

  it('keeps a record through a token the API no longer takes, and sends it after the next sign-in', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const words = `offline ${Date.now().toString(36)} po přihlášení`;
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    await page.goto('/#/contacts/new');
    await page.getByRole('radio', { name: 'Po telefonu' }).waitFor();
    // The device's key pair is made at the first sign-in with signal.
    expect(
      await poll(
        () => workerKeys(page),
        (k) => k.length === 1,
      ),
    ).toEqual([petra.sub]);
    await context.setOffline(true);
    await recordContact(page, words);
    // Back online, the API says the token is dead (401), as after an expiry without signal.
    let answered401 = 0;
    await context.route(
      (url) => url.pathname === '/contacts',
      (route) => {
        if (route.request().method() !== 'POST' || answered401 > 0) return route.continue();
        answered401 += 1;
        return route.fulfill({
          status: 401,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }),
        });
      },
    );
    await context.setOffline(false);
    await page.locator('select[name="user"]').waitFor();
    expect(answered401).toBe(1);
    // Not lost, not refused: it waits for the worker's next sign-in.
    expect((await rows(page, 'records')).map((r) => r.status)).toEqual(['waiting']);
    await signIn(page, petra.email);
    await page.getByText('Odeslán 1 záznam ze zařízení.').waitFor();
    const stored = (await api.get<{ items: Contact[] }>(`/contacts?${days()}&limit=100`)).body.items;
    expect(stored.filter((c) => c.notes === words)).toHaveLength(1);
    expect(await rows(page, 'records')).toEqual([]);
    await context.close();
  });

  it('keeps a waiting record encrypted, with no key that opens it on the device, and leaves nothing after sign-out without signal', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const { context, page } = await readyOffline(petra);
    await page.goto('/#/contacts/new');
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    await page.getByRole('radio', { name: 'Po telefonu' }).waitFor();
    await context.setOffline(true);
    const words = `tajná poznámka ${Date.now().toString(36)}`;
    await recordContact(page, words);
    // The app restarts without signal: whatever the page held in memory is gone.
    await page.reload();
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    const waiting = await rows(page, 'records');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.status).toBe('waiting');
    // Sealed: neither the words nor the body's fields are readable in IndexedDB.
    expect(waiting[0]!.text).not.toContain(words);
    expect(waiting[0]!.text).not.toContain('occurredAt');
    expect(await databases(page)).toEqual(expect.arrayContaining(['spolu-outbox', 'spolu-keyring']));
    // No private key in the clear (the stored one is ciphertext that does not open as PKCS #8), and
    // the worker's wrapping secret (what the API gives this worker) is nowhere in the storage.
    const { key: secret } = (await api.get<{ key: string }>('/me/offline-key')).body;
    const hexOf = (b64url: string) => Buffer.from(b64url, 'base64url').toString('hex');
    const dump = await storageDump(page);
    expect(dump.text).toContain('spolu-keyring/workers');
    expect(dump.privateKeys).toEqual([]);
    expect(dump.clearPkcs8).toEqual([]);
    expect(dump.text).not.toContain(secret);
    expect(dump.text).not.toContain(hexOf(secret));
    expect(dump.text).not.toContain(words);
    // The day log still lists the record as waiting, by kind and time.
    await page.goto('/#/contacts');
    const outbox = page.getByRole('region', { name: 'Čeká na odeslání (1)' });
    await outbox.getByText(/^Kontakt · /).waitFor();
    await outbox.getByText('čeká na odeslání', { exact: true }).waitFor();
    expect(await outbox.getByText(words).count()).toBe(0);

    // Without signal: the sign-in form cannot load its list of users, so no signOut() helper.
    await openNav(page);
    await page.getByRole('button', { name: 'Odhlásit' }).click();
    await page.locator('button.menu-button').waitFor({ state: 'detached' });
    const left = await poll(
      async () => (await databases(page)).filter((d) => d.startsWith('spolu-')),
      (d) => d.length === 0,
    );
    expect(left).toEqual([]);
    await context.close();
  });

  it('says in Czech that a phone without its key cannot keep a record yet, and keeps nothing', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const { context, page } = await readyOffline(petra);
    await page.goto('/#/contacts/new');
    await page.getByRole('radio', { name: 'Po telefonu' }).waitFor();
    // As if the signal went before the first sign-in on this phone finished making its key pair.
    await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('spolu-keyring');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('workers', 'readwrite');
        tx.objectStore('workers').clear();
        tx.oncomplete = () => { open.result.close(); resolve(undefined); };
      };
    })`);
    await context.setOffline(true);
    await page.getByRole('radio', { name: 'Po telefonu' }).check();
    await page.getByRole('checkbox', { name: 'Telefonický kontakt' }).check();
    await page.getByRole('button', { name: 'Zapsat kontakt' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Tento telefon ještě není připravený na práci bez signálu' })
      .waitFor();
    expect(await rows(page, 'records')).toEqual([]);
    await context.setOffline(false);
    await context.close();
  });

  it("deletes a record kept past the provider's limit, keeps a younger one, and lets the worker discard a refused one", async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const run = Date.now().toString(36);
    const note = (n: string) => `offline ${run} ${n}`;
    const { context, page } = await readyOffline(petra);
    const limit = await keptHours(page, petra.sub);
    expect(limit).toBeGreaterThan(1);

    await context.setOffline(true);
    await page.goto('/#/contacts/new');
    await recordContact(page, note('stará'));
    // Tomorrow: the API refuses it once the signal is back.
    await recordContact(page, note('zítřejší'), localInput(24 * 60));
    expect(await rows(page, 'records')).toHaveLength(2);
    // The first kept an hour past the limit, the second an hour short of it.
    await ageRecords(page, [limit + 1, limit - 1]);
    await page.reload();
    await page.goto('/#/contacts');
    await page.getByRole('region', { name: 'Čeká na odeslání (1)' }).waitFor();
    expect(await rows(page, 'records')).toHaveLength(1);

    await context.setOffline(false);
    const refused = page.getByRole('region', { name: 'Čeká na odeslání (1)' }).getByRole('listitem');
    await refused.getByText(note('zítřejší')).waitFor({ timeout: 30_000 });
    await refused.getByText('Server záznam odmítl — opravte ho, nebo ho zahoďte.').waitFor();
    await refused.getByRole('button', { name: 'Zahodit' }).click();
    await page.getByRole('region', { name: /Čeká na odeslání/ }).waitFor({ state: 'detached' });
    expect(await rows(page, 'records')).toEqual([]);
    // Neither reached the API: the old one was deleted on the phone, the refused one discarded.
    const sent = (await api.get<{ items: Contact[] }>(`/contacts?${days()}&limit=100`)).body.items;
    expect(sent.filter((c) => c.notes?.startsWith(`offline ${run} `))).toEqual([]);
    await context.close();
  });
});
