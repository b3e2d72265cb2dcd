// The services' domain rules (problem `errors[].code`, e.g. a home visit without its checklist) in
// Czech and English. The API words a rule in English itself, sometimes with details (which
// checklist items are missing), and answers in Czech from here when the request prefers Czech
// (Accept-Language: cs); the console shows the rule in the person's language from here and keeps
// the API's wording for anything it does not know. web/test/rule-messages.test.ts fails when a rule
// a service can break has no entry here.

const cs = {
  'age-range': 'Nejnižší věk nesmí být vyšší než nejvyšší.',
  'age-outside-service': 'Věk klienta je mimo věkové rozmezí služby.',
  'agreement-ended': 'Ukončenou dohodu už nelze měnit.',
  'agreement-exists': 'Klient už má s touto službou platnou dohodu; změňte tu.',
  'agreement-form': 'Písemná dohoda potřebuje znění; ústní dohoda je nemá.',
  'anonymous-not-allowed': 'Tato služba nepracuje s anonymními klienty; zapište jméno a datum narození.',
  'answers-in-future': 'Odpovědi dotazníku nelze zapsat do budoucna.',
  'anonymous-required': 'Tato služba pracuje jen anonymně; místo jména zapište kód klienta.',
  'arrival-in-future': 'Čas příchodu je v budoucnosti.',
  'assessment-in-future': 'Posouzení potřeb nelze zapsat do budoucna.',
  'attendance-recorded': 'Účast už byla zapsána.',
  'birth-implausible': 'Datum narození je víc než 120 let zpátky.',
  'birth-in-future': 'Datum narození je v budoucnosti.',
  'caller-not-party': 'Vaše organizace musí být jedním z účastníků.',
  'client-active': 'Před anonymizací ukončete platné dohody.',
  'client-anonymised': 'Klient byl anonymizován; nic dalšího nelze zapsat.',
  'consent-in-future': 'Souhlas nelze zapsat do budoucna.',
  'consultation-in-future': 'Konzultaci nelze zapsat do budoucna.',
  'consent-required': 'Zapojení této osoby vyžaduje platný souhlas klienta (zapisuje se ve spisu klienta).',
  'consent-withdrawn': 'Souhlas už byl odvolán.',
  'contact-correction-window': 'Kontakt lze opravit nebo zrušit jen do 7 dnů od jeho času.',
  'contact-days': 'Poslední den nesmí být před prvním a nejvýš 31 dní po něm.',
  'contact-nothing-to-correct': 'Oprava nic nemění; změňte aspoň jeden údaj.',
  'contact-voided': 'Záznam kontaktu byl zrušen; už ho nelze měnit.',
  'coordinator-not-party': 'Koordinující organizace musí být jedním z účastníků.',
  'distinct-dimensions': 'Řádky a sloupce musí být různé.',
  'district-outside-region': 'Některé obvody nepatří do tohoto kraje.',
  'done-at-without-done': 'Datum splnění patří jen ke splněnému kroku.',
  'done-in-future': 'Krok nemůže být splněn v budoucnosti.',
  'duplicate-party': 'Organizace je účastníkem jen jednou.',
  'final-review-open-goals': 'Závěrečné hodnocení uzavírá každý cíl (splněn, částečně, nesplněn, opuštěn).',
  'goal-change-without-deviation': 'Verzi změny cíle uveďte jen u odchylky „změna cíle“.',
  'goal-closed': 'Vyhodnocený cíl zůstává, jak byl; stanovte nový cíl.',
  'goal-repeated': 'Každý cíl se hodnotí jen jednou.',
  'goal-status-transition': 'Cíl nemůže přejít do tohoto stavu.',
  'handover-done': 'Předání už bylo potvrzeno.',
  'handover-note-required':
    'Při změně klíčového pracovníka napište předávací poznámku: co potřebuje nový pracovník vědět.',
  'handover-same-provider':
    'Předání jde jiné organizaci; v rámci vlastní organizace použijte interní doporučení.',
  'handover-wrong-side': 'Předání potvrzuje jen přijímající organizace.',
  'arrangement-contact-not-unnamed':
    'Telefonická domluva bez klienta se odkazuje jen na kontakt s neznámou osobou (ne na klienta ani blízkou osobu).',
  'field-place-town': 'Město terénního místa se uvádí spolu s jeho obvodem (ORP).',
  'field-place-district-mismatch': 'Obvod města terénního místa se liší od obvodu, který je u místa uveden.',
  'help-called-outside-visit':
    'Odborná pomoc se přivolává během návštěvy: čas musí být mezi jejím začátkem a koncem.',
  'help-called-without-help':
    'Kdy a koho pracovník přivolal, se zapisuje, jen když byla odborná pomoc přivolána.',
  'home-visit-address-anonymous': 'Adresa anonymního klienta se nezapisuje (prozradila by, kdo to je).',
  'home-visit-checklist-complete': 'Kontrolní seznam je splněn: návštěvu naplánujte, místo aby se odmítala.',
  'home-visit-refused': 'Návštěva byla odmítnuta a neproběhla; nelze ji uzavřít.',
  'home-visit-checklist-incomplete': 'Domácí návštěvu lze naplánovat jen s úplným kontrolním seznamem.',
  'home-visit-closed': 'Návštěva už je uzavřena.',
  'home-visit-end': 'Konec návštěvy musí být mezi jejím začátkem a teď.',
  'in-future': 'Kontakt nelze zapsat do budoucna.',
  'indicator-required': 'Vyberte ukazatel.',
  'internal-needs-worker': 'Doporučení v rámci vlastní organizace uvádí kolegu, kterému je určeno.',
  'involvement-ended': 'Zapojení této osoby už skončilo.',
  'key-worker-internal-only':
    'Klíčovým pracovníkem se příjemce stává jen u interního doporučení; jiná organizace určí vlastního.',
  'key-worker-listed': 'Klíčový pracovník se neuvádí mezi dalšími pracovníky.',
  'leave-safety':
    'Klient byl v psychóze, suicidální nebo v akutním ohrožení: před uzavřením návštěvy zapište, že byla přivolána odborná pomoc.',
  'needle-exchange-once': 'Výměnu injekčního materiálu zapište jednou za kontakt.',
  'next-review-past': 'Další hodnocení musí být až po tomto.',
  'no-consent': 'Klient nedal souhlas s předáním údajů této organizaci.',
  'not-accepting': 'Služba teď doporučení nepřijímá.',
  'number-range': 'U otázky je nejnižší hodnota vyšší než nejvyšší.',
  'only-coordinator-removes': 'Ostatní účastníky odebírá jen koordinující organizace.',
  'option-codes-repeat': 'Kódy odpovědí se u otázky opakují.',
  'outcome-reason': 'Neúspěšné ukončení potřebuje důvod.',
  'period-required': 'Vyberte období.',
  'phase-date-order': 'Fáze začíná až po předchozí.',
  'phase-in-future': 'Fáze začíná dnes nebo dříve.',
  'phone-wait-exceeded':
    'Pracovník čeká jen stanovenou dobu; pozdější příchod je nedostavení (kontaktní centrum nebo další den).',
  'plan-anonymised': 'Klient byl anonymizován.',
  'plan-closed': 'Plán je uzavřený.',
  'provider-own-view': 'Údaje po organizacích vidí jen každá organizace u sebe.',
  'reason-other-note': 'Důvod „jiný“ potřebuje poznámku.',
  'referral-nothing-shared':
    'Klient nedal souhlas se sdílením žádných údajů s přijímající organizací: doporučení odešlo bez údajů o klientovi.',
  'referral-target-group-not-served': 'Služba nemá klientovu cílovou skupinu mezi svými cílovými skupinami.',
  'fhir-expected-date-required':
    'Stav on-hold (čekací listina) potřebuje očekávané datum v restriction.period.start.',
  'fhir-reason-required': 'Tento stav úkolu (Task) potřebuje důvod ve statusReason (kód Spolu).',
  'fhir-status-not-a-step': 'Na tento stav úkolu (Task) nelze doporučení ve Spolu převést.',
  'fhir-task-focus': 'Úkol (Task) doporučení má jeho identifikátor a jako focus jeho ServiceRequest.',
  'fhir-task-requested': 'Nový úkol (Task) žádá o doporučení: stav requested.',
  'referral-status': 'Doporučení v tomto stavu už tuto změnu nedovoluje.',
  'referral-wrong-side': 'Tento krok dělá druhá strana doporučení.',
  'retention-not-over': 'Skartační lhůta ještě neuplynula.',
  'review-in-future': 'Hodnocení zapište, až proběhne.',
  'same-key-worker': 'Tento pracovník už klíčovým pracovníkem je.',
  'same-phase': 'Klient už v této fázi je.',
  'service-not-own': 'Některé služby nepatří vaší organizaci.',
  'session-in-future': 'Setkání zapište, až proběhne.',
  'shared-care-ended': 'Sdílená péče už skončila.',
  'support-person-not-assignee': 'Blízkou osobu uvádějí jen kroky blízké osoby.',
  'target-date-past': 'Nový cíl potřebuje termín v budoucnosti.',
  'target-group': 'Klient nepatří do cílové skupiny služby.',
  'too-early-for-no-show':
    'Nedostavení lze zapsat až po domluveném čase (u telefonické domluvy po uplynutí čekací doby).',
  'too-many-subscriptions': 'Organizace už má nejvyšší povolený počet odběrů.',
  'unknown-event-type': 'Neznámý typ události.',
  'unknown-field-place': 'Toto místo není mezi terénními místy služby.',
  'unknown-needs-assessment': 'Takové hodnocení potřeb tohoto klienta v této službě není.',
  'unknown-plan-version': 'Taková verze plánu neexistuje.',
  'unknown-goal': 'Tento cíl v plánu není.',
  'unknown-provider': 'Taková organizace v kraji není.',
  'unknown-referral': 'Takové doporučení vaše organizace nemá.',
  'unknown-service': 'Taková služba tu není nebo nepřijímá.',
  'unknown-step': 'Tento krok v plánu není.',
  'unknown-support-person': 'Taková blízká osoba v plánu není.',
  'unsupported-breakdown': 'Tento ukazatel se v takovém členění nevede.',
  'waitlist-date': 'Očekávané datum je v minulosti.',
  'webhook-url-not-allowed': 'Tuto adresu nelze pro webhooky použít (jen veřejná adresa https).',
  'withdrawal-time': 'Odvolání musí být mezi udělením souhlasu a teď.',
  'worker-not-assignee': 'Pracovníka uvádějí jen kroky pracovníka.',
};

export type RuleCode = keyof typeof cs;
export const czechRuleTexts: Readonly<Record<RuleCode, string>> = cs;
export const knownRules = Object.keys(cs);

/** The rule in Czech, or undefined when the code is not a known domain rule. The API needs only
 * Czech (its English is its own wording); the English texts are in rule-texts-english.ts, which
 * only the console bundles. */
export const czechRuleText = (code: string | undefined): string | undefined =>
  code && Object.hasOwn(cs, code) ? cs[code as RuleCode] : undefined;
