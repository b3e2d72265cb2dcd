import type { RuntimeEnv } from '../../env';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** The route's answer through its response schema where the environment asks for it (tests and
 * the local runtime): a handler that drifts from the contract fails (500) instead of publishing
 * a shape the OpenAPI document does not promise. Unknown keys are stripped. */
export const validateResponse = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'validateResponse',
  after: ({ context }) => {
    if (!env.validateResponses) return;
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    const outcome = needs(context.api.outcome, 'outcome', 'the route handler');
    if (outcome.status !== 204) outcome.body = route.response.parse(outcome.body);
  },
});
