// The regional coordinator's screens (issue 21 item 9): indicators, gaps and the cooperation map.
// The indicator definitions and the gaps explanation come from the stats API in English only; the
// console words them here (the API's own text stays the source of truth for the formula).
export const csCoordinator = {
  'coordinator.periodHint':
    'Měsíc (2026-11), čtvrtletí (2026-Q3) nebo rok (2026); použije se klávesou Enter.',
  'coordinator.tableRegion': 'Tabulka ukazatele (posouvatelná do stran)',
  'coordinator.gapsRegion': 'Tabulka mezer v síti služeb (posouvatelná do stran)',
  'coordinator.hidden': 'skryto',
  'coordinator.hiddenWhy': 'skryto (malý počet)',
  'coordinator.hiddenLegend': '„skryto“ = hodnota je skrytá kvůli ochraně osob (malý počet), nejde o nulu.',
  'coordinator.hiddenChart':
    'Šrafovaný pruh se slovem „skryto“ = skrytá hodnota (malý počet); jeho délka nic neznamená.',
  'coordinator.hiddenEdge': 'Tečkovaná čára v mapě = počet je skrytý (malý počet).',
  'coordinator.chartAlt':
    'Graf: {name}. Stejné hodnoty jsou v tabulce výše; skryté hodnoty graf ukazuje jako šrafovaný pruh se slovem „skryto“.',
  'coordinator.when': 'Do období patří podle data: {when}.',
  'coordinator.gapsDefinition':
    'Poptávka: počet různých klientů, u kterých byla v období zmapována daná potřeba (podle potřeby, ORP, cílové skupiny a věkové skupiny). Nabídka: aktivní služby, které potřebu uvádějí, působí v ORP, slouží cílové skupině a jejich věkové rozmezí zahrnuje aspoň jeden věk skupiny. „Chybí služba“ = žádná taková služba není; „přetížené“ = všechny takové služby mají zavřený příjem doporučení nebo čekají aspoň {days} dní. Poptávka se zveřejňuje stejně jako tabulky kraje (šum nejvýš ±2, skrytá pod prahem {threshold} nebo tam, kde mají ostatní poskytovatelé než největší méně osob než práh).',
  'coordinator.formula.clients':
    'Počet různých klientů s aspoň jednou událostí v období a buňce (registrace, první konzultace, dohoda, mapování potřeb, kontakt, ukončená návštěva). Každý klient se v buňce počítá jednou; buňky se mezi sebou nesčítají. Pohlaví je známé jen z registrace, proto rozpad podle pohlaví počítá klienty registrované v období.',
  'coordinator.formula.new-clients': 'Počet registrací klientů (jedna na registraci).',
  'coordinator.formula.first-contacts': 'Počet uskutečněných prvních konzultací.',
  'coordinator.formula.agreements': 'Počet uzavřených dohod (ústních i písemných).',
  'coordinator.formula.contacts':
    'Počet zapsaných kontaktů všech druhů (s klientem, s nejmenovaným, s osobou blízkou).',
  'coordinator.formula.close-persons-served': 'Počet kontaktů s osobou blízkou (obsloužená sama za sebe).',
  'coordinator.formula.interventions':
    'Počet výkonů podle typu (poradenství, krizová intervence, informace, materiál, test, výměna jehel…); každý výkon kontaktu se počítá jednou. Vydané a přijaté jehly a testy podle druhu jsou samostatné ukazatele.',
  'coordinator.formula.needles-given': 'Součet vydaných jehel ve výkonech výměnného programu.',
  'coordinator.formula.needles-returned': 'Součet přijatých jehel ve výkonech výměnného programu.',
  'coordinator.formula.tests-performed':
    'Počet výkonů testování podle druhu testu (HIV, HCV, syfilis). Výsledky testů nikdy neopouštějí příjem.',
  'coordinator.formula.needs-assessed':
    'Počet různých klientů, u kterých mapování potřeb v období uvedlo danou potřebu (s jinou prioritou než žádnou).',
  'coordinator.formula.needs-met':
    'Počet různých klientů s potřebou navázanou na cíl, který se v období stal aktivním, nebo na doporučení přijaté v období.',
  'coordinator.formula.needs-unmet':
    'Počet různých klientů s potřebou doporučení, které bylo v období odmítnuto pro nedostatek kapacity, zařazeno do pořadníku nebo vypršelo. Potřeby, pro které v ORP žádná služba pro cílovou skupinu není, ukazuje přehled mezer (chybí služba).',
  'coordinator.formula.goals-achieved':
    'Počet změn stavu cíle na dosažený nebo částečně dosažený. Cíl navázaný na více potřeb se v součtech počítá jednou a pod každou svou potřebou jednou.',
  'coordinator.formula.goals-not-achieved':
    'Počet změn stavu cíle na nedosažený nebo opuštěný (potřeby se počítají stejně jako u dosažených cílů).',
  'coordinator.formula.referrals-sent': 'Počet odeslaných doporučení; poskytovatel = odesílatel.',
  'coordinator.formula.referrals-accepted': 'Počet přijatých doporučení; poskytovatel = příjemce.',
  'coordinator.formula.referrals-declined':
    'Počet odmítnutých doporučení podle kódu důvodu; poskytovatel = příjemce.',
  'coordinator.formula.wait-sent-to-accepted':
    'Hodnota = přijatá doporučení; medián a 90. percentil celých dní od odeslání do přijetí (z histogramu: dny 0–60 přesně, pak po týdnech do 182, pak po 30 dnech; uvádí se horní mez skupiny).',
  'coordinator.formula.wait-sent-to-started':
    'Hodnota = zahájená doporučení; medián a 90. percentil celých dní od odeslání do zahájení péče (stejný histogram jako výše).',
  'coordinator.formula.recovery-transitions':
    'Počet změn fáze zotavení podle fáze, do které klient vstoupil (stabilizace, přeorientování, znovuzačlenění); nastavení první fáze se počítá jako vstup do ní.',
  'coordinator.when.clients': 'každé události (její vlastní datum, jinak čas události)',
  'coordinator.when.new-clients': 'registrace',
  'coordinator.when.first-contacts': 'konání konzultace',
  'coordinator.when.agreements': 'uzavření dohody',
  'coordinator.when.contacts': 'kontaktu',
  'coordinator.when.close-persons-served': 'kontaktu',
  'coordinator.when.interventions': 'kontaktu',
  'coordinator.when.needles-given': 'kontaktu',
  'coordinator.when.needles-returned': 'kontaktu',
  'coordinator.when.tests-performed': 'kontaktu',
  'coordinator.when.needs-assessed': 'mapování potřeb',
  'coordinator.when.needs-met': 'aktivace cíle nebo přijetí doporučení',
  'coordinator.when.needs-unmet': 'odmítnutí, zařazení do pořadníku nebo vypršení',
  'coordinator.when.goals-achieved': 'změny stavu',
  'coordinator.when.goals-not-achieved': 'změny stavu',
  'coordinator.when.referrals-sent': 'odeslání',
  'coordinator.when.referrals-accepted': 'přijetí',
  'coordinator.when.referrals-declined': 'odmítnutí',
  'coordinator.when.wait-sent-to-accepted': 'přijetí',
  'coordinator.when.wait-sent-to-started': 'zahájení',
  'coordinator.when.recovery-transitions': 'změny fáze (její datum „od“)',
};

export const enCoordinator: Record<keyof typeof csCoordinator, string> = {
  'coordinator.periodHint': 'A month (2026-11), quarter (2026-Q3) or year (2026); Enter applies it.',
  'coordinator.tableRegion': 'Indicator table (scrolls sideways)',
  'coordinator.gapsRegion': 'Gaps in the service network (scrolls sideways)',
  'coordinator.hidden': 'hidden',
  'coordinator.hiddenWhy': 'hidden (small count)',
  'coordinator.hiddenLegend':
    '"hidden" = the value is hidden to protect people (a small count); it is not zero.',
  'coordinator.hiddenChart':
    'A hatched bar with the word "hidden" = a hidden value (a small count); its length means nothing.',
  'coordinator.hiddenEdge': 'A dotted line in the map = the count is hidden (a small count).',
  'coordinator.chartAlt':
    'Chart: {name}. The same values are in the table above; hidden values are drawn as a hatched bar with the word "hidden".',
  'coordinator.when': 'The period is set by the date of: {when}.',
  'coordinator.gapsDefinition':
    'Demand: unique clients with the need assessed in the period (by need, district, target group and age band). Supply: active services listing the need, serving the district and the target group, whose age range includes at least one age of the band. "Missing" = no such service; "overloaded" = every such service is closed to referrals or waits at least {days} days. Demand is published as the region tables are (noise of at most ±2, hidden below the threshold of {threshold} or where the providers other than the largest have fewer than the threshold).',
  'coordinator.formula.clients':
    'Number of distinct clients with at least one event in the period and cell (registration, first consultation, agreement, needs assessment, contact, closed home visit). Each client is counted once per cell; cells are never summed across each other. Sex is known only from registration, so the sex breakdown counts clients registered in the period.',
  'coordinator.formula.new-clients': 'Number of client registrations (one per registration).',
  'coordinator.formula.first-contacts': 'Number of first consultations held.',
  'coordinator.formula.agreements': 'Number of agreements made (oral or written).',
  'coordinator.formula.contacts': 'Number of recorded contacts of any kind (client, unnamed, close person).',
  'coordinator.formula.close-persons-served':
    'Number of contacts with a close person (served in their own right).',
  'coordinator.formula.interventions':
    'Number of interventions by type (counselling, crisis intervention, information, material, test, needle exchange, ...); each intervention of a contact counts once. Needles given and returned and tests by kind are their own indicators.',
  'coordinator.formula.needles-given': 'Sum of needles given over needle-exchange interventions.',
  'coordinator.formula.needles-returned': 'Sum of needles returned over needle-exchange interventions.',
  'coordinator.formula.tests-performed':
    'Number of test interventions by test kind (HIV, HCV, syphilis). Results never leave intake.',
  'coordinator.formula.needs-assessed':
    'Number of distinct clients with the need among the needs (priority other than none) of a needs assessment in the period.',
  'coordinator.formula.needs-met':
    'Distinct clients with a need linked to a goal that became active in the period, or to a referral accepted in the period.',
  'coordinator.formula.needs-unmet':
    'Distinct clients with a need of a referral that was declined for no capacity, waitlisted or expired in the period. Needs with no service at all for the target group in the district are in the gaps report (missing).',
  'coordinator.formula.goals-achieved':
    'Number of goal status changes to achieved or partly achieved. A goal linked to several needs counts once in the totals and once under each of its needs.',
  'coordinator.formula.goals-not-achieved':
    'Number of goal status changes to not achieved or dropped (same need rule as goals achieved).',
  'coordinator.formula.referrals-sent': 'Number of referrals sent; provider = the sender.',
  'coordinator.formula.referrals-accepted': 'Number of referrals accepted; provider = the receiver.',
  'coordinator.formula.referrals-declined':
    'Number of referrals declined, by reason code; provider = the receiver.',
  'coordinator.formula.wait-sent-to-accepted':
    'Value = referrals accepted; median and p90 of whole days from sending to acceptance (from a histogram: days 0-60 exact, then weekly to 182, then 30-day buckets; reported as the bucket upper bound).',
  'coordinator.formula.wait-sent-to-started':
    'Value = referrals started; median and p90 of whole days from sending to the start of care (same histogram as above).',
  'coordinator.formula.recovery-transitions':
    'Number of recovery-phase changes, by the phase entered (stabilisation, re-orientation, re-integration); setting the first phase counts as entering it.',
  'coordinator.when.clients': 'each event (its own date, else the event time)',
  'coordinator.when.new-clients': 'the registration',
  'coordinator.when.first-contacts': 'the consultation',
  'coordinator.when.agreements': 'the agreement',
  'coordinator.when.contacts': 'the contact',
  'coordinator.when.close-persons-served': 'the contact',
  'coordinator.when.interventions': 'the contact',
  'coordinator.when.needles-given': 'the contact',
  'coordinator.when.needles-returned': 'the contact',
  'coordinator.when.tests-performed': 'the contact',
  'coordinator.when.needs-assessed': 'the assessment',
  'coordinator.when.needs-met': 'the goal becoming active or the acceptance',
  'coordinator.when.needs-unmet': 'the decline, waitlisting or expiry',
  'coordinator.when.goals-achieved': 'the status change',
  'coordinator.when.goals-not-achieved': 'the status change',
  'coordinator.when.referrals-sent': 'sending',
  'coordinator.when.referrals-accepted': 'acceptance',
  'coordinator.when.referrals-declined': 'the decline',
  'coordinator.when.wait-sent-to-accepted': 'acceptance',
  'coordinator.when.wait-sent-to-started': 'the start',
  'coordinator.when.recovery-transitions': 'the change (its since date)',
};
