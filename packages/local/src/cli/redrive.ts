// `npm run redrive`: re-deliver the events a consumer failed on every attempt.
//
//   npm run redrive -- --region CZ051 [--consumer stats.events] [--dry-run] [--max N]
//       the local runtime (`npm start`): its dead-letter list, through http://localhost:300x
//   npm run redrive -- --aws --function <name|arn> [--queue-url URL] [--dry-run] [--max N]
//       AWS: the function's on-failure queue (from its EventInvokeConfig), with the credentials
//       and AWS_REGION of the shell
//
// Each record's event is delivered once; a record is deleted only when that delivery succeeded.
// Consumers skip what they already applied, so running it again is safe. Exit code 2 when records
// are left (still failing or unreadable).
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { RegionCode } from '@spolu/contracts';
import type { RedriveReport } from '@spolu/platform';
import type { OnFailureQueueOps } from '../redrive-aws';
import { parseQueueArn, redriveOnFailureQueue } from '../redrive-aws';
import { redriveLocal, regionPort } from '../redrive-local';

const usage = `usage:
  npm run redrive -- --region <kraj> [--consumer <service.handler>] [--dry-run] [--max N] [--url URL]
  npm run redrive -- --aws --function <name|arn> [--queue-url URL] [--dry-run] [--max N]`;

/** The real SQS and Lambda calls. */
export const awsOps = (sqs = new SQSClient({}), lambda = new LambdaClient({})): OnFailureQueueOps => {
  const decoder = new TextDecoder();
  return {
    onFailureDestination: async (functionName) => {
      const get = (Qualifier?: string) =>
        lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: functionName, Qualifier }));
      let config;
      try {
        config = await get();
      } catch (err) {
        // CDK's configureAsyncInvoke configures the $LATEST qualifier.
        if (!(err instanceof ResourceNotFoundException)) throw err;
        config = await get('$LATEST');
      }
      return config.DestinationConfig?.OnFailure?.Destination;
    },
    queueUrl: async (arn) => {
      const { name, account } = parseQueueArn(arn);
      const { QueueUrl } = await sqs.send(
        new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
      );
      if (!QueueUrl) throw new Error(`no queue URL for ${arn}`);
      return QueueUrl;
    },
    receive: async (QueueUrl, max, VisibilityTimeout) =>
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: max,
            VisibilityTimeout,
            WaitTimeSeconds: 2,
          }),
        )
      ).Messages ?? [],
    deleteMessage: async (QueueUrl, ReceiptHandle) => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
    },
    changeVisibility: async (QueueUrl, ReceiptHandle, VisibilityTimeout) => {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout }));
    },
    invoke: async (FunctionName, payload) => {
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(payload),
        }),
      );
      return {
        StatusCode: out.StatusCode,
        FunctionError: out.FunctionError,
        Payload: out.Payload ? decoder.decode(out.Payload) : undefined,
      };
    },
  };
};

const print = (report: RedriveReport, where: string, dryRun: boolean) => {
  for (const item of report.items)
    console.log(
      [
        item.outcome.padEnd(14),
        item.functionName ?? '',
        item.eventType ?? '',
        item.eventId ?? item.id,
        item.failedAt ?? '',
        item.attempts === undefined ? '' : `${item.attempts} attempts`,
        item.redriveError ?? item.error ?? '',
      ]
        .filter(Boolean)
        .join('  '),
    );
  console.log(
    dryRun
      ? `${where}: ${report.listed} record(s) listed, nothing sent` +
          (report.unreadable ? `, ${report.unreadable} unreadable` : '')
      : `${where}: ${report.redriven} redriven, ${report.stillFailing} still failing` +
          (report.unreadable ? `, ${report.unreadable} unreadable` : '') +
          (report.otherFunction ? `, ${report.otherFunction} of another function left` : ''),
  );
};

const main = async () => {
  const { values } = parseArgs({
    options: {
      aws: { type: 'boolean', default: false },
      function: { type: 'string' },
      'queue-url': { type: 'string' },
      region: { type: 'string' },
      consumer: { type: 'string' },
      url: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      max: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0))
    throw new Error(`--max ${values.max}: a whole number > 0`);
  const dryRun = values['dry-run'];
  let report: RedriveReport;
  let where: string;
  if (values.aws) {
    if (!values.function) throw new Error(`--aws needs --function\n${usage}`);
    const aws = await redriveOnFailureQueue(awsOps(), {
      functionName: values.function,
      queueUrl: values['queue-url'],
      dryRun,
      max,
    });
    report = aws;
    where = `${aws.functionName} (${aws.queueUrl})`;
  } else {
    const region = RegionCode.safeParse(values.region ?? 'CZ051');
    if (!region.success) throw new Error(`--region ${values.region}: not a region code\n${usage}`);
    const url = values.url ?? `http://localhost:${regionPort(region.data)}`;
    try {
      report = await redriveLocal({ url, consumer: values.consumer, dryRun, max });
    } catch (err) {
      if (err instanceof TypeError)
        throw new Error(`no local runtime answers at ${url} (start it with npm start, or pass --url)`);
      throw err;
    }
    where = `${values.url && !values.region ? url : region.data} ${values.consumer ?? 'all consumers'}`;
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else print(report, where, dryRun);
  return report.stillFailing > 0 || report.unreadable > 0 ? 2 : 0;
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
