// Matrix fixtures of directory routes added after fixtures.ts (which holds the first ones).
import type { RouteFixture } from './fixtures';

export const directoryMatrixFixtures: Record<string, RouteFixture> = {
  'directory.getOfflineKey': {
    build: async () => ({}),
    allow: {
      tenantB:
        "the caller's own key (HMAC of its own provider and worker id): tenant B's worker gets a different one (services/directory/test/offline-key.test.ts), nothing of tenant A",
    },
  },
};
