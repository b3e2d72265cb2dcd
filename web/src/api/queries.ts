// The console's server state: one TanStack Query cache for every screen's data. A screen's lists
// refresh when the person comes back to the tab and after any save; a lost connection is tried
// again, an answer of the API (4xx, 5xx) never is: it is the answer.
import { QueryClient } from '@tanstack/react-query';

/** Only a request that never reached the API (fetch's TypeError) is worth a second try. */
export const retryNetworkErrors = (failures: number, error: unknown) =>
  error instanceof TypeError && failures < 2;

export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: true,
        retry: retryNetworkErrors,
      },
      mutations: { retry: false },
    },
  });
