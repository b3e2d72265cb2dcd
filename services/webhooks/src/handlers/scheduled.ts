// A scheduled Lambda (EventBridge Scheduler) with the same `forEnv` shape as the platform's
// handlers, so the local runtime's runSchedule drives exactly the code AWS runs.
import type { RuntimeEnv } from '@spolu/platform';
import { envFromProcess } from '@spolu/platform';
import type { ServiceName } from '@spolu/contracts';

export type ScheduledHandler = (() => Promise<unknown>) & {
  forEnv: (env: RuntimeEnv) => () => Promise<unknown>;
};

export const scheduled = (
  service: ServiceName,
  run: (env: RuntimeEnv) => Promise<unknown>,
): ScheduledHandler => {
  let env: RuntimeEnv | undefined;
  const handler = (async () => {
    env ??= await envFromProcess(service);
    return run(env);
  }) as ScheduledHandler;
  handler.forEnv = (e) => () => run(e);
  return handler;
};
