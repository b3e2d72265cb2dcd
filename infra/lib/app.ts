// Builds the CDK app: one RegionStack per configured kraj (or the one chosen with -c region=...),
// every stack built from the same service manifests, and the AwsSolutions and Serverless cdk-nag
// packs over all of them.
import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import type { ServiceManifest } from '@spolu/platform';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { selectRegions } from './config';
import { RegionStack, stackNameOf } from './region-stack';

export const buildApp = (app: App, manifests: readonly ServiceManifest[]) => {
  const regions = selectRegions(app.node.tryGetContext('regions'), app.node.tryGetContext('region'));
  const stacks = regions.map(
    (region) => new RegionStack(app, stackNameOf(region.code), { region, manifests }),
  );
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return stacks;
};
