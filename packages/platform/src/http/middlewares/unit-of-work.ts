import { UnitOfWork } from '../../dynamo/tx';
import type { RuntimeEnv } from '../../env';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** One transaction per request: the route's writes, its audit entries and its remembered
 * response commit together once the answer passed every check, or not at all (an error skips
 * `after`, so nothing of a refused or failed request is stored). */
export const unitOfWork = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'unitOfWork',
  before: ({ context }) => {
    context.api.tx = new UnitOfWork(env);
  },
  after: async ({ context }) => {
    await needs(context.api.tx, 'tx', 'unitOfWork').commit();
  },
});
