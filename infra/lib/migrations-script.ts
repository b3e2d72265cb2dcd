// The pipeline's step after each kraj's deployment that runs the kraj's pending data migrations
// (docs/OPERATIONS.md "Data migrations"): it assumes the kraj's migration-runner role and invokes
// every service's Migrate function until it answers `finished: true`, as the runbook's loop does.
// POSIX sh, one script (CodeBuild runs a phase in one shell). A run that throws, or a service not
// finished after MAX_RUNS invocations (15 minutes each at most), fails the stage before the alarm
// check and the next wave. Kept apart from pipeline.ts so a test runs it without aws-cdk-lib.

/** Env: RUNNER_ROLE_ARN, AWS_REGION_OF_KRAJ, MIGRATE_VARS (names of the env vars holding the
 * function names, one per service), MAX_RUNS, RETRY_SECONDS. */
export const migrationsScript = [
  'set -eu',
  'set -- $(aws sts assume-role --role-arn "${RUNNER_ROLE_ARN}" --role-session-name spolu-migrations --query "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]" --output text)',
  'export AWS_ACCESS_KEY_ID="$1" AWS_SECRET_ACCESS_KEY="$2" AWS_SESSION_TOKEN="$3"',
  'for var in ${MIGRATE_VARS}; do',
  '  eval "fn=\\${${var}}"',
  '  run=1',
  '  while :; do',
  '    echo "Migrations of ${fn}, run ${run}"',
  '    aws lambda invoke --region "${AWS_REGION_OF_KRAJ}" --function-name "${fn}" --cli-binary-format raw-in-base64-out --cli-read-timeout 0 --payload "{}" migrate.json > invoke.json',
  '    cat migrate.json; echo',
  '    if grep -q FunctionError invoke.json; then echo "Migrations of ${fn} failed: see its log group. Stopping the rollout."; exit 1; fi',
  '    if grep -Eq \'"finished": *true\' migrate.json; then break; fi',
  '    if [ "${run}" -ge "${MAX_RUNS}" ]; then echo "Migrations of ${fn} not finished after ${run} runs. Stopping the rollout; go on by hand (OPERATIONS.md)."; exit 1; fi',
  '    run=$((run + 1))',
  '    sleep "${RETRY_SECONDS}"',
  '  done',
  'done',
  'echo "Migrations finished: ${MIGRATE_VARS}"',
].join('\n');
