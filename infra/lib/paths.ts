// Absolute paths the constructs bundle from. Resolved from this file so synth works from any cwd.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const lockFile = join(repoRoot, 'package-lock.json');
const platformLambdaDir = join(repoRoot, 'packages/platform/src/lambda');

export const platformLambdas = {
  outboxPublisher: join(platformLambdaDir, 'outbox-publisher.ts'),
  outboxSweeper: join(platformLambdaDir, 'outbox-sweeper.ts'),
  preTokenGeneration: join(platformLambdaDir, 'pre-token-generation.ts'),
} as const;
