import { directoryRoutes as r, districtsOf, needsTaxonomy } from '@spolu/contracts';
import { httpApi, implement } from '@spolu/platform';

export const handler = httpApi('directory', (env) => [
  implement(r.listDistricts, async () => ({ body: { items: districtsOf(env.region) } })),
  implement(r.getNeedsTaxonomy, async () => ({ body: needsTaxonomy })),
]);
