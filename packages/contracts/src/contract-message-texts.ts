// The contracts' own validation messages (ContractMessages) in Czech and English. The schemas say
// them in English (the API's default wording); the API answers with the Czech text from here when
// the request prefers Czech, and the console shows the text of the person's language. Typed by the
// contracts' keys: a new contract message without a translation fails tsc.
import type { ContractMessage } from './messages';
import { ContractMessages } from './messages';
import type { ProblemLanguage } from './problem-texts';

const cs: Record<ContractMessage, string> = {
  nothingToChange: 'Nic se nezměnilo.',
  workerId: 'Zadejte identifikátor pracovníka (písmena, číslice a . _ @ : | + -).',
  handoverWorkerId: 'Zadejte identifikátor pracovníka (písmena, číslice a _ . @ : -).',
  agreedWithClient: 'Plán se mění jen po dohodě s klientem – potvrďte, že jste změnu dohodli.',
  period: 'Období zadejte jako rok (2026), čtvrtletí (2026-Q1) nebo měsíc (2026-03).',
  ulid: 'Neplatný identifikátor záznamu.',
  district: 'Neznámý obvod (ORP).',
  needCode: 'Neznámá potřeba.',
  time: 'Čas zadejte jako HH:MM (24 h).',
  controlCharacters: 'Text obsahuje nepovolené řídicí znaky.',
  loneSurrogates: 'Text obsahuje neplatné znaky.',
  invisibleCharacters:
    'Text obsahuje neviditelné znaky nebo znaky měnící směr písma (nulová šířka, přepnutí směru, oddělovač řádků).',
  nameOneLine: 'Jméno či název se píše na jeden řádek (bez tabulátorů a zalomení řádku).',
  phone: 'Zadejte telefonní číslo (číslice, mezery, případně + na začátku).',
  ico: 'IČO má 8 číslic.',
  opensBeforeCloses: 'Otevírá se dřív, než se zavírá.',
  registryId: 'Identifikátor služby z registru má 7 číslic.',
  ageRange: 'Nejnižší věk nesmí být vyšší než nejvyšší.',
  matchAge:
    'Zadejte věk klienta: věkové pásmo (ageBand), nebo jedno z: věk (age), rok narození (birthYear), datum narození (birthDate).',
  clientCode: 'Kód klienta: 3–24 písmen, číslic nebo pomlček.',
  validityRange: 'Konec platnosti nesmí být před jejím začátkem.',
  writtenTerms: 'Písemná dohoda potřebuje znění; ústní dohoda je nemá.',
  consentRecipient: 'Souhlas s předáním informací uvádí, komu se předávají.',
  consentFields: 'Souhlas s předáním informací uvádí, které údaje se smějí předat.',
  consentNoRecipient: 'Příjemce se uvádí jen u souhlasu s předáním informací.',
  fhirSchema: 'Neodpovídá schématu FHIR R4 (JSON schéma HL7 FHIR R4).',
  fhirReference:
    'Odkaz musí mířit na záznam ve Spolu ve tvaru Typ/identifikátor (např. HealthcareService/01J…).',
  fhirCoding: 'Chybí kód se systémem, který Spolu pro tento prvek používá (viz GET /fhir/metadata).',
  consentNoFields: 'Předávané údaje se uvádějí jen u souhlasu s předáním informací.',
  involvedParty: 'Uveďte blízkou osobu nebo instituci, které se souhlas týká.',
  fieldsRepeat: 'Údaje se opakují.',
  fieldPlace: 'Místo se uvádí právě u kontaktů v terénu.',
  contactClient: 'Klient se uvádí právě u kontaktů s klientem.',
  closePersonRelation: 'Vztah se uvádí právě u kontaktů s blízkou osobou.',
  needOnce: 'Každou potřebu uveďte jen jednou.',
  phoneArrangement: 'Telefonická domluva se vyplňuje právě u telefonických domluv.',
  questionCode: 'Kód otázky či odpovědi: malá písmena, číslice, pomlčky.',
  questionCodesRepeat: 'Kódy otázek se opakují.',
  appointmentWindow: 'Konec období musí být po jeho začátku, nejvýš 31 dní.',
};

const en: Record<ContractMessage, string> = {
  nothingToChange: 'Nothing has changed.',
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

const byText = new Map(
  Object.entries(ContractMessages).map(([key, text]) => [text as string, key as ContractMessage]),
);
const catalogues: Record<ProblemLanguage, Record<ContractMessage, string>> = { cs, en };

/** The message in that language when it is one of the contracts' own; else undefined. */
export const contractMessageText = (message: string, language: ProblemLanguage): string | undefined => {
  const key = byText.get(message);
  return key ? catalogues[language][key] : undefined;
};
