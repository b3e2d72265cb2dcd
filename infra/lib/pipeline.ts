// The staged rollout on CDK Pipelines (aws-cdk-lib/pipelines): one CodePipeline in a tooling
// account that synthesizes this app (`cdk synth -c pipeline=true`), updates itself, then deploys
// the region stacks in the order cdk.json context "rollout" gives: staging, pilot, waves. Every
// stage after staging waits for a person's approval; every region's deployment is followed by its
// pending data migrations (infra/lib/migrations-script.ts), then a check that fails the stage while
// any of that region's alarms (infra/lib/alarms.ts) is in ALARM, so a bad version stops before the
// next wave. docs/OPERATIONS.md "Staged rollout".
import { Duration, Stack, Stage } from 'aws-cdk-lib';
import type { CfnResource, StackProps } from 'aws-cdk-lib';
import { BuildSpec, CfnProject, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  CodeBuildStep,
  CodePipeline,
  CodePipelineSource,
  ManualApprovalStep,
  ShellStep,
} from 'aws-cdk-lib/pipelines';
import type { ServiceManifest } from '@spolu/platform';
import type { Construct } from 'constructs';
import type { RegionDeployment } from './config';
import { migrationRunnerRoleArn } from './migration-runner';
import { migrationsScript } from './migrations-script';
import { acknowledge } from './nag';
import { RegionStack, stackNameOf } from './region-stack';
import type { Rollout } from './rollout';

export const pipelineStackName = 'Spolu-Pipeline';

/** The role the CDK bootstrap (`cdk bootstrap --trust <pipelineAccount>`) creates in each region
 * account for lookups: read-only, trusted by the pipeline account. The alarm check reads with it. */
export const lookupRoleArn = (region: RegionDeployment) =>
  `arn:aws:iam::${region.account}:role/cdk-hnb659fds-lookup-role-${region.account}-${region.awsRegion}`;

/** Alarms have CloudFormation-generated names that start with their stack's name; a nested
 * stack's name starts with its parent's. The dash keeps CZ05 from matching CZ051. */
export const alarmNamePrefix = (region: RegionDeployment) => `${stackNameOf(region.code)}-`;

/** The check after a region's deployment: wait the bake time, then fail when any alarm of the
 * region's stacks is in ALARM. POSIX sh, one script (CodeBuild runs a phase in one shell). */
export const alarmCheckScript = [
  'set -eu',
  'echo "Waiting ${BAKE_SECONDS} s before reading the alarms of ${ALARM_PREFIX}* in ${REGION_ACCOUNT}/${AWS_REGION_OF_KRAJ}"',
  'sleep "${BAKE_SECONDS}"',
  'set -- $(aws sts assume-role --role-arn "${CHECK_ROLE_ARN}" --role-session-name spolu-alarm-check --query "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]" --output text)',
  'export AWS_ACCESS_KEY_ID="$1" AWS_SECRET_ACCESS_KEY="$2" AWS_SESSION_TOKEN="$3"',
  'firing=$(aws cloudwatch describe-alarms --region "${AWS_REGION_OF_KRAJ}" --state-value ALARM --alarm-name-prefix "${ALARM_PREFIX}" --query "MetricAlarms[].AlarmName" --output text)',
  'if [ -n "${firing}" ] && [ "${firing}" != "None" ]; then echo "Alarms in ALARM after the deployment, stopping the rollout: ${firing}"; exit 1; fi',
  'echo "No alarm of ${ALARM_PREFIX}* in ALARM"',
].join('\n');

export const alarmCheckStepId = (region: RegionDeployment) => `AlarmCheck-${region.code}`;

const alarmCheck = (region: RegionDeployment, bakeMinutes: number) =>
  new CodeBuildStep(alarmCheckStepId(region), {
    commands: [alarmCheckScript],
    env: {
      BAKE_SECONDS: String(bakeMinutes * 60),
      CHECK_ROLE_ARN: lookupRoleArn(region),
      ALARM_PREFIX: alarmNamePrefix(region),
      REGION_ACCOUNT: region.account,
      AWS_REGION_OF_KRAJ: region.awsRegion,
    },
    timeout: Duration.minutes(bakeMinutes + 15),
    rolePolicyStatements: [
      new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [lookupRoleArn(region)] }),
    ],
  });

export const migrationsStepId = (region: RegionDeployment) => `Migrations-${region.code}`;

/** The env var that carries a service's Migrate function name into the migrations step. */
export const migrateVarOf = (service: string) => `MIGRATE_${service.toUpperCase()}`;

/** After a kraj's deployment: its pending data migrations, every service, until finished. */
const migrations = (stage: RegionStage) => {
  const region = stage.stack.kraj;
  const outputs = [...stage.stack.migrateOutputs];
  return new CodeBuildStep(migrationsStepId(region), {
    commands: [migrationsScript],
    env: {
      RUNNER_ROLE_ARN: migrationRunnerRoleArn(region),
      AWS_REGION_OF_KRAJ: region.awsRegion,
      MIGRATE_VARS: outputs.map(([service]) => migrateVarOf(service)).join(' '),
      // 16 runs of at most 15 minutes: four hours for one service's migrations.
      MAX_RUNS: '16',
      RETRY_SECONDS: '5',
    },
    envFromCfnOutputs: Object.fromEntries(
      outputs.map(([service, output]) => [migrateVarOf(service), output]),
    ),
    timeout: Duration.hours(8),
    rolePolicyStatements: [
      new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [migrationRunnerRoleArn(region)] }),
    ],
  });
};

/** One kraj as a pipeline stage: the same RegionStack `cdk deploy` builds, with the same stack
 * name (Spolu-CZ051), so moving from manual deploys to the pipeline updates the existing stacks. */
export class RegionStage extends Stage {
  readonly stack: RegionStack;

  constructor(
    scope: Construct,
    region: RegionDeployment,
    manifests: readonly ServiceManifest[],
    pipelineAccount: string,
  ) {
    super(scope, region.code, { env: { account: region.account, region: region.awsRegion } });
    this.stack = new RegionStack(this, stackNameOf(region.code), {
      region,
      manifests,
      stackName: stackNameOf(region.code),
      pipelineAccount,
    });
  }
}

export interface PipelineStackProps extends StackProps {
  rollout: Rollout;
  manifests: readonly ServiceManifest[];
}

export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  /** Every region stage, in deployment order. */
  readonly regionStages: RegionStage[] = [];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { rollout, manifests } = props;
    super(scope, id, {
      ...props,
      env: { account: rollout.pipelineAccount, region: rollout.pipelineRegion },
      description: 'Spolu: staged rollout of the region stacks (staging, pilot, waves)',
    });
    const source = CodePipelineSource.connection(rollout.source.repo, rollout.source.branch, {
      connectionArn: rollout.source.connectionArn,
    });
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'spolu-rollout',
      // The region stacks live in other accounts: artifacts are encrypted with a KMS key those
      // accounts' deploy roles are granted, rotated yearly.
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new ShellStep('Synth', {
        input: source,
        // The web console is part of each region stack (BucketDeployment of web/dist).
        commands: ['npm ci', 'npm run build:web', 'npx cdk synth -c pipeline=true'],
        primaryOutputDirectory: 'cdk.out',
      }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0 },
        partialBuildSpec: BuildSpec.fromObject({
          phases: { install: { 'runtime-versions': { nodejs: 20 } } },
        }),
      },
    });
    for (const stage of rollout.stages) {
      const wave = this.pipeline.addWave(stage.name, {
        pre: stage.approval
          ? [
              new ManualApprovalStep(`Approve-${stage.name}`, {
                comment: `Deploy ${stage.regions.map((r) => `${r.name} (${r.code})`).join(', ')}? Check the previous stage's alarms and dashboard first.`,
              }),
            ]
          : [],
      });
      for (const region of stage.regions) {
        const regionStage = new RegionStage(this, region, manifests, rollout.pipelineAccount);
        this.regionStages.push(regionStage);
        // The migrations first: the alarm check's bake time then covers the migrated data too.
        const migrate = migrations(regionStage);
        const check = alarmCheck(region, rollout.bakeMinutes);
        check.addStepDependency(migrate);
        wave.addStage(regionStage, { post: [migrate, check] });
      }
    }
    // Build now (not at synth) so the generated roles and projects exist to acknowledge.
    this.pipeline.buildPipeline();
    acknowledge(this.pipeline, this.acceptedFindings());
  }

  /**
   * cdk-nag findings on what aws-cdk-lib/pipelines generates (roles, artifact bucket, CodeBuild
   * projects): acknowledged one exact finding id each, with the reason. Our own statement (the
   * alarm check's sts:AssumeRole) names one role ARN and raises none.
   */
  private acceptedFindings() {
    const { account, region } = this;
    const artifacts =
      'aws-cdk-lib/pipelines grants the pipeline, its source action and its CodeBuild projects read/write ' +
      "on the pipeline's own artifact bucket (objects under it only) and use of its own artifact KMS key; " +
      'the wildcards are the action groups of those grants (grantReadWrite), not other buckets or keys.';
    const projectFindings = this.node
      .findAll()
      .filter((construct): construct is CfnProject => construct instanceof CfnProject)
      .flatMap((project) => {
        const id = this.getLogicalId(project);
        const reason =
          `CodeBuild writes the logs and test reports of project ${project.node.path} to log streams and ` +
          'report groups CodeBuild names after the project; the grant aws-cdk-lib makes is limited to those.';
        return [
          {
            id: `AwsSolutions-IAM5[Resource::arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/<${id}>:*]`,
            reason,
          },
          {
            id: `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${region}:${account}:report-group/<${id}>-*]`,
            reason,
          },
        ];
      });
    const assets =
      'The asset publishing projects (aws-cdk-lib/pipelines, one role shared by all file assets) are ' +
      'created per asset, so the role is granted logs and report groups of any CodeBuild project in the ' +
      'pipeline account and StartBuild/BatchGetBuilds; it can do nothing else but assume the bootstrap ' +
      'file-publishing roles.';
    return [
      {
        id: 'AwsSolutions-S1',
        reason:
          "The pipeline's artifact bucket holds the synthesized templates and bundles, encrypted with the " +
          "pipeline's KMS key; only the pipeline's roles and the region accounts' bootstrap roles read it " +
          '(CloudTrail records their calls). A second bucket for its access logs would only move the finding.',
      },
      ...[
        's3:Abort*',
        's3:DeleteObject*',
        's3:GetBucket*',
        's3:GetObject*',
        's3:List*',
        'kms:GenerateDataKey*',
        'kms:ReEncrypt*',
      ].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: artifacts })),
      {
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.pipeline.pipeline.artifactBucket.node.defaultChild as CfnResource)}.Arn>/*]`,
        reason: artifacts,
      },
      ...projectFindings,
      {
        id: `AwsSolutions-IAM5[Resource::arn:*:iam::${account}:role/*]`,
        reason:
          'The self-mutation step (cdk deploy of this pipeline stack) may assume only roles tagged as CDK ' +
          'bootstrap roles (condition iam:ResourceTag/aws-cdk:bootstrap-role) in the pipeline account.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudformation:DescribeStacks and s3:ListBucket for the self-mutation step (cdk deploy reads the ' +
          'bootstrap stack and its bucket) and codebuild:StartBuild/BatchGetBuilds for the asset ' +
          'publishing role; granted by aws-cdk-lib/pipelines, no data access.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/*]`,
        reason: assets,
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${region}:${account}:report-group/*]`,
        reason: assets,
      },
    ];
  }
}
