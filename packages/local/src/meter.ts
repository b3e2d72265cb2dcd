// Opt-in metering of what one region runtime does on the services' behalf (the capacity bench,
// `npm run bench -- capacity`): every DynamoDB call of the runtime's client with the capacity
// units DynamoDB reports (ReturnConsumedCapacity TOTAL is added to each data call), every handler
// invocation with its duration, the stream records read and the events put on the bus. Off unless
// a runtime is started with `meter` (tests and `npm start` do not), so nothing changes for them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keyNames } from '@spolu/platform';

export type InvocationTrigger = 'http' | 'event' | 'queue' | 'schedule' | 'stream';

export interface DynamoCall {
  command: string;
  /** The capacity units DynamoDB (Local) reported, summed over tables; 0 when it reported none. */
  units: number;
  kind: 'read' | 'write';
  /** The call threw (e.g. a condition failed); DynamoDB reports no capacity then, AWS still bills it. */
  failed: boolean;
  /** Whether the response carried ConsumedCapacity at all. */
  reported: boolean;
  /** Units computed from item sizes instead of taken from the response (TransactWriteItems, whose
   * Update, Delete and ConditionCheck items DynamoDB Local leaves out of its ConsumedCapacity). */
  computed?: boolean;
  /** The metered handler invocation the call was made in (`<service>-<handler>`), if any. */
  functionName?: string;
}

const running = new AsyncLocalStorage<string>();

export interface RuntimeMeter {
  dynamo?: (call: DynamoCall) => void;
  invocation?: (functionName: string, trigger: InvocationTrigger, ms: number) => void;
  /** Records a table's stream poll handed to the outbox publisher; `outbox` of them match the
   * event source mapping's filter in AWS (only those invoke the publisher there). */
  streamRecords?: (table: string, records: number, outbox: number) => void;
  busEvents?: (count: number) => void;
}

// Document-client commands reach the client's stack under the low-level names (GetItemCommand…).
const dataCommand =
  /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems|ExecuteStatement|BatchExecuteStatement|ExecuteTransaction|Get|Put|Update|Delete|BatchGet|BatchWrite|TransactGet|TransactWrite)Command$/;
const writeCommand =
  /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems|Put|Update|Delete|BatchWrite|TransactWrite)Command$/;

const unitsOf = (consumed: unknown) =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
    (sum: number, c: { CapacityUnits?: number }) => sum + (c.CapacityUnits ?? 0),
    0,
  );

/** An attribute value's size as DynamoDB counts it (numbers about 1 byte per two digits + 1; maps
 * and lists 3 bytes + 1 per element). */
const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + Math.ceil(x.length / 2) + 1, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
  if (v.M) return 3 + itemSize(v.M) + Object.keys(v.M).length;
  return 0;
};
/** An item's size in bytes as DynamoDB bills it: attribute names plus values. */
export const itemSize = (item: Record<string, AttributeValue>) =>
  Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);

type TxItem = Partial<
  Record<
    'Put' | 'Update' | 'Delete' | 'ConditionCheck',
    { TableName?: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> }
  >
>;
const attr = (v: unknown): AttributeValue => (typeof v === 'string' ? { S: v } : (v as AttributeValue));

/** TransactWriteItems the way AWS bills it: 2 WCU per 1 KB of each Put, Update (the item after it)
 * and Delete (the item before it), 2 RCU per 4 KB of each ConditionCheck's item. Sizes are read
 * with `sizer`, a client the meter does not watch. */
const transactionUnits = async (
  sizer: DynamoDBClient,
  items: readonly TxItem[],
  when: 'before' | 'after',
  into: { wcu: number; rcu: number },
) => {
  await Promise.all(
    items.map(async (item) => {
      const [op, spec] = Object.entries(item).find(([, v]) => v) ?? [];
      if (!op || !spec?.TableName) return;
      const readsBefore = op === 'Delete' || op === 'ConditionCheck';
      if ((when === 'before') !== readsBefore) return;
      const source = spec.Key ?? spec.Item ?? {};
      const out = await sizer.send(
        new GetItemCommand({
          TableName: spec.TableName,
          Key: { [keyNames.pk]: attr(source[keyNames.pk]), [keyNames.sk]: attr(source[keyNames.sk]) },
          ConsistentRead: true,
        }),
      );
      const size = out.Item ? itemSize(out.Item) : 0;
      if (op === 'ConditionCheck') into.rcu += 2 * Math.max(1, Math.ceil(size / 4096));
      else into.wcu += 2 * Math.max(1, Math.ceil(size / 1024));
    }),
  );
};

/** Adds ReturnConsumedCapacity TOTAL to every data call of `client` and reports its units;
 * TransactWriteItems' units are computed from item sizes read with `sizer` (see `computed`). */
export const meterDynamo = (
  client: DynamoDBDocumentClient,
  report: (call: DynamoCall) => void,
  sizer?: DynamoDBClient,
) => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!dataCommand.test(command)) return next(args);
      if (sizer && /^TransactWrite(Items)?Command$/.test(command)) {
        const items = (args.input as { TransactItems?: TxItem[] }).TransactItems ?? [];
        const units = { wcu: 0, rcu: 0 };
        await transactionUnits(sizer, items, 'before', units);
        let out;
        try {
          out = await next(args);
        } catch (err) {
          report({
            command,
            units: 0,
            kind: 'write',
            failed: true,
            reported: false,
            functionName: running.getStore(),
          });
          throw err;
        }
        await transactionUnits(sizer, items, 'after', units);
        const base = {
          command,
          failed: false,
          reported: true,
          computed: true,
          functionName: running.getStore(),
        };
        report({ ...base, units: units.wcu, kind: 'write' });
        if (units.rcu > 0)
          report({ ...base, command: `${command} (ConditionCheck)`, units: units.rcu, kind: 'read' });
        return out;
      }
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const kind = writeCommand.test(command) ? 'write' : 'read';
      try {
        const out = await next(args);
        const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        report({
          command,
          units: unitsOf(consumed),
          kind,
          failed: false,
          reported: consumed !== undefined,
          functionName: running.getStore(),
        });
        return out;
      } catch (err) {
        report({ command, units: 0, kind, failed: true, reported: false, functionName: running.getStore() });
        throw err;
      }
    },
    { step: 'initialize', name: 'spoluMeter' },
  );
};

/** `fn` reporting each invocation and its duration (also when it throws). */
export const metered = <A extends unknown[], R>(
  meter: RuntimeMeter | undefined,
  functionName: string,
  trigger: InvocationTrigger,
  fn: (...args: A) => Promise<R>,
): ((...args: A) => Promise<R>) => {
  const report = meter?.invocation;
  if (!report) return fn;
  return async (...args: A) => {
    const t0 = performance.now();
    try {
      return await running.run(functionName, () => fn(...args));
    } finally {
      report(functionName, trigger, performance.now() - t0);
    }
  };
};
