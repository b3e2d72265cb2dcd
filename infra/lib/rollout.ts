// The staged rollout read from cdk.json context "rollout": which account runs the pipeline, where
// the code comes from, and the order the kraje are deployed in (staging, pilot, then waves).
// Parsed with zod and checked against context "regions", so a typo fails `cdk synth` with a
// message naming the field instead of a pipeline that silently skips a kraj.
import * as z from 'zod';
import type { RegionDeployment } from './config';

const Account = z.string().regex(/^\d{12}$/, 'AWS account id has 12 digits');
const AwsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1');
const Kraj = z.string().regex(/^CZ0\d{2}$/, 'a kraj code such as CZ051');

export const RolloutConfig = z.strictObject({
  /** The account (a tooling account, not a region's) that runs the pipeline. */
  pipelineAccount: Account,
  pipelineRegion: AwsRegion,
  source: z.strictObject({
    /** A CodeConnections (formerly CodeStar Connections) connection to the Git host. */
    connectionArn: z
      .string()
      .regex(
        /^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]+$/,
        'a CodeConnections connection ARN',
      ),
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
    branch: z.string().min(1),
  }),
  /** Deployed first on every change, without approval. */
  staging: Kraj,
  /** Deployed after staging passed its alarm check and a person approved. */
  pilot: Kraj,
  /** The rest, wave by wave, each after an approval. */
  waves: z.array(z.array(Kraj).min(1, 'a wave deploys at least one kraj')).default([]),
  /** How long a stage's alarm check waits after the deployment before it reads the alarms
   * (the alarms evaluate 5-minute periods: a shorter bake would see no traffic yet). */
  bakeMinutes: z.number().int().min(0).max(60).default(10),
});
export type RolloutConfig = z.infer<typeof RolloutConfig>;

export interface RolloutStage {
  /** Pipeline stage name: Staging, Pilot, Wave1, Wave2, ... */
  name: string;
  /** A person approves before the stage deploys (every stage after staging). */
  approval: boolean;
  regions: RegionDeployment[];
}

export interface Rollout extends Omit<RolloutConfig, 'staging' | 'pilot' | 'waves'> {
  /** In deployment order. */
  stages: RolloutStage[];
}

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `  rollout.${issue.path.join('.')}: ${issue.message}`).join('\n');

/**
 * The rollout from cdk.json context: every kraj it names is configured in "regions", every
 * configured kraj is in exactly one stage (a kraj in none would never get the new version).
 */
export const parseRollout = (rolloutContext: unknown, regions: readonly RegionDeployment[]): Rollout => {
  if (rolloutContext === undefined) {
    throw new Error(
      'cdk.json context "rollout" is missing: the pipeline needs pipelineAccount, pipelineRegion, ' +
        'source, staging, pilot and waves (docs/OPERATIONS.md "Staged rollout")',
    );
  }
  const parsed = RolloutConfig.safeParse(rolloutContext);
  if (!parsed.success) throw new Error(`invalid cdk.json context "rollout":\n${describe(parsed.error)}`);
  const { staging, pilot, waves, ...rest } = parsed.data;
  const named: { field: string; code: string }[] = [
    { field: 'staging', code: staging },
    { field: 'pilot', code: pilot },
    ...waves.flatMap((wave, w) => wave.map((code, i) => ({ field: `waves.${w}.${i}`, code }))),
  ];
  const problems: string[] = [];
  const byCode = new Map(regions.map((region) => [region.code as string, region]));
  const seen = new Map<string, string>();
  for (const { field, code } of named) {
    if (!byCode.has(code))
      problems.push(`  rollout.${field}: ${code} is not configured in context "regions"`);
    const earlier = seen.get(code);
    if (earlier) problems.push(`  rollout.${field}: ${code} is already deployed by rollout.${earlier}`);
    else seen.set(code, field);
  }
  for (const region of regions) {
    if (!seen.has(region.code))
      problems.push(
        `  rollout.waves: ${region.code} is configured in "regions" but in no stage; add it to a wave`,
      );
  }
  if (problems.length) throw new Error(`invalid cdk.json context "rollout":\n${problems.join('\n')}`);
  const pick = (codes: readonly string[]) => codes.map((code) => byCode.get(code)!);
  return {
    ...rest,
    stages: [
      { name: 'Staging', approval: false, regions: pick([staging]) },
      { name: 'Pilot', approval: true, regions: pick([pilot]) },
      ...waves.map((wave, w) => ({ name: `Wave${w + 1}`, approval: true, regions: pick(wave) })),
    ],
  };
};
