// Directory seed data for the local runtime (`npm start`) and for tests that want a realistic
// directory. Drawn from the provider documents in ../shared/seeds:
//   000 crisis centre (Krizové centrum), 001 community planning Liberec (K-centrum, gaps such as
//   the ~4-month child psychiatry wait), 002 FOKUS workshops and social rehabilitation,
//   003 Spektrum contact centre and field programme, 004 Otrokovice providers' workshop.
//
// FICTITIOUS DATA: every IČO (8 digits, with a valid mod-11 check digit so a stricter validator
// would still accept them; they are in the 99xxxxxx range but may still collide with a real one by
// chance), every registry id (identifikátor služby, 7 digits, 9xxxxxx), every person's name,
// e-mail (example domains only), phone number, capacity, waiting time and opening hours not stated in
// a document, and every street address except SENIOR Otrokovice (tř. Spojenců 1840, quoted in 004)
// is invented. Organisation names come from the documents where they name one; the follow-up
// partners (detox, psychiatry, therapeutic community, probation, legal advice, family services,
// shelter) are made up. The only real web addresses are FOKUS's pages cited in 002.
//
// Seeding contract: register each provider with `provider` (the platform creates the first
// provider-admin from `firstAdmin`), then each of its `services`, then each of its `workers` with
// `serviceIds` filled in from `serviceKeys` (the ids the service registrations returned).
import type { z } from 'zod';
import type { RegionCode, directory } from '@spolu/contracts';

type ServiceBody = z.input<typeof directory.RegisterServiceBody>;
type OpeningHours = NonNullable<ServiceBody['hours']>;

export interface SeedService {
  /** Stable key, unique across all seed data. */
  key: string;
  body: ServiceBody;
}

export interface SeedWorker {
  /** Stable key, unique across all seed data. */
  key: string;
  /** serviceIds are filled in at seeding time from serviceKeys. */
  body: Omit<z.input<typeof directory.AddWorkerBody>, 'serviceIds'>;
  /** Keys of this provider's services the worker works in. */
  serviceKeys: string[];
}

export interface SeedProvider {
  /** Stable key, unique across all seed data. */
  key: string;
  provider: z.input<typeof directory.RegisterProviderBody>;
  services: SeedService[];
  workers: SeedWorker[];
}

export interface SeedRegion {
  region: RegionCode;
  providers: SeedProvider[];
}

export interface SeedCoordinator {
  key: string;
  name: string;
  email: string;
  region: RegionCode;
}

export interface SeedOpsUser {
  key: string;
  name: string;
  email: string;
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** Same hours every working day (Mon–Fri). */
const monToFri = (opens: string, closes: string): OpeningHours =>
  weekdays.map((day) => ({ day, opens, closes }));

/** Highest age the schema allows; used where a service states no upper age limit. */
const NO_UPPER_AGE = 130;

// ---------------------------------------------------------------------------------------------
// CZ051 Liberecký kraj
// ---------------------------------------------------------------------------------------------

const krizoveCentrumLiberec: SeedProvider = {
  key: 'krizove-centrum-liberec',
  provider: {
    name: 'Krizové centrum Liberec',
    ico: '99051010',
    address: 'Masarykova 120/5, 460 01 Liberec',
    contact: { email: 'info@krizove-centrum-liberec.example', phone: '+420 485 000 110' },
    firstAdmin: { name: 'Helena Vondráčková', email: 'vondrackova@krizove-centrum-liberec.example' },
  },
  services: [
    {
      key: 'krizove-centrum-liberec/krizova-pomoc',
      body: {
        registryId: '9051011',
        name: 'Krizová pomoc – Krizové centrum Liberec',
        type: 's60',
        description:
          'Ambulantní krizová pomoc pro osoby v krizi. Zájemci je poskytnuta první konzultace bez uzavírání ' +
          'kontraktu; při zájmu o další setkání se uzavírá ústní nebo písemná dohoda s osobními cíli ' +
          '(zakázkou). Na každé konzultaci si uživatel volí, na čem chce pracovat. Pověřený pracovník je ' +
          'uveden ve spisu uživatele; se souhlasem uživatele lze zapojit rodinu, blízké osoby a další ' +
          'instituce. Pokud cíl přesahuje možnosti terapeuta, doporučí jiného pracovníka nebo zařízení.',
        targetGroups: ['people-in-crisis', 'close-persons', 'domestic-violence-victims'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        // Hours are not stated in 000; invented.
        hours: [
          ...weekdays.slice(0, 4).map((day) => ({ day, opens: '08:00', closes: '18:00' })),
          { day: 'fri', opens: '08:00', closes: '16:00' },
        ],
        districts: ['liberec'],
        locations: [
          {
            name: 'Krizové centrum Liberec',
            address: 'Masarykova 120/5, 460 01 Liberec',
            district: 'liberec',
          },
        ],
        needCodes: ['crisis-help', 'mental-health', 'relationships', 'family-support', 'self-esteem'],
        contact: { email: 'pomoc@krizove-centrum-liberec.example', phone: '+420 485 000 111' },
        anonymousMode: 'allowed',
        availability: { capacity: 40, waitingDays: 0, acceptingReferrals: true },
        referralResponseDays: 2,
      },
    },
  ],
  workers: [
    {
      key: 'krizove-centrum-liberec/tereza-maresova',
      body: {
        name: 'Tereza Marešová',
        email: 'maresova@krizove-centrum-liberec.example',
        roles: ['key-worker'],
      },
      serviceKeys: ['krizove-centrum-liberec/krizova-pomoc'],
    },
    {
      key: 'krizove-centrum-liberec/ondrej-kalous',
      body: {
        name: 'Ondřej Kalous',
        email: 'kalous@krizove-centrum-liberec.example',
        roles: ['key-worker'],
      },
      serviceKeys: ['krizove-centrum-liberec/krizova-pomoc'],
    },
    {
      key: 'krizove-centrum-liberec/lucie-stara',
      body: { name: 'Lucie Stará', email: 'stara@krizove-centrum-liberec.example', roles: ['worker'] },
      serviceKeys: ['krizove-centrum-liberec/krizova-pomoc'],
    },
  ],
};

const kCentrumLiberec: SeedProvider = {
  key: 'k-centrum-liberec',
  provider: {
    name: 'K-centrum Liberec',
    ico: '99051028',
    address: 'Hálkova 240/12, 460 01 Liberec',
    contact: { email: 'info@k-centrum-liberec.example', phone: '+420 485 000 120' },
    firstAdmin: { name: 'Martin Šolc', email: 'solc@k-centrum-liberec.example' },
  },
  services: [
    {
      key: 'k-centrum-liberec/kontaktni-centrum',
      body: {
        registryId: '9051021',
        name: 'Kontaktní centrum K-centrum Liberec',
        type: 's59',
        description:
          'Nízkoprahové kontaktní centrum pro uživatele návykových látek a jejich blízké: výměnný program, ' +
          'zdravotnický materiál, testování (HIV, HCV, syfilis), hygienický servis, poradenství, motivace ' +
          'k léčbě a zprostředkování návazných služeb. Při prvním kontaktu vstupní (in-come) dotazník: ' +
          'látka, doba a způsob užívání, frekvence, zázemí. Zásadní slovo má vždy klient.',
        targetGroups: ['substance-users', 'close-persons'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('10:00', '18:00'),
        districts: ['liberec'],
        locations: [
          { name: 'K-centrum Liberec', address: 'Hálkova 240/12, 460 01 Liberec', district: 'liberec' },
        ],
        needCodes: [
          'harm-reduction',
          'somatic-health',
          'food-hygiene',
          'addiction-treatment',
          'family-support',
          'finances-debt',
        ],
        contact: { email: 'kc@k-centrum-liberec.example', phone: '+420 485 000 121' },
        anonymousMode: 'allowed',
        availability: { capacity: 60, waitingDays: 0, acceptingReferrals: true },
        referralResponseDays: 3,
      },
    },
    {
      key: 'k-centrum-liberec/adiktologicka-ambulance',
      body: {
        name: 'Adiktologická ambulance K-centra Liberec',
        type: 'health-addiction-clinic',
        description:
          'Ambulantní adiktologická péče: individuální a rodinné poradenství, motivační rozhovory, příprava ' +
          'na detoxifikaci a pobytovou léčbu, práce s osobami blízkými (rodiče, partneři).',
        targetGroups: ['substance-users', 'close-persons'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        hours: [
          { day: 'mon', opens: '12:00', closes: '18:00' },
          { day: 'wed', opens: '12:00', closes: '18:00' },
          { day: 'thu', opens: '08:00', closes: '14:00' },
        ],
        districts: ['liberec', 'jablonec-nad-nisou', 'frydlant'],
        locations: [
          { name: 'K-centrum Liberec', address: 'Hálkova 240/12, 460 01 Liberec', district: 'liberec' },
        ],
        needCodes: ['addiction-treatment', 'mental-health', 'family-support', 'relationships'],
        contact: { email: 'ambulance@k-centrum-liberec.example', phone: '+420 485 000 122' },
        anonymousMode: 'allowed',
        availability: { capacity: 35, waitingDays: 10, acceptingReferrals: true },
        referralResponseDays: 7,
      },
    },
  ],
  workers: [
    {
      key: 'k-centrum-liberec/petra-hajkova',
      body: { name: 'Petra Hájková', email: 'hajkova@k-centrum-liberec.example', roles: ['key-worker'] },
      serviceKeys: ['k-centrum-liberec/kontaktni-centrum', 'k-centrum-liberec/adiktologicka-ambulance'],
    },
    {
      key: 'k-centrum-liberec/jakub-ruzicka',
      body: { name: 'Jakub Růžička', email: 'ruzicka@k-centrum-liberec.example', roles: ['worker'] },
      serviceKeys: ['k-centrum-liberec/kontaktni-centrum'],
    },
    {
      key: 'k-centrum-liberec/klara-bendova',
      body: { name: 'Klára Bendová', email: 'bendova@k-centrum-liberec.example', roles: ['key-worker'] },
      serviceKeys: ['k-centrum-liberec/adiktologicka-ambulance'],
    },
  ],
};

/** Premises of both FOKUS services as described in 002 (same text for both projects). */
const fokusPremises =
  'Pronajaté prostory budovy Libereckého kraje: 9 místností (kuchyňka, odpočinková a relaxační ' +
  'místnost, výtvarná, šicí, svíčkařská a keramická dílna, kancelář, sklad), celkem 200 m², ' +
  'bezbariérové WC, sprcha, WC na každém poschodí, zahrada 2 000 m².';

const fokusTargetGroups: ServiceBody['targetGroups'] = [
  'chronic-mental-illness',
  'mental-disability',
  'combined-disabilities',
];

const fokusSemily: SeedProvider = {
  key: 'fokus-semily',
  provider: {
    name: 'FOKUS – Centrum péče o duševně nemocné a zdravotně postižené',
    ico: '99051036',
    address: 'Husova 15, 513 01 Semily',
    contact: {
      email: 'info@fokus-semily.example',
      phone: '+420 481 000 130',
      web: 'https://www.fokussemily.cz',
    },
    firstAdmin: { name: 'Jana Kostelecká', email: 'kostelecka@fokus-semily.example' },
  },
  services: [
    {
      key: 'fokus-semily/std',
      body: {
        registryId: '9051031',
        name: 'Sociálně terapeutické dílny FOKUS',
        type: 's67',
        description:
          'Dílny (výtvarná, šicí, svíčkařská, keramická, kuchyňka, zahrada) pro rozvoj pracovních návyků ' +
          'a dovedností. Podpisem Smlouvy o poskytování sociální služby se zájemce stává uživatelem; ' +
          'každý klient má klíčového pracovníka, cíle vycházejí z mapování potřeb a jsou průběžně ' +
          'vyhodnocovány. ' +
          fokusPremises,
        targetGroups: fokusTargetGroups,
        ageMin: 15,
        ageMax: 65,
        hours: monToFri('07:30', '15:30'),
        districts: ['jilemnice', 'semily'],
        locations: [
          { name: 'FOKUS Semily – dílny', address: 'Husova 15, 513 01 Semily', district: 'semily' },
          {
            name: 'FOKUS Jilemnice – dílny',
            address: 'Roztocká 120, 514 01 Jilemnice',
            district: 'jilemnice',
          },
        ],
        needCodes: [
          'work-habits',
          'daily-living-skills',
          'self-esteem',
          'leisure-social-contact',
          'relationships',
        ],
        contact: {
          email: 'dilny@fokus-semily.example',
          phone: '+420 481 000 131',
          web: 'https://www.fokussemily.cz/index.php/socialne-terapeuticke-dilny',
        },
        anonymousMode: 'not-allowed',
        availability: { capacity: 18, waitingDays: 21, acceptingReferrals: true },
        referralResponseDays: 14,
      },
    },
    {
      key: 'fokus-semily/socialni-rehabilitace',
      body: {
        registryId: '9051032',
        name: 'Sociální rehabilitace FOKUS',
        type: 's70',
        description:
          'Vede uživatele k životu v běžných podmínkách, k obvyklým sociálním a osobním rolím a k co ' +
          'největší samostatnosti; podpora při hledání smysluplné činnosti a uplatnění na trhu práce. ' +
          'Od 1. 1. 2023 tým pracuje podle přístupu recovery: stabilizace (lékový management, bezpečí), ' +
          're-orientace (psychoedukace, zvládání symptomů, plánování budoucnosti) a re-integrace ' +
          '(vztahy, sociální role, pracovní reintegrace, podpora rodině). ' +
          fokusPremises,
        targetGroups: fokusTargetGroups,
        ageMin: 15,
        ageMax: 75,
        hours: monToFri('07:30', '15:30'),
        districts: ['jilemnice', 'semily', 'zelezny-brod'],
        locations: [
          {
            name: 'FOKUS Semily – sociální rehabilitace',
            address: 'Husova 15, 513 01 Semily',
            district: 'semily',
          },
        ],
        needCodes: [
          'daily-living-skills',
          'self-esteem',
          'work-habits',
          'employment',
          'education',
          'leisure-social-contact',
          'relationships',
          'family-support',
          'mental-health',
          'medication-management',
        ],
        contact: {
          email: 'rehabilitace@fokus-semily.example',
          phone: '+420 481 000 132',
          web: 'https://www.fokussemily.cz/index.php/socialni-rehabilitace',
        },
        anonymousMode: 'not-allowed',
        availability: { capacity: 30, waitingDays: 14, acceptingReferrals: true },
        referralResponseDays: 14,
      },
    },
  ],
  workers: [
    {
      key: 'fokus-semily/pavla-horackova',
      body: { name: 'Pavla Horáčková', email: 'horackova@fokus-semily.example', roles: ['key-worker'] },
      serviceKeys: ['fokus-semily/std'],
    },
    {
      key: 'fokus-semily/vojtech-sykora',
      body: { name: 'Vojtěch Sýkora', email: 'sykora@fokus-semily.example', roles: ['key-worker'] },
      serviceKeys: ['fokus-semily/socialni-rehabilitace'],
    },
    {
      key: 'fokus-semily/marketa-linkova',
      body: {
        name: 'Markéta Linková',
        email: 'linkova@fokus-semily.example',
        roles: ['key-worker', 'provider-admin'],
      },
      serviceKeys: ['fokus-semily/std', 'fokus-semily/socialni-rehabilitace'],
    },
    {
      key: 'fokus-semily/roman-patera',
      body: { name: 'Roman Patera', email: 'patera@fokus-semily.example', roles: ['worker'] },
      serviceKeys: ['fokus-semily/std'],
    },
  ],
};

/** Follow-up health partner (001: Liberec lacks health partners; child psychiatry wait ~4 months). */
const psychiatrieLiberec: SeedProvider = {
  key: 'psychiatrie-liberec',
  provider: {
    name: 'Centrum duševního zdraví a adiktologie Liberec, a. s.',
    ico: '99051044',
    address: 'Husova 357/10, 460 01 Liberec',
    contact: { email: 'info@psychiatrie-liberec.example', phone: '+420 485 000 140' },
    firstAdmin: { name: 'MUDr. Karel Brabec', email: 'brabec@psychiatrie-liberec.example' },
  },
  services: [
    {
      key: 'psychiatrie-liberec/detox',
      body: {
        name: 'Detoxifikační jednotka Liberec',
        type: 'health-detox',
        description: 'Krátkodobá lůžková detoxifikace s návazností na ambulantní a pobytovou léčbu.',
        targetGroups: ['substance-users'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: [
          'liberec',
          'jablonec-nad-nisou',
          'frydlant',
          'tanvald',
          'turnov',
          'ceska-lipa',
          'novy-bor',
        ],
        locations: [
          { name: 'Detoxifikační jednotka', address: 'Husova 357/10, 460 01 Liberec', district: 'liberec' },
        ],
        needCodes: ['detox', 'addiction-treatment', 'somatic-health'],
        contact: { email: 'detox@psychiatrie-liberec.example', phone: '+420 485 000 141' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 10, waitingDays: 14, acceptingReferrals: true },
        referralResponseDays: 5,
      },
    },
    {
      key: 'psychiatrie-liberec/detska-psychiatrie',
      body: {
        name: 'Dětská a dorostová psychiatrická ambulance Liberec',
        type: 'health-psychiatry',
        description:
          'Ambulantní dětská a dorostová psychiatrie. Čekací doba na první vyšetření je kolem čtyř měsíců ' +
          '(dokument 001).',
        targetGroups: ['children-and-youth', 'families-with-children'],
        ageMin: 0,
        ageMax: 18,
        hours: monToFri('07:00', '15:00'),
        districts: ['liberec', 'jablonec-nad-nisou', 'frydlant'],
        locations: [
          {
            name: 'Dětská psychiatrická ambulance',
            address: 'Husova 357/10, 460 01 Liberec',
            district: 'liberec',
          },
        ],
        needCodes: ['mental-health', 'family-support', 'crisis-help'],
        contact: { email: 'detska@psychiatrie-liberec.example', phone: '+420 485 000 142' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 400, waitingDays: 120, acceptingReferrals: true },
        referralResponseDays: 30,
      },
    },
    {
      key: 'psychiatrie-liberec/psychiatrie-dospeli',
      body: {
        name: 'Psychiatrická ambulance pro dospělé Liberec',
        type: 'health-psychiatry',
        description:
          'Ambulantní psychiatrie pro dospělé včetně péče o pacienty po propuštění z psychiatrické nemocnice.',
        targetGroups: ['chronic-mental-illness', 'people-in-crisis', 'substance-users'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('07:00', '15:30'),
        districts: [
          'liberec',
          'jablonec-nad-nisou',
          'frydlant',
          'turnov',
          'semily',
          'jilemnice',
          'zelezny-brod',
        ],
        locations: [
          {
            name: 'Psychiatrická ambulance',
            address: 'Husova 357/10, 460 01 Liberec',
            district: 'liberec',
          },
        ],
        needCodes: ['mental-health', 'medication-management', 'addiction-treatment'],
        contact: { email: 'ambulance@psychiatrie-liberec.example', phone: '+420 485 000 143' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 800, waitingDays: 30, acceptingReferrals: true },
        referralResponseDays: 14,
      },
    },
  ],
  workers: [
    {
      key: 'psychiatrie-liberec/eva-machova',
      body: { name: 'Eva Machová', email: 'machova@psychiatrie-liberec.example', roles: ['worker'] },
      serviceKeys: ['psychiatrie-liberec/detox', 'psychiatrie-liberec/psychiatrie-dospeli'],
    },
    {
      key: 'psychiatrie-liberec/zuzana-kratochvilova',
      body: {
        name: 'Zuzana Kratochvílová',
        email: 'kratochvilova@psychiatrie-liberec.example',
        roles: ['worker'],
      },
      serviceKeys: ['psychiatrie-liberec/detska-psychiatrie'],
    },
  ],
};

/** Follow-up partner: therapeutic community (003 lists therapeutic communities in the follow-up network). */
const tkJizerka: SeedProvider = {
  key: 'tk-jizerka',
  provider: {
    name: 'Jizerka, z. ú.',
    ico: '99051052',
    address: 'Horní Maxov 45, 468 44 Josefův Důl',
    contact: { email: 'info@tk-jizerka.example', phone: '+420 483 000 150' },
    firstAdmin: { name: 'Michal Dvořák', email: 'dvorak@tk-jizerka.example' },
  },
  services: [
    {
      key: 'tk-jizerka/terapeuticka-komunita',
      body: {
        registryId: '9051051',
        name: 'Terapeutická komunita Jizerka',
        type: 's68',
        description:
          'Střednědobá pobytová léčba závislosti (6–12 měsíců) pro abstinující klienty po detoxifikaci; ' +
          'pracovní terapie, skupinová a individuální terapie, příprava na návrat do běžného života.',
        targetGroups: ['substance-users'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: [
          'ceska-lipa',
          'frydlant',
          'jablonec-nad-nisou',
          'jilemnice',
          'liberec',
          'novy-bor',
          'semily',
          'tanvald',
          'turnov',
          'zelezny-brod',
        ],
        locations: [
          {
            name: 'Terapeutická komunita Jizerka',
            address: 'Horní Maxov 45, 468 44 Josefův Důl',
            district: 'tanvald',
          },
        ],
        needCodes: [
          'addiction-treatment',
          'work-habits',
          'daily-living-skills',
          'relationships',
          'self-esteem',
        ],
        contact: { email: 'prijem@tk-jizerka.example', phone: '+420 483 000 151' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 15, waitingDays: 45, acceptingReferrals: true },
        referralResponseDays: 10,
      },
    },
  ],
  workers: [
    {
      key: 'tk-jizerka/alena-sevcikova',
      body: { name: 'Alena Ševčíková', email: 'sevcikova@tk-jizerka.example', roles: ['key-worker'] },
      serviceKeys: ['tk-jizerka/terapeuticka-komunita'],
    },
    {
      key: 'tk-jizerka/filip-benes',
      body: { name: 'Filip Beneš', email: 'benes@tk-jizerka.example', roles: ['worker'] },
      serviceKeys: ['tk-jizerka/terapeuticka-komunita'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// CZ063 Kraj Vysočina
// ---------------------------------------------------------------------------------------------

const spektrum: SeedProvider = {
  key: 'spektrum-zdar',
  provider: {
    name: 'Spektrum – kontaktní a poradenské centrum v oblasti drogové problematiky',
    ico: '99063018',
    address: 'Palackého 30, 591 01 Žďár nad Sázavou',
    contact: { email: 'info@spektrum-zdar.example', phone: '+420 566 000 210' },
    firstAdmin: { name: 'Radka Novotná', email: 'novotna@spektrum-zdar.example' },
  },
  services: [
    {
      key: 'spektrum-zdar/kontaktni-centrum',
      body: {
        registryId: '9063011',
        name: 'Kontaktní centrum Spektrum',
        type: 's59',
        description:
          'Minimalizace škod u uživatelů drog; abstinence není podmínkou spolupráce. Anonymní kontakt, ' +
          'výměnný program, distribuce zdravotnického materiálu, testování (HIV, HCV, syfilis), ' +
          'informace, poradenství, podpora. Bezplatné a anonymní poradenství pro rodiče a blízké lidí, ' +
          'kteří experimentují s návykovými látkami nebo je užívají. Spolupráce s návaznou sítí ' +
          '(psychiatři, detoxifikace, terapeutické komunity, stacionáře, právní poradny, PMS).',
        targetGroups: ['substance-users', 'close-persons'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        // "viz provozní doba" in 003 – the hours themselves are not in the document; invented.
        hours: monToFri('10:00', '17:00'),
        districts: ['zdar-nad-sazavou'],
        locations: [
          {
            name: 'Kontaktní centrum Spektrum',
            address: 'Palackého 30, 591 01 Žďár nad Sázavou',
            district: 'zdar-nad-sazavou',
          },
        ],
        needCodes: [
          'harm-reduction',
          'somatic-health',
          'food-hygiene',
          'addiction-treatment',
          'family-support',
          'legal',
        ],
        contact: { email: 'kc@spektrum-zdar.example', phone: '+420 566 000 211' },
        anonymousMode: 'allowed',
        availability: { capacity: 50, waitingDays: 0, acceptingReferrals: true },
        referralResponseDays: 3,
      },
    },
    {
      key: 'spektrum-zdar/terenni-program',
      body: {
        registryId: '9063012',
        name: 'Terénní program Spektrum',
        type: 's69',
        description:
          'Terénní práce na přirozených místech uživatelů návykových látek v okresech Žďár nad Sázavou a ' +
          'Havlíčkův Brod; výměnný program, informační servis, poradenství. Setkání lze domluvit přes ' +
          'terénní mobil (místo, čas, poznávací znaky, zpětné volání; pracovník čeká max. 15 minut, ' +
          'jinak odkaz na kontaktní centrum nebo výměna další den). Návštěvy v bytě jen po předchozí ' +
          'domluvě se všemi přítomnými; pracovník neodchází od klienta v psychotickém stavu nebo se ' +
          'sebevražednými sklony a přivolá odbornou pomoc.',
        targetGroups: ['substance-users', 'close-persons'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        // Invented: 003 points to a per-town schedule that the document does not include.
        hours: [
          { day: 'mon', opens: '13:00', closes: '18:00' },
          { day: 'tue', opens: '13:00', closes: '18:00' },
          { day: 'wed', opens: '13:00', closes: '18:00' },
          { day: 'thu', opens: '13:00', closes: '18:00' },
          { day: 'fri', opens: '10:00', closes: '15:00' },
        ],
        // Ledeč nad Sázavou lies in ORP Světlá nad Sázavou; Ždírec nad Doubravou lies in ORP Chotěboř.
        districts: [
          'zdar-nad-sazavou',
          'havlickuv-brod',
          'nove-mesto-na-morave',
          'bystrice-nad-pernstejnem',
          'svetla-nad-sazavou',
          'chotebor',
        ],
        locations: [],
        fieldPlaces: [
          'ulice',
          'parky',
          'nádraží',
          'zastávky',
          'náměstí',
          'byty uživatelů (po předchozí domluvě)',
          'Žďár nad Sázavou',
          'Havlíčkův Brod',
          'Nové Město na Moravě',
          'Bystřice nad Pernštejnem',
          'Ledeč nad Sázavou',
          'Světlá nad Sázavou',
          'Ždírec nad Doubravou',
        ],
        // Kinds of place, and each town with its district (ORP): Ledeč nad Sázavou counts in ORP
        // Světlá nad Sázavou, Ždírec nad Doubravou in ORP Chotěboř.
        fieldPlaceDetails: {
          ulice: { kind: 'street' },
          parky: { kind: 'park' },
          nádraží: { kind: 'station' },
          zastávky: { kind: 'stop' },
          náměstí: { kind: 'square' },
          'byty uživatelů (po předchozí domluvě)': { kind: 'client-homes' },
          'Žďár nad Sázavou': { kind: 'town', town: 'Žďár nad Sázavou', district: 'zdar-nad-sazavou' },
          'Havlíčkův Brod': { kind: 'town', town: 'Havlíčkův Brod', district: 'havlickuv-brod' },
          'Nové Město na Moravě': {
            kind: 'town',
            town: 'Nové Město na Moravě',
            district: 'nove-mesto-na-morave',
          },
          'Bystřice nad Pernštejnem': {
            kind: 'town',
            town: 'Bystřice nad Pernštejnem',
            district: 'bystrice-nad-pernstejnem',
          },
          'Ledeč nad Sázavou': { kind: 'town', town: 'Ledeč nad Sázavou', district: 'svetla-nad-sazavou' },
          'Světlá nad Sázavou': { kind: 'town', town: 'Světlá nad Sázavou', district: 'svetla-nad-sazavou' },
          'Ždírec nad Doubravou': { kind: 'town', town: 'Ždírec nad Doubravou', district: 'chotebor' },
        },
        needCodes: [
          'harm-reduction',
          'somatic-health',
          'addiction-treatment',
          'family-support',
          'crisis-help',
        ],
        contact: { email: 'teren@spektrum-zdar.example', phone: '+420 777 000 212' },
        anonymousMode: 'allowed',
        availability: { capacity: 80, waitingDays: 0, acceptingReferrals: true },
        referralResponseDays: 3,
      },
    },
  ],
  workers: [
    {
      key: 'spektrum-zdar/tomas-prochazka',
      body: { name: 'Tomáš Procházka', email: 'prochazka@spektrum-zdar.example', roles: ['key-worker'] },
      serviceKeys: ['spektrum-zdar/kontaktni-centrum', 'spektrum-zdar/terenni-program'],
    },
    {
      key: 'spektrum-zdar/kristyna-vesela',
      body: { name: 'Kristýna Veselá', email: 'vesela@spektrum-zdar.example', roles: ['worker'] },
      serviceKeys: ['spektrum-zdar/terenni-program'],
    },
    {
      key: 'spektrum-zdar/lukas-cerny',
      body: { name: 'Lukáš Černý', email: 'cerny@spektrum-zdar.example', roles: ['worker'] },
      serviceKeys: ['spektrum-zdar/terenni-program'],
    },
    {
      key: 'spektrum-zdar/barbora-kucerova',
      body: { name: 'Barbora Kučerová', email: 'kucerova@spektrum-zdar.example', roles: ['key-worker'] },
      serviceKeys: ['spektrum-zdar/kontaktni-centrum'],
    },
  ],
};

/** Follow-up partner (003: probation and mediation service). */
const pmsZdar: SeedProvider = {
  key: 'pms-zdar',
  provider: {
    name: 'Probační a mediační služba – středisko Žďár nad Sázavou',
    ico: '99063026',
    address: 'Strojírenská 6, 591 01 Žďár nad Sázavou',
    contact: { email: 'zdar@pms-vysocina.example', phone: '+420 566 000 220' },
    firstAdmin: { name: 'Ivana Pokorná', email: 'pokorna@pms-vysocina.example' },
  },
  services: [
    {
      key: 'pms-zdar/probace-mediace',
      body: {
        name: 'Probace a mediace Žďár nad Sázavou',
        type: 'probation-mediation',
        description:
          'Dohled, probační programy, mediace mezi obviněným a poškozeným, podpora při plnění podmínek ' +
          'podmíněného odsouzení (např. léčby závislosti).',
        targetGroups: ['offenders'],
        ageMin: 15,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('08:00', '16:00'),
        districts: ['zdar-nad-sazavou', 'nove-mesto-na-morave', 'bystrice-nad-pernstejnem', 'velke-mezirici'],
        locations: [
          {
            name: 'Středisko PMS Žďár nad Sázavou',
            address: 'Strojírenská 6, 591 01 Žďár nad Sázavou',
            district: 'zdar-nad-sazavou',
          },
        ],
        needCodes: ['legal', 'relationships', 'addiction-treatment'],
        contact: { email: 'zdar@pms-vysocina.example', phone: '+420 566 000 221' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 120, waitingDays: 7, acceptingReferrals: true },
        referralResponseDays: 10,
      },
    },
  ],
  workers: [
    {
      key: 'pms-zdar/jiri-svoboda',
      body: { name: 'Jiří Svoboda', email: 'svoboda@pms-vysocina.example', roles: ['key-worker'] },
      serviceKeys: ['pms-zdar/probace-mediace'],
    },
    {
      key: 'pms-zdar/monika-dolezalova',
      body: { name: 'Monika Doležalová', email: 'dolezalova@pms-vysocina.example', roles: ['worker'] },
      serviceKeys: ['pms-zdar/probace-mediace'],
    },
  ],
};

/** Follow-up partner (003: legal advice). */
const poradnaHavlickuvBrod: SeedProvider = {
  key: 'poradna-havlickuv-brod',
  provider: {
    name: 'Občanská a právní poradna Havlíčkův Brod, z. s.',
    ico: '99063034',
    address: 'Havlíčkovo náměstí 60, 580 01 Havlíčkův Brod',
    contact: { email: 'info@poradna-hb.example', phone: '+420 569 000 230' },
    firstAdmin: { name: 'Mgr. Věra Štěpánková', email: 'stepankova@poradna-hb.example' },
  },
  services: [
    {
      key: 'poradna-havlickuv-brod/pravni-poradna',
      body: {
        name: 'Právní poradna Havlíčkův Brod',
        type: 'legal-advice',
        description: 'Bezplatné právní poradenství: trestní řízení, dluhy a exekuce, bydlení, rodinné právo.',
        targetGroups: ['substance-users', 'offenders', 'socially-excluded', 'families-with-children'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: [
          { day: 'tue', opens: '09:00', closes: '16:00' },
          { day: 'thu', opens: '09:00', closes: '16:00' },
        ],
        districts: ['havlickuv-brod', 'chotebor', 'svetla-nad-sazavou', 'humpolec'],
        locations: [
          {
            name: 'Právní poradna',
            address: 'Havlíčkovo náměstí 60, 580 01 Havlíčkův Brod',
            district: 'havlickuv-brod',
          },
        ],
        needCodes: ['legal', 'finances-debt', 'housing'],
        contact: { email: 'pravni@poradna-hb.example', phone: '+420 569 000 231' },
        anonymousMode: 'allowed',
        availability: { capacity: 30, waitingDays: 10, acceptingReferrals: true },
        referralResponseDays: 7,
      },
    },
    {
      key: 'poradna-havlickuv-brod/socialni-poradenstvi',
      body: {
        registryId: '9063031',
        name: 'Odborné sociální poradenství Havlíčkův Brod',
        type: 's37',
        description: 'Dluhové poradenství, pomoc s dávkami a bydlením, doprovod na úřady.',
        targetGroups: ['socially-excluded', 'families-with-children', 'seniors', 'offenders'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('08:30', '16:00'),
        districts: ['havlickuv-brod', 'chotebor', 'svetla-nad-sazavou'],
        locations: [
          {
            name: 'Občanská poradna',
            address: 'Havlíčkovo náměstí 60, 580 01 Havlíčkův Brod',
            district: 'havlickuv-brod',
          },
        ],
        needCodes: ['finances-debt', 'housing', 'legal', 'employment'],
        contact: { email: 'poradna@poradna-hb.example', phone: '+420 569 000 232' },
        anonymousMode: 'allowed',
        availability: { capacity: 60, waitingDays: 5, acceptingReferrals: true },
        referralResponseDays: 7,
      },
    },
  ],
  workers: [
    {
      key: 'poradna-havlickuv-brod/daniel-kopecky',
      body: { name: 'Mgr. Daniel Kopecký', email: 'kopecky@poradna-hb.example', roles: ['worker'] },
      serviceKeys: ['poradna-havlickuv-brod/pravni-poradna'],
    },
    {
      key: 'poradna-havlickuv-brod/simona-holubova',
      body: { name: 'Simona Holubová', email: 'holubova@poradna-hb.example', roles: ['key-worker'] },
      serviceKeys: ['poradna-havlickuv-brod/socialni-poradenstvi'],
    },
  ],
};

/** Follow-up health partner (003: ambulant psychiatrists, detox programmes). */
const psychiatrieHavlickuvBrod: SeedProvider = {
  key: 'psychiatrie-havlickuv-brod',
  provider: {
    name: 'Psychiatrická a adiktologická ambulance Vysočina, s. r. o.',
    ico: '99063042',
    address: 'Husova 2624, 580 01 Havlíčkův Brod',
    contact: { email: 'info@psychiatrie-vysocina.example', phone: '+420 569 000 240' },
    firstAdmin: { name: 'MUDr. Petr Kolář', email: 'kolar@psychiatrie-vysocina.example' },
  },
  services: [
    {
      key: 'psychiatrie-havlickuv-brod/detox',
      body: {
        name: 'Detoxifikace Havlíčkův Brod',
        type: 'health-detox',
        targetGroups: ['substance-users'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: ['havlickuv-brod', 'zdar-nad-sazavou', 'chotebor', 'svetla-nad-sazavou', 'jihlava'],
        locations: [
          {
            name: 'Detoxifikační jednotka',
            address: 'Husova 2624, 580 01 Havlíčkův Brod',
            district: 'havlickuv-brod',
          },
        ],
        needCodes: ['detox', 'addiction-treatment', 'somatic-health'],
        contact: { email: 'detox@psychiatrie-vysocina.example', phone: '+420 569 000 241' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 12, waitingDays: 10, acceptingReferrals: true },
        referralResponseDays: 5,
      },
    },
    {
      key: 'psychiatrie-havlickuv-brod/ambulance',
      body: {
        name: 'Psychiatrická ambulance Havlíčkův Brod',
        type: 'health-psychiatry',
        targetGroups: ['chronic-mental-illness', 'substance-users', 'people-in-crisis'],
        ageMin: 18,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('07:30', '15:00'),
        districts: ['havlickuv-brod', 'zdar-nad-sazavou', 'chotebor', 'svetla-nad-sazavou'],
        locations: [
          {
            name: 'Psychiatrická ambulance',
            address: 'Husova 2624, 580 01 Havlíčkův Brod',
            district: 'havlickuv-brod',
          },
        ],
        needCodes: ['mental-health', 'medication-management', 'addiction-treatment'],
        contact: { email: 'ambulance@psychiatrie-vysocina.example', phone: '+420 569 000 242' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 600, waitingDays: 45, acceptingReferrals: true },
        referralResponseDays: 14,
      },
    },
  ],
  workers: [
    {
      key: 'psychiatrie-havlickuv-brod/hana-polakova',
      body: { name: 'Hana Poláková', email: 'polakova@psychiatrie-vysocina.example', roles: ['worker'] },
      serviceKeys: ['psychiatrie-havlickuv-brod/detox', 'psychiatrie-havlickuv-brod/ambulance'],
    },
    {
      key: 'psychiatrie-havlickuv-brod/adam-vlcek',
      body: { name: 'Adam Vlček', email: 'vlcek@psychiatrie-vysocina.example', roles: ['worker'] },
      serviceKeys: ['psychiatrie-havlickuv-brod/ambulance'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// CZ072 Zlínský kraj – the Otrokovice network (004). Napajedla lies in ORP Otrokovice.
// ---------------------------------------------------------------------------------------------

const seniorOtrokovice: SeedProvider = {
  key: 'senior-otrokovice',
  provider: {
    name: 'SENIOR Otrokovice',
    ico: '99072017',
    address: 'tř. Spojenců 1840, 765 02 Otrokovice',
    contact: { email: 'info@senior-otrokovice.example', phone: '+420 577 000 310' },
    firstAdmin: { name: 'Ludmila Zapletalová', email: 'zapletalova@senior-otrokovice.example' },
  },
  services: [
    {
      key: 'senior-otrokovice/domov-pro-seniory',
      body: {
        registryId: '9072011',
        name: 'Domov pro seniory SENIOR Otrokovice',
        type: 's49',
        description:
          'Pobytová služba pro seniory se sníženou soběstačností, kteří potřebují pravidelnou pomoc.',
        targetGroups: ['seniors'],
        ageMin: 65,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: ['otrokovice'],
        locations: [
          {
            name: 'SENIOR Otrokovice',
            address: 'tř. Spojenců 1840, 765 02 Otrokovice',
            district: 'otrokovice',
          },
        ],
        needCodes: [
          'housing',
          'food-hygiene',
          'somatic-health',
          'medication-management',
          'leisure-social-contact',
        ],
        contact: { email: 'domov@senior-otrokovice.example', phone: '+420 577 000 311' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 110, waitingDays: 180, acceptingReferrals: true },
        referralResponseDays: 30,
      },
    },
    {
      key: 'senior-otrokovice/zvlastni-rezim',
      body: {
        registryId: '9072012',
        name: 'Domov se zvláštním režimem SENIOR Otrokovice',
        type: 's50',
        description: 'Pobytová služba pro osoby s Alzheimerovou a jinými typy demence.',
        targetGroups: ['seniors', 'chronic-mental-illness'],
        ageMin: 50,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: ['otrokovice'],
        locations: [
          {
            name: 'SENIOR Otrokovice',
            address: 'tř. Spojenců 1840, 765 02 Otrokovice',
            district: 'otrokovice',
          },
        ],
        needCodes: ['housing', 'food-hygiene', 'somatic-health', 'medication-management', 'mental-health'],
        contact: { email: 'domov@senior-otrokovice.example', phone: '+420 577 000 312' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 40, waitingDays: 240, acceptingReferrals: true },
        referralResponseDays: 30,
      },
    },
    {
      key: 'senior-otrokovice/pecovatelska-sluzba',
      body: {
        registryId: '9072013',
        name: 'Pečovatelská služba SENIOR Otrokovice',
        type: 's40',
        description: 'Terénní pomoc v domácnosti: dovoz obědů, hygiena, nákupy, doprovod k lékaři.',
        targetGroups: ['seniors', 'physical-disability'],
        ageMin: 27,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('07:00', '15:30'),
        districts: ['otrokovice'],
        locations: [],
        fieldPlaces: ['Otrokovice', 'Napajedla', 'Tlumačov', 'Žlutava'],
        // Clients' homes in these towns, all in ORP Otrokovice.
        fieldPlaceDetails: {
          Otrokovice: { kind: 'client-homes', town: 'Otrokovice', district: 'otrokovice' },
          Napajedla: { kind: 'client-homes', town: 'Napajedla', district: 'otrokovice' },
          Tlumačov: { kind: 'client-homes', town: 'Tlumačov', district: 'otrokovice' },
          Žlutava: { kind: 'client-homes', town: 'Žlutava', district: 'otrokovice' },
        },
        needCodes: ['food-hygiene', 'daily-living-skills', 'somatic-health', 'leisure-social-contact'],
        contact: { email: 'ps@senior-otrokovice.example', phone: '+420 577 000 313' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 150, waitingDays: 7, acceptingReferrals: true },
        referralResponseDays: 7,
      },
    },
  ],
  workers: [
    {
      key: 'senior-otrokovice/blanka-hruba',
      body: { name: 'Blanka Hrubá', email: 'hruba@senior-otrokovice.example', roles: ['key-worker'] },
      serviceKeys: ['senior-otrokovice/domov-pro-seniory', 'senior-otrokovice/zvlastni-rezim'],
    },
    {
      key: 'senior-otrokovice/stanislav-mlcoch',
      body: { name: 'Stanislav Mlčoch', email: 'mlcoch@senior-otrokovice.example', roles: ['worker'] },
      serviceKeys: ['senior-otrokovice/pecovatelska-sluzba'],
    },
    {
      key: 'senior-otrokovice/irena-sedlackova',
      body: {
        name: 'Irena Sedláčková',
        email: 'sedlackova@senior-otrokovice.example',
        roles: ['key-worker', 'provider-admin'],
      },
      serviceKeys: [
        'senior-otrokovice/domov-pro-seniory',
        'senior-otrokovice/zvlastni-rezim',
        'senior-otrokovice/pecovatelska-sluzba',
      ],
    },
  ],
};

const dsNapajedla: SeedProvider = {
  key: 'ds-napajedla',
  provider: {
    name: 'Domov pro seniory Napajedla',
    ico: '99072025',
    address: 'Komenského 900, 763 61 Napajedla',
    contact: { email: 'info@ds-napajedla.example', phone: '+420 577 000 320' },
    firstAdmin: { name: 'Miroslava Slováková', email: 'slovakova@ds-napajedla.example' },
  },
  services: [
    {
      key: 'ds-napajedla/domov-pro-seniory',
      body: {
        registryId: '9072021',
        name: 'Domov pro seniory Napajedla',
        type: 's49',
        description: 'Celoroční pobytová služba pro seniory, kteří nemohou žít ve vlastní domácnosti.',
        targetGroups: ['seniors'],
        ageMin: 65,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: ['otrokovice'],
        locations: [
          {
            name: 'Domov pro seniory Napajedla',
            address: 'Komenského 900, 763 61 Napajedla',
            district: 'otrokovice',
          },
        ],
        needCodes: [
          'housing',
          'food-hygiene',
          'somatic-health',
          'medication-management',
          'leisure-social-contact',
        ],
        contact: { email: 'prijem@ds-napajedla.example', phone: '+420 577 000 321' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 80, waitingDays: 150, acceptingReferrals: true },
        referralResponseDays: 30,
      },
    },
  ],
  workers: [
    {
      key: 'ds-napajedla/renata-zemanova',
      body: { name: 'Renata Zemanová', email: 'zemanova@ds-napajedla.example', roles: ['key-worker'] },
      serviceKeys: ['ds-napajedla/domov-pro-seniory'],
    },
    {
      key: 'ds-napajedla/josef-urban',
      body: { name: 'Josef Urban', email: 'urban@ds-napajedla.example', roles: ['worker'] },
      serviceKeys: ['ds-napajedla/domov-pro-seniory'],
    },
  ],
};

/** The social department of the municipal office (004). Municipal social work is not a registered
 * service type; modelled here as §37 social counselling, which is the closest type. */
const meuOtrokovice: SeedProvider = {
  key: 'meu-otrokovice',
  provider: {
    name: 'Město Otrokovice – odbor sociálních věcí',
    ico: '99072033',
    address: 'nám. 3. května 1340, 765 02 Otrokovice',
    contact: { email: 'socialni@meu-otrokovice.example', phone: '+420 577 000 330' },
    firstAdmin: { name: 'Mgr. Dana Vaculíková', email: 'vaculikova@meu-otrokovice.example' },
  },
  services: [
    {
      key: 'meu-otrokovice/socialni-prace',
      body: {
        name: 'Sociální práce a poradenství MěÚ Otrokovice',
        type: 's37',
        description:
          'Sociální práce obce: základní sociální poradenství, koordinace služeb pro společné klienty, ' +
          'pomoc v hmotné nouzi, veřejné opatrovnictví. Pořádá setkávání poskytovatelů (workshop ' +
          '„Prostor pro setkání“).',
        targetGroups: [
          'seniors',
          'families-with-children',
          'socially-excluded',
          'homeless',
          'physical-disability',
        ],
        ageMin: 0,
        ageMax: NO_UPPER_AGE,
        hours: [
          { day: 'mon', opens: '08:00', closes: '17:00' },
          { day: 'wed', opens: '08:00', closes: '17:00' },
          { day: 'thu', opens: '08:00', closes: '14:00' },
        ],
        districts: ['otrokovice'],
        locations: [
          {
            name: 'Městský úřad Otrokovice',
            address: 'nám. 3. května 1340, 765 02 Otrokovice',
            district: 'otrokovice',
          },
          {
            name: 'Městský úřad Napajedla',
            address: 'Masarykovo nám. 89, 763 61 Napajedla',
            district: 'otrokovice',
          },
        ],
        needCodes: ['housing', 'finances-debt', 'legal', 'family-support', 'crisis-help'],
        contact: { email: 'socialni@meu-otrokovice.example', phone: '+420 577 000 331' },
        anonymousMode: 'allowed',
        availability: { capacity: 200, waitingDays: 0, acceptingReferrals: true },
        referralResponseDays: 7,
      },
    },
  ],
  workers: [
    {
      key: 'meu-otrokovice/petr-malina',
      body: { name: 'Petr Malina', email: 'malina@meu-otrokovice.example', roles: ['key-worker'] },
      serviceKeys: ['meu-otrokovice/socialni-prace'],
    },
    {
      key: 'meu-otrokovice/sarka-vojtkova',
      body: { name: 'Šárka Vojtková', email: 'vojtkova@meu-otrokovice.example', roles: ['worker'] },
      serviceKeys: ['meu-otrokovice/socialni-prace'],
    },
  ],
};

const rodinaOtrokovice: SeedProvider = {
  key: 'rodina-otrokovice',
  provider: {
    name: 'Rodinné centrum Otrokovice, z. s.',
    ico: '99072041',
    address: 'Školní 1250, 765 02 Otrokovice',
    contact: { email: 'info@rodina-otrokovice.example', phone: '+420 577 000 340' },
    firstAdmin: { name: 'Kateřina Pavlíková', email: 'pavlikova@rodina-otrokovice.example' },
  },
  services: [
    {
      key: 'rodina-otrokovice/sas',
      body: {
        registryId: '9072041',
        name: 'Sociálně aktivizační služba pro rodiny s dětmi Otrokovice',
        type: 's65',
        description:
          'Terénní a ambulantní podpora rodin s dětmi: výchova, péče o domácnost, hospodaření, ' +
          'spolupráce se školou a OSPOD.',
        targetGroups: ['families-with-children', 'children-and-youth', 'socially-excluded'],
        ageMin: 0,
        ageMax: NO_UPPER_AGE,
        hours: monToFri('08:00', '16:30'),
        districts: ['otrokovice', 'zlin'],
        locations: [
          {
            name: 'Rodinné centrum Otrokovice',
            address: 'Školní 1250, 765 02 Otrokovice',
            district: 'otrokovice',
          },
        ],
        fieldPlaces: ['domácnosti klientů', 'Otrokovice', 'Napajedla'],
        fieldPlaceDetails: {
          'domácnosti klientů': { kind: 'client-homes' },
          Otrokovice: { kind: 'town', town: 'Otrokovice', district: 'otrokovice' },
          Napajedla: { kind: 'town', town: 'Napajedla', district: 'otrokovice' },
        },
        needCodes: ['family-support', 'daily-living-skills', 'finances-debt', 'education', 'relationships'],
        contact: { email: 'sas@rodina-otrokovice.example', phone: '+420 577 000 341' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 25, waitingDays: 30, acceptingReferrals: true },
        referralResponseDays: 10,
      },
    },
  ],
  workers: [
    {
      key: 'rodina-otrokovice/veronika-skopalova',
      body: {
        name: 'Veronika Skopalová',
        email: 'skopalova@rodina-otrokovice.example',
        roles: ['key-worker'],
      },
      serviceKeys: ['rodina-otrokovice/sas'],
    },
    {
      key: 'rodina-otrokovice/david-obadal',
      body: { name: 'David Obadal', email: 'obadal@rodina-otrokovice.example', roles: ['key-worker'] },
      serviceKeys: ['rodina-otrokovice/sas'],
    },
  ],
};

const utociste: SeedProvider = {
  key: 'utociste-otrokovice',
  provider: {
    name: 'Útočiště Otrokovice, z. ú.',
    ico: '99072050',
    address: 'Zahradní 466, 765 02 Otrokovice',
    contact: { email: 'info@utociste-otrokovice.example', phone: '+420 577 000 350' },
    firstAdmin: { name: 'Marie Gajdošíková', email: 'gajdosikova@utociste-otrokovice.example' },
  },
  services: [
    {
      key: 'utociste-otrokovice/azylovy-dum',
      body: {
        registryId: '9072051',
        name: 'Azylový dům pro matky s dětmi Otrokovice',
        type: 's57',
        description:
          'Přechodné ubytování a podpora pro matky s dětmi bez přístřeší, včetně obětí domácího násilí.',
        targetGroups: ['homeless', 'families-with-children', 'domestic-violence-victims'],
        ageMin: 0,
        ageMax: NO_UPPER_AGE,
        hours: [],
        districts: ['otrokovice', 'zlin', 'holesov'],
        locations: [
          {
            name: 'Azylový dům Útočiště',
            address: 'Zahradní 466, 765 02 Otrokovice',
            district: 'otrokovice',
          },
        ],
        needCodes: ['housing', 'food-hygiene', 'family-support', 'finances-debt', 'crisis-help'],
        contact: { email: 'azyl@utociste-otrokovice.example', phone: '+420 577 000 351' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 24, waitingDays: 14, acceptingReferrals: true },
        referralResponseDays: 3,
      },
    },
  ],
  workers: [
    {
      key: 'utociste-otrokovice/eliska-fojtikova',
      body: {
        name: 'Eliška Fojtíková',
        email: 'fojtikova@utociste-otrokovice.example',
        roles: ['key-worker'],
      },
      serviceKeys: ['utociste-otrokovice/azylovy-dum'],
    },
    {
      key: 'utociste-otrokovice/milan-horak',
      body: { name: 'Milan Horák', email: 'horak@utociste-otrokovice.example', roles: ['worker'] },
      serviceKeys: ['utociste-otrokovice/azylovy-dum'],
    },
  ],
};

const rehabilitaceZlin: SeedProvider = {
  key: 'rehabilitace-zlin',
  provider: {
    name: 'Cesta k samostatnosti Zlín, o. p. s.',
    ico: '99072068',
    address: 'Tř. Tomáše Bati 3700, 760 01 Zlín',
    contact: { email: 'info@cesta-zlin.example', phone: '+420 577 000 360' },
    firstAdmin: { name: 'Ing. Roman Šimek', email: 'simek@cesta-zlin.example' },
  },
  services: [
    {
      key: 'rehabilitace-zlin/socialni-rehabilitace',
      body: {
        registryId: '9072061',
        name: 'Sociální rehabilitace Zlín a Otrokovice',
        type: 's70',
        description:
          'Nácvik dovedností pro samostatný život a pracovní uplatnění lidí s duševním onemocněním; ' +
          'ambulantně ve Zlíně a terénně v Otrokovicích.',
        targetGroups: ['chronic-mental-illness', 'mental-disability'],
        ageMin: 18,
        ageMax: 64,
        hours: monToFri('08:00', '16:00'),
        districts: ['zlin', 'otrokovice'],
        locations: [
          { name: 'Středisko Zlín', address: 'Tř. Tomáše Bati 3700, 760 01 Zlín', district: 'zlin' },
        ],
        fieldPlaces: ['Otrokovice', 'Napajedla'],
        fieldPlaceDetails: {
          Otrokovice: { kind: 'town', town: 'Otrokovice', district: 'otrokovice' },
          Napajedla: { kind: 'town', town: 'Napajedla', district: 'otrokovice' },
        },
        needCodes: ['daily-living-skills', 'work-habits', 'employment', 'self-esteem', 'mental-health'],
        contact: { email: 'rehabilitace@cesta-zlin.example', phone: '+420 577 000 361' },
        anonymousMode: 'not-allowed',
        availability: { capacity: 35, waitingDays: 20, acceptingReferrals: true },
        referralResponseDays: 14,
      },
    },
  ],
  workers: [
    {
      key: 'rehabilitace-zlin/jitka-mikulova',
      body: { name: 'Jitka Mikulová', email: 'mikulova@cesta-zlin.example', roles: ['key-worker'] },
      serviceKeys: ['rehabilitace-zlin/socialni-rehabilitace'],
    },
    {
      key: 'rehabilitace-zlin/ales-krajca',
      body: { name: 'Aleš Krajča', email: 'krajca@cesta-zlin.example', roles: ['worker'] },
      serviceKeys: ['rehabilitace-zlin/socialni-rehabilitace'],
    },
  ],
};

export const seedRegions: SeedRegion[] = [
  {
    region: 'CZ051',
    providers: [krizoveCentrumLiberec, kCentrumLiberec, fokusSemily, psychiatrieLiberec, tkJizerka],
  },
  {
    region: 'CZ063',
    providers: [spektrum, pmsZdar, poradnaHavlickuvBrod, psychiatrieHavlickuvBrod],
  },
  {
    region: 'CZ072',
    providers: [seniorOtrokovice, dsNapajedla, meuOtrokovice, rodinaOtrokovice, utociste, rehabilitaceZlin],
  },
];

/** One regional coordinator per region (role regional-coordinator; fictitious people). */
export const regionalCoordinators: SeedCoordinator[] = [
  {
    key: 'coordinator-cz051',
    name: 'Simona Jelínková',
    email: 'jelinkova@kraj-lbc.example',
    region: 'CZ051',
  },
  { key: 'coordinator-cz063', name: 'Pavel Kubíček', email: 'kubicek@kr-vysocina.example', region: 'CZ063' },
  {
    key: 'coordinator-cz072',
    name: 'Lenka Machalová',
    email: 'machalova@kr-zlinsky.example',
    region: 'CZ072',
  },
];

/** The platform operations user (role platform-ops; fictitious). */
export const platformOps: SeedOpsUser = { key: 'ops', name: 'Provoz Spolu', email: 'ops@spolu.example' };
