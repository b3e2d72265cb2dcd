// The region's providers and services, for naming partners and choosing whom to work with.
import type { directory } from '@spolu/contracts';
import { useLoad } from '../../../api/context';

export const useRegion = () =>
  useLoad(async (api) => {
    const [providers, services] = await Promise.all([
      api.get<{ items: directory.Provider[] }>('/providers', { limit: 100 }),
      api.get<{ items: directory.Service[] }>('/services', { limit: 100 }),
    ]);
    const providerName = (id: string) => providers.items.find((p) => p.id === id)?.name ?? id;
    return { providers: providers.items, services: services.items, providerName };
  }, []);
