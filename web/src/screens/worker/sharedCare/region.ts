// The region's providers and services, for naming partners and choosing whom to work with.
import { dataOf } from '@spolu/client';
import { useLoad } from '../../../api/context';

export const useRegion = () =>
  useLoad(async (api) => {
    const [providers, services] = await Promise.all([
      api.GET('/providers', { params: { query: { limit: 100 } } }).then(dataOf),
      api.GET('/services', { params: { query: { limit: 100 } } }).then(dataOf),
    ]);
    const providerName = (id: string) => providers.items.find((p) => p.id === id)?.name ?? id;
    return { providers: providers.items, services: services.items, providerName };
  }, []);
