// Sending the outbox (issue 22 item 2): when the worker is signed in, on app start, when the
// connection comes back (`online`), when the console comes back into view (focus), a few seconds
// after a send failed on the network while the phone thought it was online, and on "Odeslat nyní".
// Also at sign-in: the device key is made and the worker's reference data kept for offline forms;
// with signal, the worker's wrapping secret is asked for (GET /me/offline-key) and the records'
// private key unwrapped in memory (vault.ts), before anything is sent.
import { dataOf } from '@spolu/client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Api } from '../api/client';
import { ApiError } from '../api/client';
import { useApp, useSession } from '../api/context';
import type { Session } from '../auth/session';
import { useT } from '../i18n/locale';
import { useToast } from '../ui/toast';
import type { OutboxEntry, OutboxKind, OutboxRecord, SendFailure, Sender, SyncOutcome } from './outbox';
import {
  enqueue,
  expireOutbox,
  listOutboxEntries,
  openRecords,
  onOutboxChange,
  outboxVersion,
  resumeInterrupted,
  syncOutbox,
} from './outbox';
import { isNetworkError, keepFieldServices, loadFieldServices } from './reference';
import { canRead, keptOfflineHours, lockRecords, unlockVault } from './vault';

/** Each record by its own route and its own Idempotency-Key, the body checked by the contract. */
const sender =
  (api: Api): Sender =>
  async (record: OutboxRecord) => {
    const params = { header: { 'idempotency-key': record.key } };
    const { contactBody, phoneArrangementBody } = await import('./bodies');
    if (record.kind === 'contact')
      return dataOf(await api.POST('/contacts', { params, body: contactBody(record.body) }));
    return dataOf(await api.POST('/phone-arrangements', { params, body: phoneArrangementBody(record.body) }));
  };

/** How sync treats a failure: only the API's 4xx refusal is the worker's to resolve. */
export const classify = (err: unknown): SendFailure => {
  if (err instanceof ApiError) {
    const { status } = err;
    if (status === 401) return { kind: 'signed-out' };
    const busy = status === 409 && /Idempotency-Key/.test(err.problem.detail ?? err.problem.title);
    if (status >= 500 || status === 408 || status === 429 || busy) return { kind: 'later' };
    return { kind: 'refused', problem: err.problem };
  }
  if (isNetworkError(err)) return { kind: 'network' };
  // A body the contract no longer accepts (a build changed meanwhile): the worker corrects it.
  return {
    kind: 'refused',
    problem: { type: 'about:blank', title: err instanceof Error ? err.message : String(err), status: 400 },
  };
};

/** A token with less than this left is not used: the send could fail half way. */
const tokenMarginMs = 15_000;
/** After a network failure while the phone says it is online, the next try. */
export const retryMs = 4_000;
const maxRetryMs = 5 * 60_000;

let syncNow: (() => void) | undefined;
/** "Odeslat nyní", and a save that found the network after all. */
export const requestSync = () => syncNow?.();

/** The outbox sender, mounted once while a case worker is signed in. */
export const OutboxSync = ({ session }: { session: Session }) => {
  const { api, config } = useApp();
  const t = useT();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { userId, expiresAt } = session;
  /** The records' private key, unwrapped with the worker's secret: asked for once per session. */
  const openKeys = useCallback(async (): Promise<SyncOutcome | undefined> => {
    if (canRead(userId)) return undefined;
    try {
      const { key, offlineHours } = dataOf(await api.GET('/me/offline-key'));
      await openRecords(userId, key, offlineHours);
      return undefined;
    } catch (err) {
      const failure = classify(err);
      // A worker no longer active gets no secret: nothing is retried until the next sign-in.
      const stopped = failure.kind === 'refused' ? 'signed-out' : failure.kind;
      return { sent: 0, refused: 0, stopped };
    }
  }, [api, userId]);
  const run = useCallback(async () => {
    if (!navigator.onLine) return;
    const closed = await openKeys();
    if (closed) return closed;
    const outcome = await syncOutbox(
      userId,
      sender(api),
      classify,
      () => expiresAt - Date.now() > tokenMarginMs,
    );
    if (outcome.sent > 0) {
      toast.success(t('offline.outbox.sent', { count: outcome.sent }));
      // The day log, the tally and the appointments now hold what was sent.
      void queryClient.invalidateQueries();
    }
    return outcome;
  }, [api, userId, expiresAt, toast, t, queryClient, openKeys]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // Retries while the phone says it is online but sends fail: 4 s, then twice as long each
    // time up to 5 minutes (an API that is down is not asked every few seconds for hours).
    let delay = retryMs;
    const go = () => {
      clearTimeout(timer);
      void run()
        .then((outcome) => {
          if (stopped || !outcome) return;
          if (!outcome.stopped || outcome.stopped === 'signed-out' || outcome.stopped === 'locked') {
            delay = retryMs;
            return;
          }
          timer = setTimeout(go, delay);
          delay = Math.min(delay * 2, maxRetryMs);
        })
        .catch(() => undefined);
    };
    syncNow = go;
    const onVisible = () => {
      if (document.visibilityState === 'visible') go();
    };
    // At sign-in / app start: the key, old records away, interrupted sends waiting again, the
    // reference data for offline forms, then the first run.
    void (async () => {
      await unlockVault();
      await expireOutbox((await keptOfflineHours(userId)) ?? config.offlineHours);
      await resumeInterrupted(userId);
      if (navigator.onLine)
        await loadFieldServices(api, userId)
          .then((data) => keepFieldServices(userId, data))
          .catch(() => undefined);
      go();
    })().catch(() => undefined);
    window.addEventListener('online', go);
    window.addEventListener('focus', go);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (syncNow === go) syncNow = undefined;
      window.removeEventListener('online', go);
      window.removeEventListener('focus', go);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [run, api, userId, config.offlineHours]);
  // The session ends (sign-out, a dead token, another worker): the private key leaves memory.
  useEffect(() => () => lockRecords(), [userId]);
  return null;
};

/** The signed-in worker's outbox records, oldest first, following every change. */
export const useOutbox = () => {
  const { userId } = useSession();
  const version = useSyncExternalStore(onOutboxChange, outboxVersion);
  const [records, setRecords] = useState<OutboxEntry[]>();
  useEffect(() => {
    let current = true;
    listOutboxEntries(userId)
      .then((list) => current && setRecords(list))
      .catch(() => current && setRecords([]));
    return () => {
      current = false;
    };
  }, [userId, version]);
  return records;
};

export type Saved<R> = { queued: false; saved: R } | { queued: true; key: string };

/**
 * A field form's save: straight to the API when there is signal; into the outbox (with the key
 * made when the worker tapped save) when the phone is offline or the request never reached the
 * API. Any answer of the API (a refusal) is the form's to show, as online.
 */
export const useOfflineSave = () => {
  const { userId } = useSession();
  return useCallback(
    async <R,>(
      record: { kind: OutboxKind; key: string; body: Record<string, unknown>; linkTo?: string },
      online: () => Promise<R>,
    ): Promise<Saved<R>> => {
      const queue = async (): Promise<Saved<R>> => {
        await enqueue({ ...record, userId });
        if (navigator.onLine) setTimeout(requestSync, record.linkTo ? 0 : retryMs);
        return { queued: true, key: record.key };
      };
      // Linked to a contact still on the device: it can only go after that contact.
      if (!navigator.onLine || record.linkTo) return queue();
      try {
        return { queued: false, saved: await online() };
      } catch (err) {
        if (isNetworkError(err)) return queue();
        throw err;
      }
    },
    [userId],
  );
};
