// Structural FHIR R4 validation with the official HL7 JSON schema (the part of it the referral
// endpoints accept, extracted by scripts/fhir-schema.ts) and ajv. Compiled on first use: only the
// FHIR function pays for it, and only when a resource arrives.
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import schema from '../../data/fhir-r4-referrals.schema.json' with { type: 'json' };

export type FhirResourceType = 'Task' | 'ServiceRequest';

export interface FhirSchemaIssue {
  /** Where in the resource: `['contained', 0, 'birthDate']`. */
  path: (string | number)[];
  /** Where, as a FHIRPath-like expression: `Task.status`, `Task.contained[0].birthDate`. */
  expression: string;
  message: string;
}

let ajv: Ajv | undefined;
const validators = new Map<FhirResourceType, ValidateFunction>();

const validatorOf = (type: FhirResourceType) => {
  let validate = validators.get(type);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false }).addMetaSchema(draft06).addSchema(schema, 'fhir-r4');
    validate = ajv.getSchema(`fhir-r4#/definitions/${type}`);
    if (!validate) throw new Error(`no FHIR schema for ${type}`);
    validators.set(type, validate);
  }
  return validate;
};

const pathOf = (instancePath: string): (string | number)[] =>
  instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replaceAll('~1', '/').replaceAll('~0', '~')));

const expressionOf = (type: FhirResourceType, path: (string | number)[]) =>
  type + path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');

/** The ways the resource breaks the FHIR R4 schema; empty when it is valid FHIR. */
export const fhirSchemaIssues = (type: FhirResourceType, resource: unknown): FhirSchemaIssue[] => {
  const validate = validatorOf(type);
  if (validate(resource)) return [];
  const issues = (validate.errors ?? []).map((e) => {
    const unknown = e.keyword === 'additionalProperties';
    const path = pathOf(
      unknown ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath,
    );
    return {
      path,
      expression: expressionOf(type, path),
      message: unknown ? 'is not an element of this FHIR type' : (e.message ?? 'is not valid FHIR'),
      // A contained resource is tried against every type it may be: the misses are noise.
      branchNoise: e.keyword === 'oneOf' || (e.keyword === 'const' && path.at(-1) === 'resourceType'),
    };
  });
  const telling = issues.filter((i) => !i.branchNoise);
  const seen = new Set<string>();
  return (telling.length > 0 ? telling : issues)
    .filter((i) => !seen.has(i.expression) && seen.add(i.expression))
    .slice(0, 20)
    .map(({ path, expression, message }) => ({ path, expression, message }));
};
