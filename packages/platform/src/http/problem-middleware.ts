import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainRuleViolation, HttpProblem, unprocessable } from '../errors';

const problemResponse = (problem: HttpProblem, instance: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...problem.headers },
  body: JSON.stringify(problem.toProblem(instance)),
});

/** Every error leaves as RFC 9457 problem+json. Unknown errors are logged in full and answered
 * with a bare 500 that carries only the request id: no stack trace or internal message leaks. */
export const problemErrors = (
  log: Logger,
  metrics?: Metrics,
): MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const { error } = request;
    const status =
      error instanceof HttpProblem ? error.status : error instanceof DomainRuleViolation ? 422 : 500;
    metrics?.addMetric(status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
    const instance = `urn:request:${request.event.requestContext?.requestId ?? 'unknown'}`;
    if (error instanceof HttpProblem) {
      if (error.status >= 500) log.error('request failed', { error });
      request.response = problemResponse(error, instance);
      return;
    }
    if (error instanceof DomainRuleViolation) {
      request.response = problemResponse(
        unprocessable(error.message, [{ path: error.field ?? '', message: error.message, code: error.rule }]),
        instance,
      );
      return;
    }
    log.error('unhandled error', { error });
    request.response = problemResponse(
      new HttpProblem(
        500,
        'internal',
        'Internal error',
        'Something went wrong on our side. Quote the instance id when reporting it.',
      ),
      instance,
    );
  },
});
