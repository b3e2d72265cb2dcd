// The staged rollout (infra/lib/pipeline.ts, infra/lib/rollout.ts): cdk.json context "rollout"
// parsed with clear errors, and the pipeline stack synthesized offline (bundling skipped, cdk-nag
// over every stack): staging -> pilot -> waves, an approval before every stage after staging,
// each stage deploying exactly its kraje, then each kraj's data migrations, then an alarm check.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Stage } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { selectRegions } from '../../infra/lib/config';
import { buildApp } from '../../infra/lib/app';
import { logicalId } from './support';
import { migrationRunnerRoleArn, migrationRunnerRoleName } from '../../infra/lib/migration-runner';
import {
  alarmCheckStepId,
  alarmNamePrefix,
  lookupRoleArn,
  migrateVarOf,
  migrationsStepId,
  PipelineStack,
  pipelineStackName,
} from '../../infra/lib/pipeline';
import type { RegionStack } from '../../infra/lib/region-stack';
import { parseRollout } from '../../infra/lib/rollout';
import { cdkContext, regionTemplates, testManifests } from './support';

const configured = cdkContext.regions as Record<string, Record<string, unknown>>;
/** Two kraje beyond cdk.json's, so that one wave deploys several kraje at once. */
const extraRegions = Object.fromEntries(
  ['CZ064', 'CZ080'].map((code, i) => [
    code,
    {
      ...Object.values(configured)[0],
      name: `Testovací kraj ${code}`,
      account: String(444444444441 + i),
      domain: `${code.toLowerCase()}.spolu.cz`,
      alarmEmail: `provoz+${code.toLowerCase()}@spolu.cz`,
      authDomainPrefix: `spolu-${code.toLowerCase()}`,
    },
  ]),
);
const regionsContext = { ...configured, ...extraRegions };
const regions = selectRegions(regionsContext, undefined);
const [staging, pilot, ...rest] = Object.keys(configured);

/** The rollout under test: cdk.json's first kraj is staging, its second the pilot, then a wave of
 * the third with a kraj of the test's own, and a last wave. Independent of cdk.json's "rollout",
 * which is checked separately. */
const testRollout = {
  pipelineAccount: '999999999999',
  pipelineRegion: 'eu-central-1',
  source: {
    connectionArn:
      'arn:aws:codeconnections:eu-central-1:999999999999:connection/11111111-2222-3333-4444-555555555555',
    repo: 'spolu-cz/spolu',
    branch: 'main',
  },
  staging: staging!,
  pilot: pilot!,
  waves: [[...rest, 'CZ064'], ['CZ080']],
};

describe('rollout configuration (cdk.json context "rollout")', () => {
  it("cdk.json's own rollout puts every configured kraj in exactly one stage", () => {
    const ownRegions = selectRegions(cdkContext.regions, undefined);
    const rollout = parseRollout(cdkContext.rollout, ownRegions);
    expect(rollout.stages[0]).toMatchObject({ name: 'Staging', approval: false });
    expect(rollout.stages.slice(1).every((stage) => stage.approval)).toBe(true);
    expect(rollout.stages.flatMap((stage) => stage.regions.map((r) => r.code)).sort()).toEqual(
      ownRegions.map((r) => r.code).sort(),
    );
  });

  it('orders staging, pilot, then the waves, approval before every stage after staging', () => {
    const rollout = parseRollout(testRollout, regions);
    expect(
      rollout.stages.map((stage) => [stage.name, stage.approval, stage.regions.map((r) => r.code)]),
    ).toEqual([
      ['Staging', false, [staging]],
      ['Pilot', true, [pilot]],
      ['Wave1', true, [...rest, 'CZ064']],
      ['Wave2', true, ['CZ080']],
    ]);
    expect(rollout.bakeMinutes).toBe(10);
  });

  it('refuses a kraj that is not configured, naming the field', () => {
    expect(() => parseRollout({ ...testRollout, waves: [...testRollout.waves, ['CZ099']] }, regions)).toThrow(
      /rollout\.waves\.2\.0: CZ099 is not configured in context "regions"/,
    );
  });

  it('refuses a kraj in two stages and a configured kraj in none', () => {
    expect(() =>
      parseRollout({ ...testRollout, waves: [[staging!], ...testRollout.waves] }, regions),
    ).toThrow(new RegExp(`rollout\\.waves\\.0\\.0: ${staging} is already deployed by rollout\\.staging`));
    expect(() => parseRollout({ ...testRollout, waves: [testRollout.waves[0]!] }, regions)).toThrow(
      /CZ080 is configured in "regions" but in no stage/,
    );
  });

  it('refuses malformed fields and a missing rollout with a message naming them', () => {
    expect(() =>
      parseRollout({ ...testRollout, source: { ...testRollout.source, connectionArn: 'github' } }, regions),
    ).toThrow(/rollout\.source\.connectionArn: a CodeConnections connection ARN/);
    expect(() => parseRollout({ ...testRollout, pipelineAccount: '123' }, regions)).toThrow(
      /rollout\.pipelineAccount: AWS account id has 12 digits/,
    );
    expect(() => parseRollout({ ...testRollout, waves: [[]] }, regions)).toThrow(
      /rollout\.waves\.0: a wave deploys at least one kraj/,
    );
    expect(() => parseRollout({ ...testRollout, extra: 1 }, regions)).toThrow(/extra/);
    expect(() => parseRollout(undefined, regions)).toThrow(/context "rollout" is missing/);
  });
});

interface Action {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration?: Record<string, unknown>;
}
interface PipelineStage {
  Name: string;
  Actions: Action[];
}
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('the pipeline stack (-c pipeline=true)', () => {
  let assembly: CloudAssembly;
  let pipelineStack: PipelineStack;
  let resources: Resources;
  let stages: PipelineStage[];
  let synthError: unknown;

  // One synthesis of the whole app in pipeline mode (the region stacks inside the stages, cdk-nag
  // over all of them).
  beforeAll(() => {
    const app = new App({
      context: {
        ...cdkContext,
        regions: regionsContext,
        pipeline: 'true',
        rollout: testRollout,
        'aws:cdk:bundling-stacks': [],
      },
    });
    buildApp(app, testManifests);
    pipelineStack = app.node.findChild(pipelineStackName) as PipelineStack;
    try {
      assembly = app.synth();
      resources = assembly.getStackByName(pipelineStackName).template.Resources as Resources;
      const [pipeline] = Object.values(resources).filter((r) => r.Type === 'AWS::CodePipeline::Pipeline');
      stages = pipeline!.Properties.Stages as PipelineStage[];
    } catch (error) {
      synthError = error;
    }
  });

  const synthesized = () => {
    if (synthError) throw synthError;
  };
  const deployActionsOf = (stage: PipelineStage) =>
    stage.Actions.filter(
      (a) =>
        a.ActionTypeId.Provider === 'CloudFormation' && a.Configuration?.ActionMode === 'CHANGE_SET_EXECUTE',
    );
  /** The pipeline stages that deploy kraje, in pipeline order. */
  const deployStages = () => stages.filter((stage) => deployActionsOf(stage).length > 0);
  const projectOf = (action: Action) => {
    const ref = (action.Configuration?.ProjectName as { Ref: string }).Ref;
    return resources[ref]!;
  };

  /** A CodeBuild project's plain environment variables, by name. */
  const environmentOf = (project: Record<string, unknown>) =>
    Object.fromEntries(
      (
        (project.Environment as { EnvironmentVariables?: { Name: string; Value: string }[] })
          .EnvironmentVariables ?? []
      ).map((v) => [v.Name, v.Value]),
    );
  /** The roles a CodeBuild project's own role may assume (its policies' sts:AssumeRole resources). */
  const rolesAssumedBy = (project: Record<string, unknown>) => {
    const roleId = (project.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return Object.values(resources)
      .filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
      )
      .flatMap(
        (r) =>
          (r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
      )
      .filter((s) => [s.Action].flat().includes('sts:AssumeRole'))
      .map((s) => s.Resource);
  };

  it('synthesizes, with zero unacknowledged cdk-nag findings on the pipeline and the region stacks', () => {
    synthesized();
    expect(pipelineStack).toBeInstanceOf(PipelineStack);
    expect(assembly.getStackByName(pipelineStackName).environment).toMatchObject({
      account: testRollout.pipelineAccount,
      region: testRollout.pipelineRegion,
    });
  });

  it('builds itself from the connection source and updates itself before any deployment', () => {
    synthesized();
    expect(stages.slice(0, 3).map((stage) => stage.Name)).toEqual(['Source', 'Build', 'UpdatePipeline']);
    expect(stages[0]!.Actions[0]!.Configuration).toMatchObject({
      ConnectionArn: testRollout.source.connectionArn,
      FullRepositoryId: testRollout.source.repo,
      BranchName: testRollout.source.branch,
    });
    const synth = JSON.stringify(projectOf(stages[1]!.Actions[0]!).Properties.Source);
    expect(synth).toContain('npx cdk synth -c pipeline=true');
  });

  it('deploys staging, then the pilot, then each wave, in that order', () => {
    synthesized();
    const deployed = deployStages().map((stage) =>
      deployActionsOf(stage)
        .map((a) => a.Configuration!.StackName)
        .sort(),
    );
    expect(deployed).toEqual([
      [`Spolu-${testRollout.staging}`],
      [`Spolu-${testRollout.pilot}`],
      ...testRollout.waves.map((wave) => wave.map((code) => `Spolu-${code}`).sort()),
    ]);
    // A wave of several kraje deploys them side by side (same run order), after one approval.
    const wave1 = deployStages()[2]!;
    expect(new Set(deployActionsOf(wave1).map((a) => a.RunOrder)).size).toBe(1);
    expect(deployActionsOf(wave1)).toHaveLength(testRollout.waves[0]!.length);
  });

  it('each stage deploys exactly its kraje, each into its own account', () => {
    synthesized();
    const rollout = parseRollout(testRollout, regions);
    const byStage = deployStages();
    expect(byStage).toHaveLength(rollout.stages.length);
    rollout.stages.forEach((stage, i) => {
      const actions = deployActionsOf(byStage[i]!);
      expect(actions.map((a) => a.Configuration!.StackName).sort()).toEqual(
        stage.regions.map((r) => `Spolu-${r.code}`).sort(),
      );
    });
    // Each region stack in the stages is the kraj's own RegionStack, in the kraj's account.
    const stacks = pipelineStack.regionStages.map((s) => s.stack);
    expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual(
      rollout.stages.flatMap((stage) =>
        stage.regions.map((r) => [`Spolu-${r.code}`, r.account, r.awsRegion]),
      ),
    );
  });

  it('waits for a manual approval before every stage after staging, and before its deployments', () => {
    synthesized();
    const [staging, ...later] = deployStages();
    expect(staging!.Actions.some((a) => a.ActionTypeId.Category === 'Approval')).toBe(false);
    expect(later.length).toBeGreaterThan(0);
    for (const stage of later) {
      const approvals = stage.Actions.filter((a) => a.ActionTypeId.Provider === 'Manual');
      expect(approvals).toHaveLength(1);
      const firstChange = Math.min(
        ...stage.Actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation').map((a) => a.RunOrder),
      );
      expect(approvals[0]!.RunOrder).toBeLessThan(firstChange);
    }
  });

  it("checks each kraj's alarms after its deployment and fails the stage on any in ALARM", () => {
    synthesized();
    for (const stage of deployStages()) {
      for (const deploy of deployActionsOf(stage)) {
        const code = String(deploy.Configuration!.StackName).replace(/^Spolu-/, '');
        const region = regions.find((r) => r.code === code)!;
        // In a wave of several kraje CDK Pipelines prefixes the action with the kraj's stage.
        const id = alarmCheckStepId(region);
        const check = stage.Actions.find((a) => a.Name === id || a.Name === `${code}.${id}`);
        expect(check).toBeDefined();
        expect(check!.RunOrder).toBeGreaterThan(deploy.RunOrder);
        const project = projectOf(check!).Properties;
        const env = environmentOf(project);
        expect(env).toMatchObject({
          ALARM_PREFIX: `Spolu-${code}-`,
          CHECK_ROLE_ARN: lookupRoleArn(region),
          AWS_REGION_OF_KRAJ: region.awsRegion,
        });
        const buildSpec = JSON.stringify(project.Source);
        expect(buildSpec).toContain('describe-alarms');
        expect(buildSpec).toContain('--state-value ALARM');
        expect(buildSpec).toContain('exit 1');
        // Its role may assume that one read-only role and nothing in another account.
        expect(rolesAssumedBy(project)).toEqual([lookupRoleArn(region)]);
      }
    }
  });

  it("the check's alarm-name prefix matches every alarm of the region (no alarm with a name of its own)", () => {
    synthesized();
    for (const regionStage of pipelineStack.regionStages) {
      const stack: RegionStack = regionStage.stack;
      const stageAssembly = (regionStage as Stage).synth();
      const { merged } = regionTemplates(stageAssembly, stack);
      const alarms = Object.values(merged.findResources('AWS::CloudWatch::Alarm'));
      expect(alarms.length).toBeGreaterThan(10);
      // CloudFormation names an unnamed alarm <stack name>-<logical id>-<suffix> (a nested stack's
      // name starts with its parent's): what the check's --alarm-name-prefix relies on.
      for (const alarm of alarms) {
        const name = (alarm as { Properties: { AlarmName?: string } }).Properties.AlarmName;
        if (name !== undefined) expect(name.startsWith(alarmNamePrefix(stack.kraj))).toBe(true);
      }
      expect(stack.stackName).toBe(`Spolu-${stack.kraj.code}`);
    }
  });

  it("runs each kraj's data migrations after its deployment and before its alarm check, as the kraj's runner", () => {
    synthesized();
    for (const stage of deployStages()) {
      for (const deploy of deployActionsOf(stage)) {
        const code = String(deploy.Configuration!.StackName).replace(/^Spolu-/, '');
        const region = regions.find((r) => r.code === code)!;
        const named = (id: string) => stage.Actions.find((a) => a.Name === id || a.Name === `${code}.${id}`);
        const migrate = named(migrationsStepId(region));
        const check = named(alarmCheckStepId(region));
        expect(migrate).toBeDefined();
        expect(migrate!.RunOrder).toBeGreaterThan(deploy.RunOrder);
        expect(check!.RunOrder).toBeGreaterThan(migrate!.RunOrder);
        const project = projectOf(migrate!).Properties;
        const env = environmentOf(project);
        const vars = testManifests.map((m) => migrateVarOf(m.name));
        expect(env).toMatchObject({
          RUNNER_ROLE_ARN: migrationRunnerRoleArn(region),
          AWS_REGION_OF_KRAJ: region.awsRegion,
        });
        expect(env.MIGRATE_VARS!.split(' ').sort()).toEqual([...vars].sort());
        // Each function name comes from the deployed stack's <Service>Migrate output.
        const fromOutputs = JSON.parse(String(migrate!.Configuration!.EnvironmentVariables)) as {
          name: string;
          value: string;
        }[];
        for (const m of testManifests) {
          const output = `${m.name[0]!.toUpperCase()}${m.name.slice(1)}Migrate`;
          expect(fromOutputs.find((v) => v.name === migrateVarOf(m.name))?.value).toMatch(
            new RegExp(`^#\\{[^.]+\\.${output}\\}$`),
          );
        }
        const buildSpec = JSON.stringify(project.Source);
        expect(buildSpec).toContain('lambda invoke');
        expect(buildSpec).toContain('FunctionError');
        // Its role may assume the kraj's runner role and nothing else.
        expect(rolesAssumedBy(project)).toEqual([migrationRunnerRoleArn(region)]);
      }
    }
  });

  it("gives each kraj's stack a runner role the pipeline account may assume, to invoke the Migrate functions only", () => {
    synthesized();
    for (const regionStage of pipelineStack.regionStages) {
      const stack: RegionStack = regionStage.stack;
      const { merged } = regionTemplates((regionStage as Stage).synth(), stack);
      const roles = merged.findResources('AWS::IAM::Role', {
        Properties: { RoleName: migrationRunnerRoleName(stack.kraj.code) },
      });
      expect(Object.keys(roles)).toHaveLength(1);
      const [roleId, role] = Object.entries(roles)[0]!;
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(
        `:iam::${testRollout.pipelineAccount}:root`,
      );
      const statements = Object.values(merged.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap(
          (p) =>
            (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
              .Statement,
        );
      expect(statements.map((st) => st.Action)).toEqual(['lambda:InvokeFunction']);
      const migrateIds = [...stack.services.values()].map((service) => logicalId(service.migrate.fn)).sort();
      const invoked = [statements[0]!.Resource]
        .flat()
        .map((r) => (r as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0])
        .sort();
      expect(invoked).toEqual(migrateIds);
      expect(invoked).toHaveLength(testManifests.length);
    }
  });
});
