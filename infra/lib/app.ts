// Builds the CDK app: one RegionStack per configured kraj (or the one chosen with -c region=...),
// every stack built from the same service manifests, and the AwsSolutions and Serverless cdk-nag
// packs over all of them. With -c pipeline=true it builds the staged-rollout pipeline instead
// (infra/lib/pipeline.ts), whose stages hold the same region stacks.
import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import type { ServiceManifest } from '@spolu/platform';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { selectRegions } from './config';
import { PipelineStack, pipelineStackName } from './pipeline';
import { RegionStack, stackNameOf } from './region-stack';
import { parseRollout } from './rollout';

const pipelineRequested = (app: App) => [true, 'true'].includes(app.node.tryGetContext('pipeline'));

export const buildApp = (app: App, manifests: readonly ServiceManifest[]) => {
  const regions = selectRegions(app.node.tryGetContext('regions'), app.node.tryGetContext('region'));
  const stacks = pipelineRequested(app)
    ? new PipelineStack(app, pipelineStackName, {
        rollout: parseRollout(app.node.tryGetContext('rollout'), regions),
        manifests,
      }).regionStages.map((stage) => stage.stack)
    : regions.map((region) => new RegionStack(app, stackNameOf(region.code), { region, manifests }));
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return stacks;
};
