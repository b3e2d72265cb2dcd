// The provider's workers: names for the ids records carry (key worker, who recorded what).
import type { directory } from '@spolu/contracts';
import { useLoad } from '../../api/context';

export const useColleagues = () =>
  useLoad(async (api) => {
    const { items } = await api.get<{ items: directory.Worker[] }>('/workers', { limit: 100 });
    return { items, nameOf: (id: string) => items.find((w) => w.id === id)?.name ?? id };
  }, []);
