import { Logger } from '@aws-lambda-powertools/logger';

export const createLogger = (serviceName: string) =>
  new Logger({
    serviceName,
    // Quiet in tests and the local runtime unless asked for.
    logLevel:
      (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ??
      (process.env.AWS_LAMBDA_FUNCTION_NAME ? 'INFO' : 'WARN'),
  });
