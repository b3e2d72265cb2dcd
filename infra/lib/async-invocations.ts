// Functions that EventBridge invokes (subscriptions and schedules) run as asynchronous Lambda
// invocations. Two places can give an event up, and each has its own queue:
// - the rule's dead-letter queue: EventBridge could not hand the event to Lambda at all;
// - the function's on-failure destination: Lambda ran the function and it failed every attempt.
//   Without it Lambda drops the event after its retries. The invocation record kept there (the
//   event, the error, the attempts) is what `npm run redrive` re-delivers (docs/OPERATIONS.md).
import { Duration } from 'aws-cdk-lib';
import type { IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { DeadLetterQueue, EncryptedSqsDestination } from './dead-letter-queue';

/** EventBridge's side: how long and how often it tries to hand an event to Lambda. */
export const deliveryPolicy = {
  retryAttempts: 8,
  // Events older than this are stale for a consumer; the DLQ keeps them for replay by hand.
  maxEventAge: Duration.hours(6),
} as const;

/** Lambda's side: attempts of a function that throws, before the record goes to on-failure. */
export const asyncInvokePolicy = {
  retryAttempts: 2,
  maxEventAge: Duration.hours(6),
} as const;

export interface AsyncDeps {
  messagingKey: IKey;
  alarms: Alarms;
  purpose: string;
}

/** Keeps every failed asynchronous invocation of `fn` in an encrypted, alarmed queue. */
export const keepFailedInvocations = (scope: Construct, fn: IFunction, deps: AsyncDeps) => {
  const failures = new DeadLetterQueue(scope, 'FailedInvocations', {
    key: deps.messagingKey,
    alarms: deps.alarms,
    purpose: `${deps.purpose} (invocations that failed every attempt)`,
  });
  fn.configureAsyncInvoke({ ...asyncInvokePolicy, onFailure: new EncryptedSqsDestination(failures) });
  return failures;
};

export class AsyncTargets {
  private deadLetters?: DeadLetterQueue;
  /** Where Lambda keeps the handler's failed invocations. */
  readonly failures: DeadLetterQueue;

  constructor(
    private readonly scope: Construct,
    private readonly fn: IFunction,
    private readonly deps: AsyncDeps,
  ) {
    this.failures = keepFailedInvocations(scope, fn, deps);
  }

  target(): IRuleTarget {
    return new LambdaFunction(this.fn, { ...deliveryPolicy, deadLetterQueue: this.queue().queue });
  }

  private queue() {
    this.deadLetters ??= new DeadLetterQueue(this.scope, 'DeliveryDeadLetters', {
      key: this.deps.messagingKey,
      alarms: this.deps.alarms,
      purpose: this.deps.purpose,
    });
    return this.deadLetters;
  }
}
