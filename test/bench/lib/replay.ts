// Record the read commands one operation issues on a service's DocumentClient, as sent (already
// marshalled), and replay exactly those commands on the same client. Used where the raw side of a
// read should not re-implement a store that is still changing (stats): the raw side is then, by
// construction, the handler's own DynamoDB calls. Only reads can be replayed.
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { RuntimeEnv } from '@spolu/platform';

export interface Recorded {
  command: string;
  input: Record<string, unknown>;
}

const replayable: Record<string, (input: never) => unknown> = {
  QueryCommand: (input) => new QueryCommand(input),
  GetItemCommand: (input) => new GetItemCommand(input),
  GetCommand: (input) => new GetItemCommand(input),
  BatchGetItemCommand: (input) => new BatchGetItemCommand(input),
  BatchGetCommand: (input) => new BatchGetItemCommand(input),
};

/** The commands `run` sends, captured after marshalling (the `build` step). */
export const captureCommands = async (env: RuntimeEnv, run: () => Promise<unknown>): Promise<Recorded[]> => {
  const calls: Recorded[] = [];
  const name = `bench-capture-${Math.random().toString(36).slice(2)}`;
  env.ddb.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({
        command: String(context.commandName),
        input: structuredClone(args.input as Record<string, unknown>),
      });
      return next(args);
    },
    { step: 'build', name },
  );
  try {
    await run();
  } finally {
    env.ddb.middlewareStack.remove(name);
  }
  return calls;
};

/** Send the recorded commands again, concurrently as the handler did (it issues them with
 * Promise.all), on the same client. Throws on anything but a read. */
export const replayer = (env: RuntimeEnv, recorded: readonly Recorded[]) => {
  for (const r of recorded)
    if (!replayable[r.command]) throw new Error(`cannot replay ${r.command}: only reads are replayed`);
  // The low-level commands go through the DocumentClient's own stack (same connection pool). Its
  // send is typed for document commands only; the recorded input is already marshalled, which is
  // what the low-level command wants, so neither type can describe the pair.
  // eslint-disable-next-line no-restricted-syntax
  const client = env.ddb as unknown as { send: (command: unknown) => Promise<unknown> };
  return () =>
    // eslint-disable-next-line no-restricted-syntax
    Promise.all(recorded.map((r) => client.send(replayable[r.command]!(structuredClone(r.input) as never))));
};
