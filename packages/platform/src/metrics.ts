import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch EMF metrics per service, only inside Lambda: locally and in tests there is nowhere
 * to send them and Powertools would print a warning per request. */
export const createMetrics = (serviceName: string): Metrics | undefined =>
  process.env.AWS_LAMBDA_FUNCTION_NAME ? new Metrics({ namespace: 'Spolu', serviceName }) : undefined;
