import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegionCode } from '@spolu/contracts';
import type { ServiceName } from '@spolu/contracts';
import type { QueueSender } from './queue-sender';
import { sqsQueueSender } from './queue-sender';

/** Everything a handler needs from its surroundings. In Lambda it comes from environment
 * variables; the local runtime builds one per (region, service) and passes it in, so many
 * services can run in one process without sharing globals. */
export interface RuntimeEnv {
  service: ServiceName;
  region: RegionCode;
  tableName: string;
  ddb: DynamoDBDocumentClient;
  /** Injected so tests can move time (expiry, overdue reviews). */
  now: () => Date;
  /** Validate every response against its contract (local and tests; off in AWS for speed). */
  validateResponses: boolean;
  /** Secret for pseudonymous subject keys (HMAC); per region. */
  subjectKeySecret: string;
  /** Extra settings a service reads by name (e.g. the local runtime allowing loopback webhooks). */
  settings: Record<string, string | undefined>;
  /** Sends to the service's own queues (manifest `queue`/`sendsTo`): SQS in AWS, in-process locally. */
  queues?: QueueSender;
}

export const documentClient = (endpoint?: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient(
      endpoint
        ? {
            endpoint,
            region: 'eu-central-1',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            maxAttempts: 3,
          }
        : { maxAttempts: 3 },
    ),
    { marshallOptions: { removeUndefinedValues: true } },
  );

const required = (vars: NodeJS.ProcessEnv, name: string) => {
  const value = vars[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

/** The subject-key secret: in AWS read once per cold start from Secrets Manager (the stack passes
 * its ARN); a plain value in SUBJECT_KEY_SECRET is accepted for local runs. */
const subjectKeySecret = async (vars: NodeJS.ProcessEnv) => {
  if (vars.SUBJECT_KEY_SECRET) return vars.SUBJECT_KEY_SECRET;
  if (!vars.SUBJECT_KEY_SECRET_ARN) return '';
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: vars.SUBJECT_KEY_SECRET_ARN }));
  client.destroy();
  return out.SecretString ?? '';
};

export const envFromProcess = async (
  service: ServiceName,
  vars: NodeJS.ProcessEnv = process.env,
): Promise<RuntimeEnv> => ({
  service,
  region: RegionCode.parse(required(vars, 'SPOLU_REGION')),
  tableName: required(vars, 'TABLE_NAME'),
  ddb: documentClient(vars.DYNAMODB_ENDPOINT),
  now: () => new Date(),
  validateResponses: vars.SPOLU_VALIDATE_RESPONSES === 'true',
  subjectKeySecret: await subjectKeySecret(vars),
  settings: vars,
  queues: sqsQueueSender(vars),
});
