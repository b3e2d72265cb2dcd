// Records which DynamoDB calls one operation issues, so the bench can check that the raw side
// mirrors the handler (same commands, same number of transaction items). It hooks the handler's
// own client; the outbox publisher's bookkeeping updates (same client, running in the background)
// are left out.
import type { RuntimeEnv } from '@spolu/platform';

interface Marshalled {
  TransactItems?: unknown[];
  /** Marshalled (`{ S }`) or not, depending on where in the stack the input is seen. */
  Key?: { pk?: string | { S?: string } };
}

const describe = (command: string, input: Marshalled) =>
  input.TransactItems ? `${command}(${input.TransactItems.length})` : command;

export const recordCalls = async (env: RuntimeEnv, run: () => Promise<unknown>): Promise<string[]> => {
  const calls: string[] = [];
  const name = `bench-recorder-${Math.random().toString(36).slice(2)}`;
  env.ddb.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Marshalled;
      const pk = input.Key?.pk;
      const pkText = typeof pk === 'string' ? pk : (pk?.S ?? '');
      const publisherUpdate =
        /^Update(Item)?Command$/.test(String(context.commandName)) && pkText.includes('#OUTBOX#');
      if (!publisherUpdate) calls.push(describe(String(context.commandName).replace(/Command$/, ''), input));
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    env.ddb.middlewareStack.remove(name);
  }
  return calls;
};
