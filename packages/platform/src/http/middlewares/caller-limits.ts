import type { RuntimeEnv } from '../../env';
import { enforceCallerLimits } from '../caller-limits';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** Counts the request against its caller's per-minute limits (429 beyond them); after
 * `authorize`, so a caller without the scope uses up nothing. */
export const callerLimits = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'callerLimits',
  before: ({ context }) => enforceCallerLimits(env, needs(context.api.auth, 'auth', 'authorize')),
});
