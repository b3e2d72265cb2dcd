// The one shape of every Lambda entry: the handler is built for its environment once per
// container, on the first invocation (the environment reads secrets, so not at import time), and
// `forEnv` stays on the entry so the local runtime drives exactly the code AWS runs with its own
// environment.
import type { ServiceName } from '@spolu/contracts';
import type { RuntimeEnv } from './env';
import { envFromProcess } from './env';

export type LambdaEntry<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  forEnv: (env: RuntimeEnv) => (...args: A) => Promise<R>;
};

export const lambdaEntry = <A extends unknown[], R>(
  service: ServiceName,
  forEnv: (env: RuntimeEnv) => (...args: A) => Promise<R>,
): LambdaEntry<A, R> => {
  let built: ((...args: A) => Promise<R>) | undefined;
  const entry = async (...args: A) => {
    built ??= forEnv(await envFromProcess(service));
    return built(...args);
  };
  return Object.assign(entry, { forEnv });
};
