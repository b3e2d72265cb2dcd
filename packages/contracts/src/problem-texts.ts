// The words of every RFC 9457 problem the API answers with, in Czech and English, as data: titles
// by problem slug (the `type` without the base) and details by a stable detail code whose variable
// parts are named `{params}`. The API renders them in the language the request prefers
// (Accept-Language, see negotiateProblemLanguage; English when absent) and the console shows
// problem titles from here. The English texts are the API's wording; the codes (`type`,
// `errors[].code`) never change with the language.

export const problemLanguages = ['cs', 'en'] as const;
export type ProblemLanguage = (typeof problemLanguages)[number];
type Texts = Readonly<Record<ProblemLanguage, string>>;

export const problemTitles = {
  'bad-request': { en: 'Bad request', cs: 'Požadavek nelze zpracovat' },
  unauthorized: { en: 'Unauthorized', cs: 'Nejste přihlášen(a)' },
  'bad-signature': { en: 'Signature rejected', cs: 'Podpis odmítnut' },
  forbidden: { en: 'Forbidden', cs: 'K tomu nemáte oprávnění' },
  'not-found': { en: 'Not found', cs: 'Záznam nebyl nalezen' },
  conflict: { en: 'Conflict', cs: 'Tuto změnu teď nelze provést' },
  'stale-etag': { en: 'Precondition failed', cs: 'Záznam se mezitím změnil' },
  'if-match-required': { en: 'Precondition required', cs: 'Chybí podmínka If-Match' },
  'unsupported-media-type': { en: 'Unsupported media type', cs: 'Nepodporovaný formát dat' },
  'payload-too-large': { en: 'Payload too large', cs: 'Příliš mnoho dat najednou' },
  validation: { en: 'Validation failed', cs: 'Údaje nejsou v pořádku' },
  'too-many-requests': { en: 'Too many requests', cs: 'Příliš mnoho požadavků' },
  internal: { en: 'Internal error', cs: 'Chyba na naší straně' },
} as const satisfies Record<string, Texts>;
export type ProblemSlug = keyof typeof problemTitles;

export const isProblemSlug = (slug: string): slug is ProblemSlug => Object.hasOwn(problemTitles, slug);

/** Details by stable code. `{name}` is a parameter; a parameter listed in `lists` is an English
 * "a or b" list that Czech words as "a nebo b". */
export const problemDetails = {
  // 400
  'invalid-json': { en: 'The body is not valid JSON.', cs: 'Tělo požadavku není platný JSON.' },
  'prototype-key': {
    en: 'The body must not have __proto__, constructor or prototype keys.',
    cs: 'Tělo požadavku nesmí obsahovat klíče __proto__, constructor ani prototype.',
  },
  'no-query': {
    en: 'This operation takes no query parameters.',
    cs: 'Tato operace nepřijímá parametry v dotazu.',
  },
  'no-body': { en: 'This operation takes no body.', cs: 'Tato operace nepřijímá tělo požadavku.' },
  // 401
  'no-verified-token': { en: 'no verified token', cs: 'Chybí ověřený přístupový token.' },
  'bad-webhook-signature': {
    en: 'missing, invalid or stale webhook signature',
    cs: 'Podpis webhooku chybí, je neplatný nebo zastaralý.',
  },
  'webhook-id-too-long': { en: 'webhook-id too long', cs: 'Hlavička webhook-id je příliš dlouhá.' },
  // 403
  'needs-scope': { en: 'needs scope {scopes}', cs: 'Vyžaduje oprávnění (scope) {scopes}.' },
  'needs-role': { en: 'needs role {roles}', cs: 'Vyžaduje roli {roles}.' },
  'token-no-region': {
    en: 'the token names no region and provider: its client is not registered for this region',
    cs: 'Token neuvádí kraj ani organizaci: jeho klient není pro tento kraj registrován.',
  },
  'token-other-region': { en: 'the token belongs to another region', cs: 'Token patří jinému kraji.' },
  'needs-tenant': {
    en: 'this operation needs a provider (tenant) in the token',
    cs: 'Tato operace potřebuje v tokenu organizaci (poskytovatele).',
  },
  'token-other-partner': {
    en: 'the token belongs to another partner client',
    cs: 'Token patří jinému partnerskému systému.',
  },
  'partner-not-registered': {
    en: 'the partner client is not registered with this provider',
    cs: 'Partnerský systém není u této organizace registrován.',
  },
  'partner-revoked': { en: 'the partner client is revoked', cs: 'Přístup partnerského systému byl zrušen.' },
  'partner-actions': {
    en: 'a partner system may only {actions} a referral',
    cs: 'Partnerský systém smí u doporučení jen tyto kroky: {actions}.',
  },
  'no-inbound-secret': {
    en: 'no inbound secret was issued for this partner client',
    cs: 'Tomuto partnerskému systému nebyl vydán klíč pro příchozí webhooky.',
  },
  'own-provider-only': {
    en: 'you can change only your own provider',
    cs: 'Měnit můžete jen údaje své organizace.',
  },
  'worker-inactive': {
    en: 'this worker is no longer active',
    cs: 'Tento pracovník už není aktivní.',
  },
  'stats-own-view': {
    en: "the own view is for a provider's staff",
    cs: 'Přehled vlastní organizace je jen pro její pracovníky.',
  },
  'stats-annual-own-staff': {
    en: "a provider's annual figures are for its own staff",
    cs: 'Roční výkaz organizace je jen pro její pracovníky.',
  },
  // 404
  'not-found': { en: '{what} not found', cs: 'Nenalezeno: {what}.' },
  // 409
  'record-exists': { en: 'the record already exists', cs: 'Záznam už existuje.' },
  'idempotency-in-progress': {
    en: 'A request with this Idempotency-Key is being processed. Retry shortly.',
    cs: 'Požadavek s tímto Idempotency-Key se právě zpracovává. Zkuste to za chvíli znovu.',
  },
  'subscription-disabled': {
    en: 'the subscription is disabled; enable it first',
    cs: 'Odběr je vypnutý; nejdřív ho zapněte.',
  },
  'webhook-replay': {
    en: 'this webhook-id was already received (replay)',
    cs: 'Webhook s tímto webhook-id už byl přijat (opakování).',
  },
  'client-code-taken': {
    en: 'this client code is already used at this service; choose another',
    cs: 'Tento kód klienta už u této služby někdo má; zvolte jiný.',
  },
  'client-gone': {
    en: 'the client was anonymised or removed meanwhile',
    cs: 'Klient byl mezitím anonymizován nebo odstraněn.',
  },
  'chunk-applied': { en: 'chunk applied', cs: 'Tato část už byla započtena.' },
  // 412, 413, 415, 428
  'stale-etag': {
    en: 'The record was changed by someone else since you loaded it. Reload it and apply your change again.',
    cs: 'Záznam mezitím změnil někdo jiný. Načtěte ho znovu a změnu proveďte ještě jednou.',
  },
  'if-match-required': {
    en: 'Send If-Match with the ETag you loaded.',
    cs: 'Pošlete hlavičku If-Match s ETagem načteného záznamu.',
  },
  'payload-too-large': {
    en: 'The body exceeds {max} bytes.',
    cs: 'Tělo požadavku je větší než {max} bajtů.',
  },
  'unsupported-media-type': { en: 'Send application/json.', cs: 'Posílejte application/json.' },
  // 422
  'invalid-body': { en: 'The body is not valid.', cs: 'Tělo požadavku není v pořádku.' },
  'invalid-query': { en: 'The query is not valid.', cs: 'Parametry dotazu nejsou v pořádku.' },
  'invalid-params': { en: 'The params is not valid.', cs: 'Parametry v cestě nejsou v pořádku.' },
  'invalid-headers': { en: 'The headers is not valid.', cs: 'Hlavičky požadavku nejsou v pořádku.' },
  'answers-template': {
    en: 'The answers do not fit the template version.',
    cs: 'Odpovědi neodpovídají této verzi dotazníku.',
  },
  'idempotency-key-format': {
    en: 'Idempotency-Key must be 8 to 128 visible ASCII characters.',
    cs: 'Idempotency-Key musí mít 8 až 128 viditelných znaků ASCII.',
  },
  'idempotency-key-reused': {
    en: 'This Idempotency-Key was already used for a different request.',
    cs: 'Tento Idempotency-Key už byl použit pro jiný požadavek.',
  },
  'security-log-window': {
    en: 'The window may span at most {maxDays} days.',
    cs: 'Období může zahrnovat nejvýš {maxDays} dní.',
  },
  'security-log-backwards': {
    en: '`from` must not be after `to`.',
    cs: 'Začátek období (`from`) nesmí být po jeho konci (`to`).',
  },
  'invalid-cursor': {
    en: 'The cursor is not valid for this list. Start again without a cursor.',
    cs: 'Kurzor k tomuto seznamu nepatří. Začněte znovu bez kurzoru.',
  },
  // 429
  'too-many-requests-partner': {
    en: 'This partner system may make {limit} requests a minute; try again in {retryAfter} s.',
    cs: 'Partnerský systém smí poslat {limit} požadavků za minutu; zkuste to znovu za {retryAfter} s.',
  },
  'too-many-requests-provider': {
    en: 'This provider may make {limit} requests a minute; try again in {retryAfter} s.',
    cs: 'Organizace smí poslat {limit} požadavků za minutu; zkuste to znovu za {retryAfter} s.',
  },
  // 500
  internal: {
    en: 'Something went wrong on our side. Quote the instance id when reporting it.',
    cs: 'Na naší straně se něco pokazilo. Při nahlášení uveďte identifikátor instance.',
  },
} as const satisfies Record<string, Texts>;
export type ProblemDetailCode = keyof typeof problemDetails;
export type ProblemDetailParams = Readonly<Record<string, string | number>>;

/** Field messages (`errors[].message`) the platform and the services word themselves, beside the
 * contracts' messages (contract-message-texts.ts), zod's own and the domain rules (rule-texts.ts):
 * the Idempotency-Key header and the answers of an intake questionnaire. */
export const problemFieldMessages = {
  'idempotency-key-chars': {
    en: 'must be 8 to 128 visible ASCII characters',
    cs: 'Musí mít 8 až 128 viditelných znaků ASCII.',
  },
  'idempotency-key-reused': { en: 'reused with a different request', cs: 'Už použit pro jiný požadavek.' },
  required: { en: 'required', cs: 'Povinný údaj.' },
  'not-a-question': {
    en: 'not a question of this template version',
    cs: 'Tato otázka v této verzi dotazníku není.',
  },
  'answer-required': { en: 'this question must be answered', cs: 'Na tuto otázku je třeba odpovědět.' },
  'one-option': { en: 'expects one option code', cs: 'Očekává se kód jedné možnosti.' },
  'unknown-option': { en: 'unknown option "{option}"', cs: 'Neznámá možnost „{option}“.' },
  'option-list': { en: 'expects a list of option codes', cs: 'Očekává se seznam kódů možností.' },
  'at-least-one-option': { en: 'choose at least one option', cs: 'Vyberte aspoň jednu možnost.' },
  'unknown-options': { en: 'unknown options: {options}', cs: 'Neznámé možnosti: {options}.' },
  'options-repeat': { en: 'options repeat', cs: 'Možnosti se opakují.' },
  'max-options': { en: 'at most {max} options', cs: 'Nejvýš {max} možností.' },
  number: { en: 'expects a number', cs: 'Očekává se číslo.' },
  'whole-number': { en: 'expects a whole number', cs: 'Očekává se celé číslo.' },
  'at-least': { en: 'must be at least {min}', cs: 'Musí být aspoň {min}.' },
  'at-most': { en: 'must be at most {max}', cs: 'Musí být nejvýš {max}.' },
  duration: { en: 'expects { amount, unit }', cs: 'Očekává se doba: { amount, unit }.' },
  text: { en: 'expects text', cs: 'Očekává se text.' },
  'not-empty': { en: 'must not be empty', cs: 'Nesmí být prázdné.' },
  'max-characters': { en: 'at most {max} characters', cs: 'Nejvýš {max} znaků.' },
} as const satisfies Record<string, Texts>;

/** Parameters that are English "a or b" lists (scopes, roles, actions). */
const lists = new Set(['scopes', 'roles', 'actions']);

/** What was not found ('{what} not found'), in Czech; the English name is the key. */
export const notFoundThings: Readonly<Record<string, string>> = {
  agreement: 'Dohoda nebyla nalezena.',
  appointment: 'Schůzka nebyla nalezena.',
  client: 'Klient nebyl nalezen.',
  consent: 'Souhlas nebyl nalezen.',
  contact: 'Kontakt nebyl nalezen.',
  delivery: 'Doručení nebylo nalezeno.',
  handover: 'Předání nebylo nalezeno.',
  'home visit': 'Domácí návštěva nebyla nalezena.',
  'partner client': 'Partnerský systém nebyl nalezen.',
  plan: 'Plán nebyl nalezen.',
  provider: 'Organizace nebyla nalezena.',
  referral: 'Doporučení nebylo nalezeno.',
  service: 'Služba nebyla nalezena.',
  'share package': 'Předávané údaje nebyly nalezeny.',
  'shared-care agreement': 'Dohoda o sdílené péči nebyla nalezena.',
  subscription: 'Odběr nebyl nalezen.',
  template: 'Dotazník nebyl nalezen.',
  'template version': 'Verze dotazníku nebyla nalezena.',
  'version {version}': 'Verze {version} nebyla nalezena.',
  'route {route}': 'Cesta {route} neexistuje.',
  worker: 'Pracovník nebyl nalezen.',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A template as a pattern that takes its parameters back out of a text. */
const patterns = new Map<string, RegExp>();
const patternOf = (template: string) => {
  const known = patterns.get(template);
  if (known) return known;
  const pattern = new RegExp(
    `^${template
      .split(/(\{[a-zA-Z]+\})/)
      .map((part) => (/^\{[a-zA-Z]+\}$/.test(part) ? `(?<${part.slice(1, -1)}>.+?)` : escape(part)))
      .join('')}$`,
    's',
  );
  patterns.set(template, pattern);
  return pattern;
};
const matchTemplate = (template: string, text: string): ProblemDetailParams | undefined => {
  const m = patternOf(template).exec(text);
  return m ? { ...m.groups } : undefined;
};

/** Fills `{name}` with the parameter; a list parameter reads "a nebo b" in Czech. */
export const fillProblemText = (template: string, params: ProblemDetailParams, language: ProblemLanguage) =>
  template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return language === 'cs' && lists.has(name) ? String(value).split(' or ').join(' nebo ') : String(value);
  });

/** The detail in that language. */
export const problemDetailText = (
  code: ProblemDetailCode,
  params: ProblemDetailParams,
  language: ProblemLanguage,
): string => {
  if (code === 'not-found' && language === 'cs') {
    const what = String(params.what ?? '');
    for (const [thing, text] of Object.entries(notFoundThings)) {
      const found = matchTemplate(thing, what);
      if (found) return fillProblemText(text, found, language);
    }
  }
  return fillProblemText(problemDetails[code][language], params, language);
};

const detailCodes = Object.keys(problemDetails) as ProblemDetailCode[];
// Fixed texts first, so a template with a parameter never takes a text that has its own code.
const byFixity = [
  ...detailCodes.filter((c) => !problemDetails[c].en.includes('{')),
  ...detailCodes.filter((c) => problemDetails[c].en.includes('{')),
];

/** The code and parameters of an English detail the API words (undefined for other texts). */
export const problemDetailOf = (
  englishDetail: string,
): { code: ProblemDetailCode; params: ProblemDetailParams } | undefined => {
  for (const code of byFixity) {
    const params = matchTemplate(problemDetails[code].en, englishDetail);
    if (params) return { code, params };
  }
  return undefined;
};

/**
 * The language of a problem for an Accept-Language header (RFC 9110 §12.5.4): the supported
 * language with the highest q-value wins (`cs`, `cs-CZ`, `cs;q=0.9,en;q=0.8` -> Czech), `q=0`
 * refuses a language, `*` stands for English, a tie goes to the range listed first; absent,
 * empty or nothing supported -> English.
 */
export const negotiateProblemLanguage = (acceptLanguage: string | undefined | null): ProblemLanguage => {
  let best: { language: ProblemLanguage; q: number } | undefined;
  const refused = new Set<ProblemLanguage>();
  for (const range of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...parameters] = range.split(';').map((s) => s.trim());
    const primary = tag.toLowerCase().split('-')[0];
    const language: ProblemLanguage | undefined =
      primary === 'cs' ? 'cs' : primary === 'en' || primary === '*' ? 'en' : undefined;
    if (!language) continue;
    let q = 1;
    for (const parameter of parameters) {
      const m = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(parameter);
      if (m) q = Math.min(1, Number(m[1]));
      else if (/^q\s*=/i.test(parameter)) q = 0; // a malformed weight counts as none
    }
    if (q === 0) {
      if (primary !== '*') refused.add(language);
      continue;
    }
    if (refused.has(language)) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best && !refused.has(best.language) ? best.language : 'en';
};

const fieldCodes = Object.keys(problemFieldMessages) as (keyof typeof problemFieldMessages)[];

/** A field message the platform or a service words in English, in that language (undefined when
 * the catalogue does not know it). */
export const problemFieldMessageText = (english: string, language: ProblemLanguage): string | undefined => {
  for (const code of fieldCodes) {
    const params = matchTemplate(problemFieldMessages[code].en, english);
    if (params) return fillProblemText(problemFieldMessages[code][language], params, language);
  }
  return undefined;
};
