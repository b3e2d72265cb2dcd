// A unit of work: every write of one request or one consumed event, committed in one
// TransactWriteItems together with its outbox events, audit entries and idempotency record.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyEnvelope, EventContract } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type { z } from 'zod';
import type { RuntimeEnv } from '../env';
import { conflict, preconditionFailed } from '../errors';
import { outboxItem } from '../outbox';

type Item = Record<string, NativeAttributeValue>;
type TxItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

interface Guard {
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, NativeAttributeValue>;
  /** What the caller sees when this item's condition fails. */
  onConditionFailed?: () => Error;
}

export const maxTransactionItems = 100;

/** The envelope subject of a versioned record: its revision is the version after the change. */
export const subjectOf = (type: string, record: { id: string; version: number }) => ({
  type,
  id: record.id,
  revision: record.version,
});

export class ConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`condition failed on transaction item ${index}`);
  }
}

export class UnitOfWork {
  private readonly items: TxItem[] = [];
  private readonly failures: ((() => Error) | undefined)[] = [];
  readonly events: AnyEnvelope[] = [];
  private readonly committed: (() => Promise<void>)[] = [];

  constructor(private readonly env: RuntimeEnv) {}

  get size() {
    return this.items.length;
  }

  private push(item: TxItem, onFail?: () => Error) {
    this.items.push(item);
    this.failures.push(onFail);
    return this;
  }

  private guard(g: Guard) {
    return {
      ...(g.condition ? { ConditionExpression: g.condition } : {}),
      ...(g.names ? { ExpressionAttributeNames: g.names } : {}),
      ...(g.values ? { ExpressionAttributeValues: g.values } : {}),
    };
  }

  put(item: Item, guard: Guard = {}) {
    return this.push(
      { Put: { TableName: this.env.tableName, Item: item, ...this.guard(guard) } },
      guard.onConditionFailed,
    );
  }

  /** Insert a record that must not exist yet. */
  create(item: Item, onExists: () => Error = () => conflict('the record already exists')) {
    return this.put(item, { condition: 'attribute_not_exists(pk)', onConditionFailed: onExists });
  }

  /** Replace a versioned record only if nobody changed it since `expectedVersion` (else 412). */
  replace(item: Item & { version: number }, expectedVersion: number) {
    return this.put(item, {
      condition: 'version = :expectedVersion',
      values: { ':expectedVersion': expectedVersion },
      onConditionFailed: preconditionFailed,
    });
  }

  update(key: Item, expression: string, guard: Guard & { values?: Item } = {}) {
    return this.push(
      {
        Update: {
          TableName: this.env.tableName,
          Key: key,
          UpdateExpression: expression,
          ...this.guard(guard),
        },
      },
      guard.onConditionFailed,
    );
  }

  check(key: Item, guard: Required<Pick<Guard, 'condition'>> & Guard) {
    return this.push(
      {
        ConditionCheck: {
          TableName: this.env.tableName,
          Key: key,
          ...this.guard(guard),
          // A check has nothing to do but its condition, so DynamoDB requires one.
          ConditionExpression: guard.condition,
        },
      },
      guard.onConditionFailed,
    );
  }

  delete(key: Item, guard: Guard = {}) {
    return this.push(
      { Delete: { TableName: this.env.tableName, Key: key, ...this.guard(guard) } },
      guard.onConditionFailed,
    );
  }

  /** Record a domain event; it is published only if the whole unit commits. */
  emit<C extends EventContract>(
    contract: C,
    e: { tenantId: string; subject: AnyEnvelope['subject']; data: z.input<C['data']> },
  ): AnyEnvelope {
    const envelope = {
      id: newId(),
      type: contract.type,
      version: contract.version,
      occurredAt: this.env.now().toISOString(),
      tenantId: e.tenantId,
      region: this.env.region,
      subject: e.subject,
      // Parsing through the contract drops nothing silently: strict schemas refuse stray fields,
      // so no personal data can slip into an event the contract does not name.
      data: contract.data.parse(e.data) as Record<string, unknown>,
    };
    contract.envelope.parse(envelope);
    this.events.push(envelope);
    this.push({
      Put: { TableName: this.env.tableName, Item: outboxItem(this.env.service, envelope, this.env.now()) },
    });
    return envelope;
  }

  /** Work that may happen only once this unit has committed (e.g. a queue message naming a record
   * written here). It runs after a successful commit; it cannot undo the commit, so it handles its
   * own failures (a safety net elsewhere must cover a step that did not happen). */
  afterCommit(step: () => Promise<void>) {
    this.committed.push(step);
    return this;
  }

  async commit(): Promise<void> {
    await this.commitItems();
    for (const step of this.committed.splice(0)) await step();
  }

  private async commitItems(): Promise<void> {
    if (this.items.length === 0) return;
    if (this.items.length > maxTransactionItems)
      throw new Error(`unit of work has ${this.items.length} items; DynamoDB allows ${maxTransactionItems}`);
    try {
      await this.env.ddb.send(new TransactWriteCommand({ TransactItems: this.items }));
    } catch (err) {
      if (
        err instanceof TransactionCanceledException ||
        (err as Error).name === 'TransactionCanceledException'
      ) {
        const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
        const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (index >= 0) {
          const onFail = this.failures[index];
          throw onFail ? onFail() : new ConditionFailed(index);
        }
      }
      throw err;
    }
  }
}
