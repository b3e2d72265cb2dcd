// The provider's workers: names for the ids records carry (key worker, who recorded what).
import { dataOf } from '@spolu/client';
import { useLoad } from '../../api/context';

export const useColleagues = () =>
  useLoad(async (api) => {
    const { items } = dataOf(await api.GET('/workers', { params: { query: { limit: 100 } } }));
    return { items, nameOf: (id: string) => items.find((w) => w.id === id)?.name ?? id };
  }, []);
