// The FHIR R4 schema the FHIR endpoints validate with is the official HL7 one, narrowed to what
// they accept (scripts/fhir-schema.ts): the data file must be exactly a fresh extraction, and the
// validator must catch what the official schema catches.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { fhirSchemaFile, renderFhirSchema } from '../scripts/fhir-schema';
import { fhirSchemaIssues } from '../src/fhir/validate';

describe('the FHIR R4 schema subset', () => {
  it('is a fresh extraction of the official schema (npx tsx packages/contracts/scripts/fhir-schema.ts)', () => {
    expect(readFileSync(fhirSchemaFile, 'utf8')).toBe(renderFhirSchema());
  });

  it('accepts a valid Task with a contained Patient', () => {
    const task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      focus: { reference: 'ServiceRequest/01JCZ0000000000000000000KC' },
      for: { reference: '#p' },
      contained: [
        { resourceType: 'Patient', id: 'p', birthDate: '1990-04-01', name: [{ family: 'Nováková' }] },
      ],
    };
    expect(fhirSchemaIssues('Task', task)).toEqual([]);
  });

  it('refuses what FHIR R4 refuses, saying where', () => {
    const issues = fhirSchemaIssues('Task', {
      resourceType: 'Task',
      status: 'done',
      intent: 'order',
      authoredOn: 'yesterday',
      colour: 'blue',
      contained: [{ resourceType: 'Patient', id: 'p', birthDate: '1. 4. 1990' }],
    });
    expect(issues.map((i) => i.expression).sort()).toEqual([
      'Task.authoredOn',
      'Task.colour',
      'Task.contained[0]', // matches none of the resource types a contained element may be
      'Task.contained[0].birthDate',
      'Task.status',
    ]);
    expect(issues.find((i) => i.expression === 'Task.colour')?.path).toEqual(['colour']);
  });

  it('refuses a resource of another type contained where only Patients may be', () => {
    const issues = fhirSchemaIssues('ServiceRequest', {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/x' },
      contained: [{ resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'x' } }],
    });
    expect(issues.length).toBeGreaterThan(0);
  });
});
