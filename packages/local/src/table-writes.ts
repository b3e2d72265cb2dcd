// Which tables a DynamoDB command writes, seen from the runtime's own client: the stream pollers
// read a table's stream soon after a write to it instead of asking every stream every few
// milliseconds. On DynamoDB Local a GetRecords costs more the more stream records the instance
// holds (across all its tables), so blind polling of every stream kept it busy for nothing.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const readOnly = /^(Get|BatchGet|TransactGet|Query|Scan|Describe|List)/;

/** The table names a command's input writes to (none for a read). */
export const tablesWritten = (commandName: string, input: unknown): string[] => {
  if (readOnly.test(commandName) || typeof input !== 'object' || input === null) return [];
  const i = input as {
    TableName?: string;
    RequestItems?: Record<string, unknown>;
    TransactItems?: Partial<Record<string, { TableName?: string }>>[];
  };
  const names = new Set<string>();
  if (i.TableName) names.add(i.TableName);
  for (const name of Object.keys(i.RequestItems ?? {})) names.add(name);
  for (const item of i.TransactItems ?? [])
    for (const op of Object.values(item)) if (op?.TableName) names.add(op.TableName);
  return [...names];
};

/** Calls `onWrite(table)` after every successful write command the client sends. */
export const watchTableWrites = (client: DynamoDBDocumentClient, onWrite: (table: string) => void) => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      for (const table of tablesWritten(context.commandName ?? '', args.input)) onWrite(table);
      return out;
    },
    { step: 'initialize', name: 'spoluTableWrites' },
  );
};
