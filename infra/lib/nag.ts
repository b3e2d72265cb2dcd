// cdk-nag findings this design accepts on purpose. Each is acknowledged on the construct that
// raises it, with the exact finding id (never a whole rule for the stack) and the reason below.
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const acceptedFindings = {
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no ' +
      'resource-level permissions (Resource must be *). Every other statement names exact ARNs; ' +
      'test/infra checks that * appears only with these actions.',
  },
  subjectKeyNoRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      'The subject-key secret is an HMAC key for pseudonymous statistics keys. Rotating it would ' +
      'split every client into two pseudonyms and break unique-client counts across years; it is ' +
      'protected by a dedicated CMK, read only by service handlers, and retained on stack deletion.',
  },
  deadLetterQueueWithoutDlq: (purpose: string) => ({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${purpose}; a DLQ of a DLQ would only move the problem. It is alarmed on depth.`,
  }),
} as const;

export const acknowledge = (construct: IConstruct, finding: { id: string; reason: string }) =>
  Validations.of(construct).acknowledge(finding);
