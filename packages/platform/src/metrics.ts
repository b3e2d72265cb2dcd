import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch EMF metrics per service. Outside Lambda (local runtime, tests) emission is off, so
 * stdout stays readable; POWERTOOLS_METRICS_DISABLED=false turns it on to inspect the output. */
export const createMetrics = (serviceName: string) => {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  return new Metrics({ namespace: 'Spolu', serviceName });
};
