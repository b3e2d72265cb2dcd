// Builds the real app the way `cdk synth` does (cdk.json context, the service manifests) plus a
// fixture service, with bundling skipped, and offers small helpers to read templates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { manifests } from '../../services/manifests';
import { buildApp } from '../../infra/lib/app';
import { repoRoot } from '../../infra/lib/paths';
import { consumerManifest } from './fixtures/consumer/manifest';

export const cdkContext = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context as Record<
  string,
  unknown
>;

// The fixture borrows a service name (names are a closed set); once the real service with that
// name exists, the real one exercises the same manifest features and the fixture steps aside.
export const testManifests = manifests.some((m) => m.name === consumerManifest.name)
  ? [...manifests]
  : [...manifests, consumerManifest];

export const buildTestApp = (extraContext: Record<string, unknown> = {}) => {
  const app = new App({ context: { ...cdkContext, ...extraContext, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, testManifests);
  return { app, stacks };
};

export const logicalId = (construct: IConstruct) => {
  const child = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(child as never);
};

/** Every logical id a CloudFormation value points at through Ref or Fn::GetAtt. */
export const referencedIds = (value: unknown): Set<string> => {
  const ids = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'Ref' && typeof child === 'string' && !child.startsWith('AWS::')) ids.add(child);
      else if (key === 'Fn::GetAtt' && Array.isArray(child)) ids.add(String(child[0]));
      else walk(child);
    }
  };
  walk(value);
  return ids;
};

export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

export const actionsOf = (statement: Statement) => [statement.Action].flat();
export const resourcesOf = (statement: Statement) => [statement.Resource].flat();
