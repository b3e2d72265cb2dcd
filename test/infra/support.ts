// Builds the real app the way `cdk synth` does (cdk.json context, the service manifests) plus a
// fixture service, with bundling skipped, and offers small helpers to read templates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
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

const isCfnResource = (construct: IConstruct): construct is CfnResource =>
  'cfnResourceType' in construct && typeof construct.cfnResourceType === 'string';

/** `''` for a top-level stack, `ServiceIntake.` for a service's nested stack. */
const prefixOf = (stack: Stack): string =>
  stack instanceof NestedStack && stack.nestedStackParent
    ? `${prefixOf(stack.nestedStackParent)}${stack.node.id}.`
    : '';

/** A construct's id in the region's merged template (see `regionTemplates`). */
export const logicalId = (construct: IConstruct) => {
  const child = construct.node.defaultChild ?? construct;
  if (!isCfnResource(child)) throw new Error(`${construct.node.path} is not a CloudFormation resource`);
  const stack = Stack.of(child);
  return `${prefixOf(stack)}${stack.getLogicalId(child)}`;
};

type Json = unknown;
type TemplateJson = {
  Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
} & Record<string, Json>;

/** Rewrites references into merged-template ids; a nested stack's parameters become the values
 * the parent passes, so a nested resource that names the region's bus names the bus itself. */
const qualify = (node: Json, prefix: string, parameters: Record<string, Json>): Json => {
  if (Array.isArray(node)) return node.map((child) => qualify(child, prefix, parameters));
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  if (entries.length === 1) {
    const [[key, value]] = entries as [[string, Json]];
    if (key === 'Ref' && typeof value === 'string') {
      if (value.startsWith('AWS::')) return node;
      if (value in parameters) return parameters[value];
      return { Ref: `${prefix}${value}` };
    }
    if (key === 'Fn::GetAtt' && Array.isArray(value))
      return { 'Fn::GetAtt': [`${prefix}${value[0]}`, value[1]] };
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, qualify(value, prefix, parameters)]));
};

export interface RegionTemplates {
  /** Resources per synthesized template (the region stack and each nested stack), by stack path. */
  counts: Map<string, number>;
  /**
   * Every resource of the region in one template: nested resources under `<NestedStackId>.<id>`
   * (what `logicalId` returns), references across stacks resolved to what they point at.
   */
  merged: Template;
}

export const regionTemplates = (assembly: CloudAssembly, root: Stack): RegionTemplates => {
  const read = (stack: Stack) =>
    JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as TemplateJson;
  const counts = new Map<string, number>();
  const rootJson = read(root);
  const resources: TemplateJson['Resources'] = { ...rootJson.Resources };
  counts.set(root.node.path, Object.keys(rootJson.Resources).length);
  const nested = root.node
    .findAll()
    .filter((construct): construct is NestedStack => construct instanceof NestedStack)
    // Parents before children, so a parameter's value is already qualified when a child reads it.
    .sort((a, b) => a.node.path.split('/').length - b.node.path.split('/').length);
  /** `Fn::GetAtt: [<nested stack resource>, Outputs.X]` -> what output X is, qualified. */
  const nestedOutputs = new Map<string, Record<string, Json>>();
  for (const stack of nested) {
    const json = read(stack);
    counts.set(stack.node.path, Object.keys(json.Resources).length);
    const parentResource = resources[logicalId(stack.nestedStackResource!)]!;
    const parameters = (parentResource.Properties?.Parameters ?? {}) as Record<string, Json>;
    const prefix = prefixOf(stack);
    for (const [id, resource] of Object.entries(json.Resources)) {
      resources[`${prefix}${id}`] = qualify(
        resource,
        prefix,
        parameters,
      ) as TemplateJson['Resources'][string];
    }
    const outputs = (json.Outputs ?? {}) as Record<string, { Value: Json }>;
    nestedOutputs.set(
      logicalId(stack.nestedStackResource!),
      Object.fromEntries(
        Object.entries(outputs).map(([name, output]) => [name, qualify(output.Value, prefix, parameters)]),
      ),
    );
  }
  const resolveOutputs = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(resolveOutputs);
    if (!node || typeof node !== 'object') return node;
    const getAtt = (node as Record<string, Json>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[1] === 'string' && getAtt[1].startsWith('Outputs.')) {
      const value = nestedOutputs.get(String(getAtt[0]))?.[getAtt[1].slice('Outputs.'.length)];
      if (value !== undefined) return resolveOutputs(value);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveOutputs(value)]));
  };
  return { counts, merged: Template.fromJSON({ ...rootJson, Resources: resolveOutputs(resources) }) };
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
  Condition?: unknown;
}

export const actionsOf = (statement: Statement) => [statement.Action].flat();
export const resourcesOf = (statement: Statement) => [statement.Resource].flat();
