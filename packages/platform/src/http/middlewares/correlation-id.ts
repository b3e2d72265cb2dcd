import type { Logger } from '@aws-lambda-powertools/logger';
import type { ApiMiddleware } from './state';

/** Every log line of the request carries API Gateway's request id (also the problem's instance). */
export const correlationId = (log: Logger): ApiMiddleware => ({
  name: 'correlationId',
  before: (request) => {
    log.setCorrelationId(request.event.requestContext.requestId);
  },
});
