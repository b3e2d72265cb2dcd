// EventBridge -> Lambda deliveries (subscriptions and schedules) for one handler: one dead-letter
// queue per handler, shared by all of its rules, so an alarm names the consumer that gave up.
import { Duration } from 'aws-cdk-lib';
import type { IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { DeadLetterQueue } from './dead-letter-queue';

export const deliveryPolicy = {
  retryAttempts: 8,
  // Events older than this are stale for a consumer; the DLQ keeps them for replay by hand.
  maxEventAge: Duration.hours(6),
} as const;

export class AsyncTargets {
  private deadLetters?: DeadLetterQueue;

  constructor(
    private readonly scope: Construct,
    private readonly fn: IFunction,
    private readonly deps: { messagingKey: IKey; alarms: Alarms; purpose: string },
  ) {}

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
