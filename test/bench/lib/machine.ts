// The machine the numbers were measured on.
import { cpus, release, totalmem, type } from 'node:os';

export const machine = () => ({
  os: `${type()} ${release()}`,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
});

export type Machine = ReturnType<typeof machine>;
