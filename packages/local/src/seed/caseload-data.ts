// Demo caseload for every seeded service (../shared/seeds 000-004): who the clients are, what a
// contact with them looks like, which needs are mapped and which goals agreed, and where they are
// referred. seed-caseload.ts turns this into months of work through the public API.
//
// FICTITIOUS DATA: every person is invented. Names are common Czech first names and surnames put
// together at random by a seeded generator; any match with a real person is chance. Client codes
// follow the services' own scheme (initials + year of birth + a letter, document 003).
import type { NeedCode, TargetGroup } from '@spolu/contracts';

export const firstNames = {
  male: [
    'Adam',
    'Aleš',
    'David',
    'Filip',
    'Jan',
    'Jaroslav',
    'Jiří',
    'Josef',
    'Kamil',
    'Karel',
    'Libor',
    'Lukáš',
    'Matěj',
    'Michal',
    'Miroslav',
    'Ondřej',
    'Patrik',
    'Pavel',
    'Radek',
    'Richard',
    'Robert',
    'Stanislav',
    'Vladimír',
    'Vojtěch',
    'Zdeněk',
  ],
  female: [
    'Alena',
    'Anna',
    'Dagmar',
    'Denisa',
    'Eva',
    'Hana',
    'Irena',
    'Ivana',
    'Jana',
    'Jaroslava',
    'Kamila',
    'Kateřina',
    'Lenka',
    'Ludmila',
    'Marie',
    'Martina',
    'Michaela',
    'Monika',
    'Nikola',
    'Olga',
    'Radka',
    'Simona',
    'Věra',
    'Vlasta',
    'Zdeňka',
  ],
} as const;

/** [male, female]; none of them is a seeded worker's surname. */
export const surnames: readonly (readonly [string, string])[] = [
  ['Bartoš', 'Bartošová'],
  ['Blažek', 'Blažková'],
  ['Čermák', 'Čermáková'],
  ['Dušek', 'Dušková'],
  ['Fiala', 'Fialová'],
  ['Hrdlička', 'Hrdličková'],
  ['Jelen', 'Jelenová'],
  ['Kadlec', 'Kadlecová'],
  ['Kolář', 'Kolářová'],
  ['Konečný', 'Konečná'],
  ['Kovář', 'Kovářová'],
  ['Kříž', 'Křížová'],
  ['Lorenc', 'Lorencová'],
  ['Malý', 'Malá'],
  ['Matoušek', 'Matoušková'],
  ['Musil', 'Musilová'],
  ['Navrátil', 'Navrátilová'],
  ['Němec', 'Němcová'],
  ['Pokorný', 'Pokorná'],
  ['Polák', 'Poláková'],
  ['Pospíšil', 'Pospíšilová'],
  ['Rybář', 'Rybářová'],
  ['Sládek', 'Sládková'],
  ['Soukup', 'Soukupová'],
  ['Stejskal', 'Stejskalová'],
  ['Štěpánek', 'Štěpánková'],
  ['Tichý', 'Tichá'],
  ['Vaněk', 'Vaňková'],
  ['Vávra', 'Vávrová'],
  ['Vlach', 'Vlachová'],
  ['Wagner', 'Wagnerová'],
  ['Zelenka', 'Zelenková'],
];

/** Goals in the client's own words, by the need they answer. */
export const goalTexts: Partial<Record<NeedCode, string[]>> = {
  'harm-reduction': ['Chci brát jen čisté náčiní a nosit použité zpátky.', 'Chci užívat bezpečněji.'],
  'somatic-health': [
    'Chci si nechat ošetřit nohu a udělat test na žloutenku.',
    'Chci mít praktického lékaře.',
  ],
  'addiction-treatment': ['Chci omezit pervitin a zkusit ambulantní léčbu.', 'Chci se připravit na léčbu.'],
  detox: ['Chci nastoupit na detox.'],
  'mental-health': [
    'Chci mít domluveného psychiatra a brát léky pravidelně.',
    'Chci lépe spát a zvládat úzkost.',
  ],
  'crisis-help': ['Chci zvládnout nejhorší dny po rozchodu.', 'Chci mít plán, co dělat, když se to vrátí.'],
  relationships: ['Chci se znovu domluvit s rodiči.', 'Chci umět říct, co potřebuju.'],
  'family-support': ['Chci, aby rodina věděla, jak mi pomoct.', 'Chci zvládat ranní chystání dětí do školy.'],
  'self-esteem': ['Chci si víc věřit a umět říct ne.'],
  'work-habits': [
    'Chci chodit do dílny třikrát týdně na celý den.',
    'Chci chodit včas a vydržet do konce směny.',
  ],
  'daily-living-skills': ['Chci si sám uvařit a nakoupit na týden.', 'Chci zvládnout jízdu autobusem sám.'],
  'leisure-social-contact': ['Chci mít s kým trávit odpoledne.', 'Chci chodit do klubu aspoň jednou týdně.'],
  employment: ['Chci si najít brigádu na zkrácený úvazek.', 'Chci zkusit chráněné pracovní místo.'],
  education: ['Chci dokončit rekvalifikační kurz.'],
  housing: ['Chci bydlet v nájmu místo na ubytovně.', 'Chci si podat žádost o městský byt.'],
  'finances-debt': [
    'Chci mít přehled o dluzích a splátkový kalendář.',
    'Chci vyjít s penězi do konce měsíce.',
  ],
  legal: ['Chci vědět, co mě čeká u soudu, a mít to sepsané.', 'Chci splnit podmínky probace.'],
  'food-hygiene': ['Chci mít každý den teplé jídlo a možnost se umýt.'],
  'medication-management': ['Chci si sám chystat léky na týden.'],
};

export const stepTexts: Partial<Record<NeedCode, string>> = {
  'harm-reduction': 'Nosit použité jehly v kontejneru při každé výměně.',
  'somatic-health': 'Objednat se k lékaři, pracovník pomůže s telefonátem.',
  'addiction-treatment': 'Přijít na motivační rozhovor do ambulance.',
  detox: 'Vyřídit termín nástupu a doklady.',
  'mental-health': 'Domluvit první termín u psychiatra.',
  'crisis-help': 'Sepsat, co pomáhá, když je nejhůř.',
  relationships: 'Zavolat sestře a domluvit setkání.',
  'family-support': 'Pozvat rodiče na společnou konzultaci.',
  'self-esteem': 'Vyzkoušet si těžký rozhovor na konzultaci.',
  'work-habits': 'Domluvit pevné dny v dílně.',
  'daily-living-skills': 'Sepsat nákupní seznam a nakoupit s pracovníkem.',
  'leisure-social-contact': 'Přijít na středeční skupinu.',
  employment: 'Zjistit nabídky na úřadu práce.',
  education: 'Přihlásit se na kurz.',
  housing: 'Vyplnit žádost o byt.',
  'finances-debt': 'Přinést všechny dopisy od věřitelů.',
  legal: 'Připravit dokumenty na jednání.',
  'food-hygiene': 'Domluvit obědy a hygienický servis.',
  'medication-management': 'Nakoupit dávkovač a chystat léky s pracovnicí.',
};

/** What happens at one contact: the interventions and where. */
export type ContactStyle =
  | 'harm-reduction'
  | 'field'
  | 'counselling'
  | 'crisis'
  | 'workshop'
  | 'home-care'
  | 'family-home'
  | 'clinic'
  | 'residential';

export interface ServiceProfile {
  /** Clients registered directly (walk-ins); referred clients come on top. */
  clients: number;
  /** Share of clients with an anonymous client code (only where the service allows it). */
  anonymous: number;
  ages: readonly [number, number];
  female: number;
  targetGroups?: readonly TargetGroup[];
  /** A first consultation without a contract (000) before any agreement. */
  firstConsultation: number;
  /** Share of clients who make an agreement; the rest stay applicants or anonymous contacts. */
  agreement: number;
  agreementForm: 'oral' | 'written' | 'mixed';
  courtOrdered?: boolean;
  contacts: readonly [number, number];
  /** Days between contacts. */
  every: readonly [number, number];
  style: ContactStyle;
  /** Needs mapped (the service's own ones first). */
  needs: readonly NeedCode[];
  /** Close persons (osoby blízké) served in their own right, over the whole period. */
  closePersons?: number;
  /** Unnamed people met in field work (first contacts), over the whole period. */
  unnamed?: number;
  homeVisits?: number;
  phoneArrangements?: number;
  recovery?: boolean;
  questionnaire?: boolean;
  /** Involve a close person (consent, then the plan's support network). */
  involveClosePerson?: number;
}

const harm = [
  'harm-reduction',
  'somatic-health',
  'addiction-treatment',
  'food-hygiene',
  'family-support',
] as const;

export const profiles: Record<string, ServiceProfile> = {
  // ---- CZ051 Liberecký kraj ----
  'krizove-centrum-liberec/krizova-pomoc': {
    clients: 10,
    anonymous: 0.25,
    ages: [17, 72],
    female: 0.65,
    targetGroups: ['people-in-crisis', 'people-in-crisis', 'domestic-violence-victims'],
    firstConsultation: 1,
    agreement: 0.7,
    agreementForm: 'mixed',
    contacts: [1, 5],
    every: [3, 10],
    style: 'crisis',
    needs: ['crisis-help', 'mental-health', 'relationships', 'self-esteem', 'housing'],
    closePersons: 5,
    involveClosePerson: 0.3,
  },
  'k-centrum-liberec/kontaktni-centrum': {
    clients: 11,
    anonymous: 0.9,
    ages: [16, 52],
    female: 0.3,
    targetGroups: ['substance-users'],
    firstConsultation: 0,
    agreement: 0.4,
    agreementForm: 'oral',
    contacts: [2, 7],
    every: [3, 12],
    style: 'harm-reduction',
    needs: harm,
    closePersons: 4,
    questionnaire: true,
  },
  'k-centrum-liberec/adiktologicka-ambulance': {
    clients: 6,
    anonymous: 0.3,
    ages: [17, 58],
    female: 0.4,
    targetGroups: ['substance-users', 'substance-users', 'close-persons'],
    firstConsultation: 1,
    agreement: 0.85,
    agreementForm: 'written',
    contacts: [2, 5],
    every: [7, 14],
    style: 'clinic',
    needs: ['addiction-treatment', 'mental-health', 'family-support', 'relationships'],
    closePersons: 4,
    involveClosePerson: 0.3,
  },
  'fokus-semily/std': {
    clients: 6,
    anonymous: 0,
    ages: [19, 63],
    female: 0.45,
    firstConsultation: 0.5,
    agreement: 1,
    agreementForm: 'written',
    contacts: [3, 6],
    every: [7, 14],
    style: 'workshop',
    needs: ['work-habits', 'daily-living-skills', 'self-esteem', 'leisure-social-contact', 'employment'],
    involveClosePerson: 0.25,
    recovery: true,
  },
  'fokus-semily/socialni-rehabilitace': {
    clients: 6,
    anonymous: 0,
    ages: [20, 70],
    female: 0.5,
    firstConsultation: 0.5,
    agreement: 1,
    agreementForm: 'written',
    contacts: [3, 6],
    every: [7, 14],
    style: 'home-care',
    needs: [
      'daily-living-skills',
      'medication-management',
      'mental-health',
      'employment',
      'relationships',
      'housing',
    ],
    homeVisits: 4,
    involveClosePerson: 0.3,
    recovery: true,
  },
  'psychiatrie-liberec/detox': {
    clients: 2,
    anonymous: 0,
    ages: [20, 55],
    female: 0.3,
    firstConsultation: 0,
    agreement: 1,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [2, 5],
    style: 'clinic',
    needs: ['detox', 'somatic-health', 'addiction-treatment'],
  },
  'psychiatrie-liberec/detska-psychiatrie': {
    clients: 3,
    anonymous: 0,
    ages: [8, 17],
    female: 0.5,
    targetGroups: ['children-and-youth', 'families-with-children'],
    firstConsultation: 1,
    agreement: 0.5,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 30],
    style: 'clinic',
    needs: ['mental-health', 'family-support', 'crisis-help'],
    closePersons: 3,
  },
  'psychiatrie-liberec/psychiatrie-dospeli': {
    clients: 4,
    anonymous: 0,
    ages: [22, 74],
    female: 0.55,
    targetGroups: ['chronic-mental-illness', 'people-in-crisis'],
    firstConsultation: 1,
    agreement: 0.6,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 28],
    style: 'clinic',
    needs: ['mental-health', 'medication-management'],
  },
  'tk-jizerka/terapeuticka-komunita': {
    clients: 3,
    anonymous: 0,
    ages: [20, 45],
    female: 0.3,
    firstConsultation: 0,
    agreement: 1,
    agreementForm: 'written',
    contacts: [2, 4],
    every: [7, 14],
    style: 'residential',
    needs: ['addiction-treatment', 'work-habits', 'relationships', 'self-esteem'],
    recovery: true,
  },

  // ---- CZ063 Kraj Vysočina ----
  'spektrum-zdar/kontaktni-centrum': {
    clients: 11,
    anonymous: 0.95,
    ages: [16, 50],
    female: 0.3,
    targetGroups: ['substance-users'],
    firstConsultation: 0,
    agreement: 0.35,
    agreementForm: 'oral',
    contacts: [2, 7],
    every: [3, 10],
    style: 'harm-reduction',
    needs: ['harm-reduction', 'somatic-health', 'addiction-treatment', 'legal', 'food-hygiene'],
    closePersons: 6,
  },
  'spektrum-zdar/terenni-program': {
    clients: 10,
    anonymous: 1,
    ages: [17, 55],
    female: 0.3,
    targetGroups: ['substance-users'],
    firstConsultation: 0,
    agreement: 0.25,
    agreementForm: 'oral',
    contacts: [2, 6],
    every: [5, 14],
    style: 'field',
    needs: ['harm-reduction', 'somatic-health', 'addiction-treatment', 'crisis-help'],
    unnamed: 12,
    homeVisits: 3,
    phoneArrangements: 5,
    closePersons: 2,
  },
  'pms-zdar/probace-mediace': {
    clients: 5,
    anonymous: 0,
    ages: [18, 50],
    female: 0.2,
    firstConsultation: 0,
    agreement: 1,
    agreementForm: 'written',
    courtOrdered: true,
    contacts: [2, 5],
    every: [14, 28],
    style: 'counselling',
    needs: ['legal', 'relationships', 'addiction-treatment', 'employment'],
  },
  'poradna-havlickuv-brod/pravni-poradna': {
    clients: 5,
    anonymous: 0.3,
    ages: [20, 70],
    female: 0.5,
    targetGroups: ['socially-excluded', 'families-with-children', 'offenders'],
    firstConsultation: 1,
    agreement: 0.4,
    agreementForm: 'oral',
    contacts: [1, 3],
    every: [7, 21],
    style: 'counselling',
    needs: ['legal', 'finances-debt', 'housing'],
  },
  'poradna-havlickuv-brod/socialni-poradenstvi': {
    clients: 5,
    anonymous: 0.3,
    ages: [22, 80],
    female: 0.6,
    targetGroups: ['socially-excluded', 'families-with-children', 'seniors'],
    firstConsultation: 1,
    agreement: 0.5,
    agreementForm: 'oral',
    contacts: [1, 4],
    every: [7, 21],
    style: 'counselling',
    needs: ['finances-debt', 'housing', 'employment', 'legal'],
  },
  'psychiatrie-havlickuv-brod/detox': {
    clients: 2,
    anonymous: 0,
    ages: [20, 50],
    female: 0.3,
    firstConsultation: 0,
    agreement: 1,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [2, 5],
    style: 'clinic',
    needs: ['detox', 'somatic-health', 'addiction-treatment'],
  },
  'psychiatrie-havlickuv-brod/ambulance': {
    clients: 4,
    anonymous: 0,
    ages: [20, 75],
    female: 0.55,
    targetGroups: ['chronic-mental-illness', 'people-in-crisis'],
    firstConsultation: 1,
    agreement: 0.6,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 28],
    style: 'clinic',
    needs: ['mental-health', 'medication-management', 'addiction-treatment'],
  },

  // ---- CZ072 Zlínský kraj (Otrokovice network, 004) ----
  'senior-otrokovice/domov-pro-seniory': {
    clients: 5,
    anonymous: 0,
    ages: [72, 94],
    female: 0.7,
    firstConsultation: 1,
    agreement: 1,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 30],
    style: 'residential',
    needs: ['housing', 'somatic-health', 'medication-management', 'leisure-social-contact'],
    involveClosePerson: 0.5,
  },
  'senior-otrokovice/zvlastni-rezim': {
    clients: 4,
    anonymous: 0,
    ages: [68, 92],
    female: 0.7,
    targetGroups: ['seniors'],
    firstConsultation: 1,
    agreement: 1,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 30],
    style: 'residential',
    needs: ['housing', 'medication-management', 'mental-health', 'food-hygiene'],
    involveClosePerson: 0.6,
  },
  'senior-otrokovice/pecovatelska-sluzba': {
    clients: 6,
    anonymous: 0,
    ages: [66, 93],
    female: 0.65,
    targetGroups: ['seniors'],
    firstConsultation: 0.5,
    agreement: 1,
    agreementForm: 'written',
    contacts: [2, 6],
    every: [7, 14],
    style: 'home-care',
    needs: ['food-hygiene', 'daily-living-skills', 'somatic-health', 'leisure-social-contact'],
    homeVisits: 3,
  },
  'ds-napajedla/domov-pro-seniory': {
    clients: 4,
    anonymous: 0,
    ages: [70, 95],
    female: 0.7,
    firstConsultation: 1,
    agreement: 1,
    agreementForm: 'written',
    contacts: [1, 3],
    every: [14, 30],
    style: 'residential',
    needs: ['housing', 'somatic-health', 'medication-management', 'leisure-social-contact'],
    involveClosePerson: 0.4,
  },
  'meu-otrokovice/socialni-prace': {
    clients: 8,
    anonymous: 0.15,
    ages: [20, 88],
    female: 0.55,
    targetGroups: ['seniors', 'families-with-children', 'socially-excluded', 'homeless'],
    firstConsultation: 1,
    agreement: 0.5,
    agreementForm: 'oral',
    contacts: [1, 4],
    every: [7, 21],
    style: 'counselling',
    needs: ['housing', 'finances-debt', 'legal', 'family-support', 'crisis-help'],
  },
  'rodina-otrokovice/sas': {
    clients: 5,
    anonymous: 0,
    ages: [21, 44],
    female: 0.8,
    targetGroups: ['families-with-children'],
    firstConsultation: 0.5,
    agreement: 1,
    agreementForm: 'written',
    contacts: [3, 6],
    every: [7, 14],
    style: 'family-home',
    needs: ['family-support', 'finances-debt', 'daily-living-skills', 'education'],
    homeVisits: 4,
  },
  'utociste-otrokovice/azylovy-dum': {
    clients: 4,
    anonymous: 0,
    ages: [19, 42],
    female: 1,
    targetGroups: ['homeless', 'domestic-violence-victims', 'families-with-children'],
    firstConsultation: 0,
    agreement: 1,
    agreementForm: 'written',
    contacts: [2, 5],
    every: [5, 12],
    style: 'crisis',
    needs: ['housing', 'finances-debt', 'family-support', 'crisis-help'],
  },
  'rehabilitace-zlin/socialni-rehabilitace': {
    clients: 5,
    anonymous: 0,
    ages: [21, 60],
    female: 0.45,
    firstConsultation: 0.5,
    agreement: 1,
    agreementForm: 'written',
    contacts: [2, 6],
    every: [7, 14],
    style: 'home-care',
    needs: ['daily-living-skills', 'work-habits', 'employment', 'mental-health', 'self-esteem'],
    homeVisits: 2,
    recovery: true,
  },
};

export type Response =
  | {
      kind: 'accept';
      after: readonly [number, number];
      receive?: boolean;
      start?: readonly [number, number];
      complete?: 'successful' | 'not-successful';
    }
  | {
      kind: 'waitlist';
      after: readonly [number, number];
      wait: readonly [number, number];
      thenAccept?: boolean;
    }
  | {
      kind: 'decline';
      after: readonly [number, number];
      reason:
        | 'no-capacity'
        | 'not-eligible'
        | 'client-refused'
        | 'client-unreachable'
        | 'referred-elsewhere'
        | 'other';
      note?: string;
    }
  | { kind: 'none' }
  | { kind: 'cancel'; after: readonly [number, number] };

export interface ReferralRoute {
  from: string;
  to: string;
  targetGroup: TargetGroup;
  needs: readonly NeedCode[];
  /** One referral per response, from the sender's clients in turn. */
  responses: readonly Response[];
  /** Fields the client agrees to share. */
  share: readonly ('name' | 'birthDate' | 'contact' | 'needs' | 'goal' | 'agreement')[];
}

const accept = (
  a: number,
  b: number,
  start?: [number, number],
  complete?: 'successful' | 'not-successful',
): Response => ({
  kind: 'accept',
  after: [a, b],
  start,
  complete,
});

/** Referrals between the seeded services (001: detox, psychiatry, therapeutic communities,
 * probation, legal advice; 004: the Otrokovice network's follow-up services). */
export const routes: ReferralRoute[] = [
  // CZ051
  {
    from: 'k-centrum-liberec/kontaktni-centrum',
    to: 'psychiatrie-liberec/detox',
    targetGroup: 'substance-users',
    needs: ['detox', 'addiction-treatment'],
    share: ['name', 'birthDate', 'needs'],
    responses: [
      accept(2, 6, [5, 14], 'successful'),
      accept(1, 4, [7, 12]),
      { kind: 'waitlist', after: [1, 3], wait: [10, 20], thenAccept: true },
      { kind: 'decline', after: [1, 3], reason: 'no-capacity' },
      accept(3, 8, [4, 9]),
    ],
  },
  {
    from: 'k-centrum-liberec/adiktologicka-ambulance',
    to: 'tk-jizerka/terapeuticka-komunita',
    targetGroup: 'substance-users',
    needs: ['addiction-treatment'],
    share: ['name', 'birthDate', 'needs', 'goal'],
    responses: [
      { kind: 'waitlist', after: [3, 7], wait: [20, 40], thenAccept: true },
      accept(5, 12, [20, 35]),
      { kind: 'decline', after: [4, 8], reason: 'not-eligible', note: 'Nejprve detoxifikace.' },
    ],
  },
  {
    from: 'krizove-centrum-liberec/krizova-pomoc',
    to: 'psychiatrie-liberec/psychiatrie-dospeli',
    targetGroup: 'people-in-crisis',
    needs: ['mental-health'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      { kind: 'decline', after: [1, 5], reason: 'client-refused' },
      accept(2, 9, [10, 25]),
      accept(5, 12, [14, 30]),
      { kind: 'waitlist', after: [2, 6], wait: [20, 35], thenAccept: true },
      { kind: 'decline', after: [1, 4], reason: 'client-unreachable' },
      accept(3, 8, [7, 20]),
    ],
  },
  {
    from: 'krizove-centrum-liberec/krizova-pomoc',
    to: 'psychiatrie-liberec/detska-psychiatrie',
    targetGroup: 'children-and-youth',
    needs: ['mental-health', 'family-support'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      { kind: 'waitlist', after: [5, 10], wait: [100, 130] },
      { kind: 'decline', after: [3, 9], reason: 'no-capacity' },
      { kind: 'none' },
    ],
  },
  {
    from: 'psychiatrie-liberec/psychiatrie-dospeli',
    to: 'fokus-semily/socialni-rehabilitace',
    targetGroup: 'chronic-mental-illness',
    needs: ['daily-living-skills', 'employment'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      accept(4, 12, [7, 14], 'successful'),
      accept(6, 13, [5, 12]),
      { kind: 'waitlist', after: [5, 10], wait: [14, 28], thenAccept: true },
    ],
  },
  {
    from: 'fokus-semily/socialni-rehabilitace',
    to: 'fokus-semily/std',
    targetGroup: 'chronic-mental-illness',
    needs: ['work-habits'],
    share: ['name', 'birthDate', 'needs', 'goal'],
    responses: [accept(7, 14, [7, 21])],
  },
  {
    from: 'psychiatrie-liberec/detox',
    to: 'tk-jizerka/terapeuticka-komunita',
    targetGroup: 'substance-users',
    needs: ['addiction-treatment'],
    share: ['name', 'birthDate', 'needs'],
    responses: [accept(3, 10, [10, 20])],
  },
  // CZ063
  {
    from: 'spektrum-zdar/kontaktni-centrum',
    to: 'psychiatrie-havlickuv-brod/detox',
    targetGroup: 'substance-users',
    needs: ['detox', 'addiction-treatment'],
    share: ['name', 'birthDate', 'needs'],
    responses: [
      { kind: 'decline', after: [1, 2], reason: 'no-capacity' },
      { kind: 'waitlist', after: [1, 2], wait: [14, 28] },
      accept(2, 6, [6, 14], 'successful'),
      accept(1, 5, [8, 15], 'not-successful'),
      { kind: 'decline', after: [1, 3], reason: 'no-capacity' },
      accept(3, 7, [5, 10]),
      { kind: 'waitlist', after: [2, 4], wait: [10, 20], thenAccept: true },
    ],
  },
  {
    from: 'spektrum-zdar/terenni-program',
    to: 'spektrum-zdar/kontaktni-centrum',
    targetGroup: 'substance-users',
    needs: ['harm-reduction', 'somatic-health'],
    share: ['needs'],
    responses: [accept(0, 2, [0, 3]), accept(1, 3, [1, 4])],
  },
  {
    from: 'spektrum-zdar/kontaktni-centrum',
    to: 'poradna-havlickuv-brod/pravni-poradna',
    targetGroup: 'substance-users',
    needs: ['legal', 'finances-debt'],
    share: ['name', 'contact', 'needs'],
    responses: [
      { kind: 'decline', after: [2, 5], reason: 'no-capacity' },
      accept(2, 8, [3, 10], 'successful'),
      accept(3, 9, [5, 12]),
      { kind: 'decline', after: [2, 5], reason: 'referred-elsewhere' },
    ],
  },
  {
    from: 'pms-zdar/probace-mediace',
    to: 'spektrum-zdar/kontaktni-centrum',
    targetGroup: 'substance-users',
    needs: ['addiction-treatment', 'harm-reduction'],
    share: ['needs'],
    responses: [
      accept(1, 4, [2, 6]),
      { kind: 'decline', after: [2, 5], reason: 'client-refused' },
      accept(2, 5, [3, 8]),
    ],
  },
  {
    from: 'psychiatrie-havlickuv-brod/ambulance',
    to: 'spektrum-zdar/kontaktni-centrum',
    targetGroup: 'substance-users',
    needs: ['addiction-treatment', 'harm-reduction'],
    share: ['needs'],
    responses: [accept(1, 5, [2, 7])],
  },
  {
    from: 'poradna-havlickuv-brod/socialni-poradenstvi',
    to: 'psychiatrie-havlickuv-brod/ambulance',
    targetGroup: 'people-in-crisis',
    needs: ['mental-health'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      { kind: 'waitlist', after: [5, 10], wait: [30, 50], thenAccept: true },
      accept(10, 20, [20, 40]),
      { kind: 'none' },
      { kind: 'cancel', after: [8, 15] },
    ],
  },
  // CZ072
  {
    from: 'meu-otrokovice/socialni-prace',
    to: 'senior-otrokovice/domov-pro-seniory',
    targetGroup: 'seniors',
    needs: ['housing', 'somatic-health'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      { kind: 'waitlist', after: [10, 20], wait: [120, 180] },
      { kind: 'waitlist', after: [7, 21], wait: [40, 70], thenAccept: true },
      { kind: 'decline', after: [10, 25], reason: 'no-capacity' },
    ],
  },
  {
    from: 'meu-otrokovice/socialni-prace',
    to: 'senior-otrokovice/pecovatelska-sluzba',
    targetGroup: 'seniors',
    needs: ['food-hygiene', 'daily-living-skills'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      { kind: 'decline', after: [1, 4], reason: 'client-unreachable' },
      accept(1, 4, [2, 7], 'successful'),
      accept(2, 5, [3, 8]),
      accept(1, 3, [2, 5]),
    ],
  },
  {
    from: 'meu-otrokovice/socialni-prace',
    to: 'utociste-otrokovice/azylovy-dum',
    targetGroup: 'homeless',
    needs: ['housing', 'crisis-help'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      accept(0, 2, [0, 3]),
      { kind: 'decline', after: [0, 2], reason: 'no-capacity' },
      accept(1, 2, [1, 4]),
    ],
  },
  {
    from: 'meu-otrokovice/socialni-prace',
    to: 'rodina-otrokovice/sas',
    targetGroup: 'families-with-children',
    needs: ['family-support', 'finances-debt'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      accept(4, 9, [7, 20], 'successful'),
      { kind: 'waitlist', after: [5, 9], wait: [20, 35], thenAccept: true },
    ],
  },
  {
    from: 'utociste-otrokovice/azylovy-dum',
    to: 'rodina-otrokovice/sas',
    targetGroup: 'families-with-children',
    needs: ['family-support', 'daily-living-skills'],
    share: ['name', 'birthDate', 'contact', 'needs', 'goal'],
    responses: [accept(3, 8, [5, 14]), { kind: 'decline', after: [4, 8], reason: 'no-capacity' }],
  },
  {
    from: 'ds-napajedla/domov-pro-seniory',
    to: 'senior-otrokovice/zvlastni-rezim',
    targetGroup: 'seniors',
    needs: ['mental-health', 'medication-management'],
    share: ['name', 'birthDate', 'needs', 'agreement'],
    responses: [{ kind: 'waitlist', after: [7, 14], wait: [60, 90], thenAccept: true }, { kind: 'none' }],
  },
  {
    from: 'meu-otrokovice/socialni-prace',
    to: 'rehabilitace-zlin/socialni-rehabilitace',
    targetGroup: 'chronic-mental-illness',
    needs: ['daily-living-skills', 'employment'],
    share: ['name', 'birthDate', 'contact', 'needs'],
    responses: [
      {
        kind: 'decline',
        after: [3, 8],
        reason: 'not-eligible',
        note: 'Primárně senior s demencí; doporučujeme domov se zvláštním režimem.',
      },
      accept(5, 12, [7, 14]),
      accept(4, 10, [5, 12], 'successful'),
    ],
  },
];
