// The pipeline's migrations step (infra/lib/migrations-script.ts) run by a real sh, with a
// stand-in `aws` on PATH that plays STS and Lambda: each service's Migrate function is invoked
// until it answers finished, a run that throws or never finishes fails the step, and the
// functions are invoked with the runner role's credentials.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { migrationsScript } from '../../infra/lib/migrations-script';

/** A stand-in for the AWS CLI: `sts assume-role` prints credentials; `lambda invoke` answers
 * per function from `plan` (how many runs until finished, or "fail"), writes the payload to the
 * out file and logs each call with the credentials it was made with. */
const fakeAws = `#!/bin/sh
dir=$(dirname "$0")
if [ "$1" = sts ]; then echo "AKIA SECRET TOKEN"; exit 0; fi
fn=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in --function-name) fn="$2"; shift ;; --*) case "$2" in --*|"") ;; *) shift ;; esac ;; *) out="$1" ;; esac
  shift
done
echo "$fn $AWS_ACCESS_KEY_ID" >> "$dir/calls"
n=$(grep -c "^$fn " "$dir/calls")
want=$(grep "^$fn=" "$dir/plan" | cut -d= -f2)
if [ "$want" = fail ]; then echo '{"errorMessage":"boom"}' > "$out"; echo '{"StatusCode":200,"FunctionError":"Unhandled"}'; exit 0; fi
if [ "$n" -ge "$want" ]; then echo '{"service":"x","finished":true}' > "$out"; else echo '{"service":"x","finished":false}' > "$out"; fi
echo '{"StatusCode":200}'
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const run = (plan: Record<string, string>, maxRuns = 5) => {
  dir = mkdtempSync(join(tmpdir(), 'spolu-migrations-'));
  writeFileSync(join(dir, 'aws'), fakeAws);
  chmodSync(join(dir, 'aws'), 0o755);
  writeFileSync(
    join(dir, 'plan'),
    Object.entries(plan)
      .map(([fn, v]) => `${fn}=${v}\n`)
      .join(''),
  );
  writeFileSync(join(dir, 'calls'), '');
  const vars = Object.keys(plan).map((fn) => `MIGRATE_${fn.toUpperCase()}`);
  const result = spawnSync('sh', ['-c', migrationsScript], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      RUNNER_ROLE_ARN: 'arn:aws:iam::111111111111:role/spolu-cz051-migration-runner',
      AWS_REGION_OF_KRAJ: 'eu-central-1',
      MIGRATE_VARS: vars.join(' '),
      MAX_RUNS: String(maxRuns),
      RETRY_SECONDS: '0',
      ...Object.fromEntries(Object.keys(plan).map((fn) => [`MIGRATE_${fn.toUpperCase()}`, fn])),
    },
  });
  const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n').filter(Boolean);
  return { status: result.status, output: result.stdout + result.stderr, calls };
};

describe('the migrations step after a deployment', () => {
  it("invokes each service's Migrate function until it answers finished, with the runner's credentials", () => {
    const { status, calls, output } = run({ intake: '3', plans: '1' });
    expect(output).toContain('Migrations finished');
    expect(status).toBe(0);
    expect(calls).toEqual(['intake AKIA', 'intake AKIA', 'intake AKIA', 'plans AKIA']);
  });

  it('fails the step when a run throws, and invokes no later service', () => {
    const { status, calls, output } = run({ intake: 'fail', plans: '1' });
    expect(status).toBe(1);
    expect(output).toContain('Migrations of intake failed');
    expect(calls).toEqual(['intake AKIA']);
  });

  it('fails the step when a service has not finished after the runs allowed', () => {
    const { status, calls, output } = run({ intake: '99' }, 4);
    expect(status).toBe(1);
    expect(output).toContain('not finished after 4 runs');
    expect(calls).toHaveLength(4);
  });
});
