import type { Problem } from '@spolu/contracts';
import { fhirMediaType, operationOutcomeOf } from '@spolu/contracts';
import type { ApiMiddleware } from './state';

/** A FHIR client says so in Accept (application/fhir+json, or the older application/json+fhir). */
const acceptsFhir = (headers: Record<string, string | undefined> | undefined) =>
  /fhir/i.test(headers?.accept ?? '');

/** On a FHIR route, a problem leaves as an OperationOutcome (FHIR's error form) when the caller
 * accepts FHIR; the status, headers and language stay those of the problem. Runs after
 * problemErrors has worded the problem, so both forms say the same thing. */
export const operationOutcomes = (): ApiMiddleware => ({
  name: 'operationOutcomes',
  onError: (request) => {
    const route = request.context.api.impl?.route;
    const response = request.response;
    if (route?.responseMediaType !== fhirMediaType || !response || !acceptsFhir(request.event.headers))
      return;
    const problem = JSON.parse(response.body ?? '{}') as Problem;
    const resourceType = /^\/fhir\/([A-Za-z]+)/.exec(route.path)?.[1];
    request.response = {
      ...response,
      headers: { ...response.headers, 'content-type': fhirMediaType },
      body: JSON.stringify(operationOutcomeOf(problem, resourceType)),
    };
  },
});
