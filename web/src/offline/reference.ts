// The reference data a field form needs without signal (issue 22 item 1): the worker's own record
// and services (their field places and places' details). Loaded and kept, sealed, at sign-in and
// whenever the form loads it online; read from the device only when the network fails. Nothing
// about clients is kept here.
import { dataOf } from '@spolu/client';
import { useQuery } from '@tanstack/react-query';
import type { Api } from '../api/client';
import type { Loaded } from '../api/context';
import { useApp, useSession } from '../api/context';
import { outbox, seal, unseal } from './vault';

export const loadFieldServices = async (api: Api, userId: string) => {
  const me = dataOf(await api.GET('/workers/{workerId}', { params: { path: { workerId: userId } } }));
  const services = await Promise.all(
    me.serviceIds.map((serviceId) =>
      api.GET('/services/{serviceId}', { params: { path: { serviceId } } }).then(dataOf),
    ),
  );
  return { me, services };
};
export type FieldServices = Awaited<ReturnType<typeof loadFieldServices>>;

const rowId = (userId: string) => `reference:${userId}`;

export const keepFieldServices = async (userId: string, data: FieldServices) => {
  const content = await seal(data, rowId(userId));
  await (await outbox()).put('reference', { userId, savedAt: Date.now(), content });
};

export const keptFieldServices = async (userId: string): Promise<FieldServices | undefined> => {
  const row = await (await outbox()).get('reference', userId);
  return row ? unseal<FieldServices>(row.content, rowId(userId)) : undefined;
};

/** fetch's own failure: the request never reached the API (no signal, DNS, connection cut). */
export const isNetworkError = (err: unknown) => err instanceof TypeError;

/** The worker's services for a field form: from the API, else (no signal) from the device. Runs
 * offline too (networkMode 'always'): TanStack Query would otherwise pause it until online. */
export const useFieldServices = (): Loaded<FieldServices> => {
  const session = useSession();
  const { api } = useApp();
  const query = useQuery({
    queryKey: ['field-services', session.userId],
    networkMode: 'always',
    retry: false,
    queryFn: async () => {
      try {
        const data = await loadFieldServices(api, session.userId);
        void keepFieldServices(session.userId, data).catch(() => undefined);
        return data;
      } catch (err) {
        const kept = isNetworkError(err)
          ? await keptFieldServices(session.userId).catch(() => undefined)
          : undefined;
        if (kept) return kept;
        throw err;
      }
    },
  });
  const { refetch } = query;
  return {
    data: query.data,
    error: query.data === undefined ? (query.error ?? undefined) : undefined,
    loading: query.isFetching,
    reload: () => void refetch(),
  };
};
