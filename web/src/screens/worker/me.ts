// The signed-in worker's own record and services: forms default to the service they work in.
import { dataOf } from '@spolu/client';

import { useLoad, useSession } from '../../api/context';

export const useMyServices = () => {
  const session = useSession();
  return useLoad(
    async (api) => {
      const me = dataOf(
        await api.GET('/workers/{workerId}', { params: { path: { workerId: session.userId } } }),
      );
      const services = await Promise.all(
        me.serviceIds.map((serviceId) =>
          api.GET('/services/{serviceId}', { params: { path: { serviceId } } }).then(dataOf),
        ),
      );
      return { me, services };
    },
    [session.userId],
  );
};

export const nowLocalInput = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
/** `<input type="datetime-local">` value (local time) → ISO instant with offset for the API. */
export const localInputToIso = (value: string) => (value ? new Date(value).toISOString() : '');
export const today = () => new Date().toISOString().slice(0, 10);
