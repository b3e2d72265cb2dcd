// The contracts' own validation messages (ContractMessages) in Czech (English: the schemas say
// them in English, the API's default wording, and contract-message-texts-english.ts has them for the
// console); the API answers with the Czech text from here when
// the request prefers Czech, and the console shows the text of the person's language. Typed by the
// contracts' keys: a new contract message without a translation fails tsc.
import type { ContractMessage } from './messages';
import { ContractMessages } from './messages';

const cs: Record<ContractMessage, string> = {
  nothingToChange: 'Nic se nezměnilo.',
  noticeEmail: 'Pro upozornění e-mailem zadejte e-mailovou adresu.',
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

const byText = new Map(
  Object.entries(ContractMessages).map(([key, text]) => [text as string, key as ContractMessage]),
);

/** The contract message key of an English message the schemas wrote, if it is one of theirs. */
export const contractMessageKey = (message: string): ContractMessage | undefined => byText.get(message);

export const czechContractMessages: Readonly<Record<ContractMessage, string>> = cs;

/** The message in Czech when it is one of the contracts' own; else undefined (the English texts
 * are in contract-message-texts-english.ts, for the console). */
export const czechContractMessageText = (message: string): string | undefined => {
  const key = contractMessageKey(message);
  return key ? cs[key] : undefined;
};
