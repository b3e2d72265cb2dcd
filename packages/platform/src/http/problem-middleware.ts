import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ProblemLanguage } from '@spolu/contracts';
import { czechRuleText, negotiateProblemLanguage } from '@spolu/contracts';
import { DomainRuleViolation, HttpProblem, unprocessable } from '../errors';

/** The problem in the request's language (Accept-Language; English when absent). */
export const problemResponse = (
  problem: HttpProblem,
  instance: string,
  language: ProblemLanguage = 'en',
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: {
    'content-type': 'application/problem+json',
    'content-language': language,
    'cache-control': 'no-store',
    ...problem.headers,
  },
  body: JSON.stringify(problem.toProblem(instance, language)),
});

/** The header as API Gateway passes it (lower-case), or as another caller spelled it. */
const acceptLanguageOf = (headers: Record<string, string | undefined> | undefined) =>
  headers?.['accept-language'] ??
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'accept-language')?.[1];

/** The problem an error becomes: an HttpProblem as it is, a broken domain rule as 422 with the
 * rule's code, anything else as a bare 500 (undefined `logAs` tells the caller to log it). */
export const problemOf = (error: unknown): { problem: HttpProblem; logAs?: string } => {
  if (error instanceof HttpProblem)
    return { problem: error, ...(error.status >= 500 ? { logAs: 'request failed' } : {}) };
  if (error instanceof DomainRuleViolation) {
    const rule = czechRuleText(error.rule);
    return {
      problem: unprocessable(error.message, [
        { path: error.field ?? '', message: error.message, code: error.rule },
      ]).withTexts('cs', rule ? { detail: rule } : {}),
    };
  }
  return {
    problem: new HttpProblem(500, 'internal', 'Internal error', { code: 'internal' }),
    logAs: 'unhandled error',
  };
};

/** Every error leaves as RFC 9457 problem+json, in Czech when the request prefers Czech
 * (Accept-Language: cs), else in English; codes (`type`, `errors[].code`) stay the same. Unknown
 * errors are logged in full and answered with a bare 500 that carries only the request id: no
 * stack trace or internal message leaks. */
export const problemErrors = (
  log: Logger,
  metrics?: Metrics,
): MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const { problem, logAs } = problemOf(request.error);
    metrics?.addMetric(problem.status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
    if (logAs) log.error(logAs, { error: request.error });
    const instance = `urn:request:${request.event.requestContext?.requestId ?? 'unknown'}`;
    const language = negotiateProblemLanguage(acceptLanguageOf(request.event.headers));
    request.response = problemResponse(problem, instance, language);
  },
});
