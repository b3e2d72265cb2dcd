// The role the pipeline assumes in a kraj's account to run its data migrations after deploying it
// (infra/lib/migrations-script.ts): trusted by the pipeline account, allowed to invoke the
// services' Migrate functions and nothing else. Only stacks the pipeline deploys have it.
import type { RegionCode } from '@spolu/contracts';
import { AccountPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RegionDeployment } from './config';

export const migrationRunnerRoleName = (code: RegionCode) => `spolu-${code.toLowerCase()}-migration-runner`;

export const migrationRunnerRoleArn = (region: RegionDeployment) =>
  `arn:aws:iam::${region.account}:role/${migrationRunnerRoleName(region.code)}`;

export interface MigrationRunnerProps {
  region: RegionDeployment;
  pipelineAccount: string;
  /** Each service's Migrate function. */
  functions: readonly IFunction[];
}

export class MigrationRunner extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: MigrationRunnerProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      // A fixed name: the pipeline (another account) names it in its step.
      roleName: migrationRunnerRoleName(props.region.code),
      assumedBy: new AccountPrincipal(props.pipelineAccount),
      description: `Spolu ${props.region.code}: the pipeline runs the data migrations after each deployment`,
    });
    // The functions themselves, not their versions (`:*`): they are invoked unqualified.
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: props.functions.map((fn) => fn.functionArn),
      }),
    );
  }
}
