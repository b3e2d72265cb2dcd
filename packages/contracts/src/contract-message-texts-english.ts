// The contracts' own validation messages in English, and a message in either language, for the
// console (the API says them in English itself and needs only the Czech texts).
import type { ContractMessage } from './messages';
import type { ProblemLanguage } from './problem-texts';
import { contractMessageKey, czechContractMessages } from './contract-message-texts';

const en: Record<ContractMessage, string> = {
  nothingToChange: 'Nothing has changed.',
  noticeEmail: 'Enter an e-mail address for e-mail notices.',
  workerId: 'Enter a worker id (letters, digits and . _ @ : | + -).',
  handoverWorkerId: 'Enter a worker id (letters, digits and _ . @ : -).',
  agreedWithClient: 'A plan changes only by agreement with the client: confirm you agreed the change.',
  period: 'Enter the period as a year (2026), quarter (2026-Q1) or month (2026-03).',
  ulid: 'Not a valid record id.',
  district: 'Unknown district (ORP).',
  needCode: 'Unknown need.',
  time: 'Enter the time as HH:MM (24 h).',
  controlCharacters: 'The text contains control characters.',
  loneSurrogates: 'The text contains invalid characters.',
  invisibleCharacters:
    'The text contains invisible or direction-changing characters (zero-width, bidi override or isolate, line separator).',
  nameOneLine: 'A name is written on one line (no tabs or line breaks).',
  phone: 'Enter a phone number (digits, spaces, an optional leading +).',
  ico: 'The IČO has 8 digits.',
  opensBeforeCloses: 'Opening time must be before closing time.',
  registryId: 'The registry id of a service has 7 digits.',
  ageRange: 'The lowest age must not exceed the highest.',
  matchAge:
    "Give the client's age: an age band (ageBand), or one of age, birth year (birthYear), birth date (birthDate).",
  clientCode: 'Client code: 3–24 letters, digits or dashes.',
  validityRange: 'The end of validity must not be before its start.',
  writtenTerms: 'A written agreement needs its terms; an oral one has none.',
  consentRecipient: 'A consent to share names the provider who receives the information.',
  consentFields: 'A consent to share lists the details that may be shared.',
  consentNoRecipient: 'Only a consent to share names a recipient.',
  fhirSchema: 'Not valid FHIR R4 here (HL7 FHIR R4 JSON schema).',
  fhirReference: 'Must reference a Spolu record as Type/id (e.g. HealthcareService/01J…).',
  fhirCoding: 'Needs a coding with the system Spolu uses for this element (see GET /fhir/metadata).',
  consentNoFields: 'Only a consent to share lists shared details.',
  involvedParty: 'Name the close person or institution the consent is about.',
  fieldsRepeat: 'Details repeat.',
  fieldPlace: 'A place is given exactly for field contacts.',
  contactClient: 'A client is given exactly for client contacts.',
  closePersonRelation: 'A relation is given exactly for close-person contacts.',
  needOnce: 'Give each need once.',
  phoneArrangement: 'The phone arrangement is filled in exactly for phone arrangements.',
  questionCode: 'Question or option code: lowercase letters, digits, dashes.',
  questionCodesRepeat: 'Question codes repeat.',
  appointmentWindow: 'The end of the period must be after its start, at most 31 days later.',
};

const catalogues: Record<ProblemLanguage, Readonly<Record<ContractMessage, string>>> = {
  cs: czechContractMessages,
  en,
};

/** The message in that language when it is one of the contracts' own; else undefined. */
export const contractMessageText = (message: string, language: ProblemLanguage): string | undefined => {
  const key = contractMessageKey(message);
  return key ? catalogues[language][key] : undefined;
};
