// The AWS side of `npm run redrive -- --aws`: find a function's on-failure queue (its
// EventInvokeConfig), read the invocation records Lambda left there, invoke the function once
// (RequestResponse) with each record's requestPayload, delete the message when that succeeded and
// leave it otherwise. The loop itself is the shared one (redriveFailures), as the local bus uses.
// AWS is reached only through the small `OnFailureQueueOps` interface, so the record handling is
// unit-tested with an in-memory queue.
import type { FailureMessage, RedriveReport } from '@spolu/platform';
import { functionNameOf, redriveFailures } from '@spolu/platform';

export interface QueueMessage {
  MessageId?: string;
  ReceiptHandle?: string;
  Body?: string;
}

export interface InvokeResult {
  StatusCode?: number;
  /** `Handled` / `Unhandled` when the function failed. */
  FunctionError?: string;
  /** The function's answer (or its error object), as text. */
  Payload?: string;
}

/** The SQS and Lambda calls the redrive needs. */
export interface OnFailureQueueOps {
  /** GetFunctionEventInvokeConfig -> DestinationConfig.OnFailure.Destination (an ARN), if any. */
  onFailureDestination: (functionName: string) => Promise<string | undefined>;
  /** GetQueueUrl for a queue ARN. */
  queueUrl: (queueArn: string) => Promise<string>;
  /** ReceiveMessage (at most 10, long polling); the messages stay invisible for `visibilitySeconds`. */
  receive: (queueUrl: string, max: number, visibilitySeconds: number) => Promise<QueueMessage[]>;
  deleteMessage: (queueUrl: string, receiptHandle: string) => Promise<void>;
  /** ChangeMessageVisibility: 0 makes a kept message visible again at once. */
  changeVisibility: (queueUrl: string, receiptHandle: string, seconds: number) => Promise<void>;
  /** Invoke with InvocationType RequestResponse. */
  invoke: (functionName: string, payload: string) => Promise<InvokeResult>;
}

export interface AwsRedriveOptions {
  /** The consumer function's name or ARN. */
  functionName: string;
  /** Skip the discovery and read this queue. */
  queueUrl?: string;
  dryRun?: boolean;
  max?: number;
  /** How long a received message stays hidden while the run works on it. */
  visibilitySeconds?: number;
}

export interface AwsRedriveReport extends RedriveReport {
  queueUrl: string;
  functionName: string;
}

/** `arn:aws:sqs:<region>:<account>:<name>` -> its parts. */
export const parseQueueArn = (arn: string) => {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs')
    throw new Error(`the on-failure destination ${arn} is not an SQS queue`);
  return { region: parts[3]!, account: parts[4]!, name: parts[5]! };
};

/** What the Node.js runtime returns for a failed invocation: `{ errorType, errorMessage }`. */
const errorOf = (result: InvokeResult) => {
  try {
    const body: unknown = JSON.parse(result.Payload ?? '');
    if (body && typeof body === 'object' && 'errorMessage' in body) {
      const type = 'errorType' in body ? `${String(body.errorType)}: ` : '';
      return `${type}${String(body.errorMessage)}`;
    }
  } catch {
    // not JSON: fall through
  }
  return (
    result.Payload || `function error ${result.FunctionError ?? ''} (status ${result.StatusCode ?? '?'})`
  );
};

interface SqsFailureMessage extends FailureMessage {
  receiptHandle: string;
}

export const redriveOnFailureQueue = async (
  ops: OnFailureQueueOps,
  opts: AwsRedriveOptions,
): Promise<AwsRedriveReport> => {
  let queueUrl = opts.queueUrl;
  if (!queueUrl) {
    const destination = await ops.onFailureDestination(opts.functionName);
    if (!destination)
      throw new Error(
        `${opts.functionName} has no on-failure destination (GetFunctionEventInvokeConfig): nothing keeps its failed invocations`,
      );
    parseQueueArn(destination);
    queueUrl = await ops.queueUrl(destination);
  }
  const url = queueUrl;
  const visibility = opts.visibilitySeconds ?? 300;
  const report = await redriveFailures<SqsFailureMessage>(
    {
      receive: async (max) =>
        (await ops.receive(url, Math.min(max, 10), visibility)).flatMap((m) =>
          m.MessageId && m.ReceiptHandle
            ? [{ id: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body ?? '' }]
            : [],
        ),
      remove: (m) => ops.deleteMessage(url, m.receiptHandle),
      // Kept messages are visible again at once for the next run (or the next operator).
      release: (m) => ops.changeVisibility(url, m.receiptHandle, 0),
    },
    {
      functionName: opts.functionName,
      dryRun: opts.dryRun,
      max: opts.max,
      deliver: async (payload) => {
        const result = await ops.invoke(opts.functionName, JSON.stringify(payload));
        if (result.FunctionError) throw new Error(errorOf(result));
      },
    },
  );
  return { ...report, queueUrl: url, functionName: functionNameOf(opts.functionName) };
};
