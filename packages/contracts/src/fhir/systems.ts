// The code systems, extensions and media type of Spolu's FHIR face: plain constants, in a module of
// their own so the error form and the webhooks' Task builder do not bundle the FHIR validator.
export const FhirSystems = {
  need: 'https://spolu.cz/fhir/CodeSystem/need',
  referralStatus: 'https://spolu.cz/fhir/CodeSystem/referral-status',
  reason: 'https://spolu.cz/fhir/CodeSystem/referral-reason',
  subjectKey: 'https://spolu.cz/fhir/NamingSystem/subject-key',
  problem: 'https://spolu.cz/problems',
  ageBand: 'https://spolu.cz/fhir/StructureDefinition/age-band',
  district: 'https://spolu.cz/fhir/StructureDefinition/district',
  targetGroup: 'https://spolu.cz/fhir/StructureDefinition/target-group',
} as const;

export const fhirMediaType = 'application/fhir+json';

/** A CodeableConcept of one code in one of the systems above. */
export const fhirCoding = (system: string, code: string) => ({ coding: [{ system, code }] });
