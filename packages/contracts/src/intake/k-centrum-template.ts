// The K-centrum in-come questionnaire (document 001: "jak dlouho berou drogy, jakým způsobem,
// jak často, z jakých je klient poměrů"). Seeded for K-centrum's contact centre; any service can
// start from it. Data in the public template shape, so it is validated like any other template.
import type * as z from 'zod';
import type { TemplateFields } from './schemas';

export const kCentrumIncomeTemplate: z.input<typeof TemplateFields> = {
  name: 'Vstupní (in-come) dotazník K-centra',
  description: 'Látka, doba a způsob užívání, frekvence, zázemí a bydlení. Zásadní slovo má vždy klient.',
  questions: [
    {
      code: 'substances',
      label: 'Užívané látky',
      type: 'multi-choice',
      options: [
        { code: 'pervitin', label: 'Pervitin (metamfetamin)' },
        { code: 'heroin', label: 'Heroin' },
        { code: 'opioid-substitution', label: 'Substituční opioidy (buprenorfin, metadon)' },
        { code: 'cannabis', label: 'Konopné látky' },
        { code: 'alcohol', label: 'Alkohol' },
        { code: 'cocaine', label: 'Kokain' },
        { code: 'medication', label: 'Léky (benzodiazepiny a jiné)' },
        { code: 'new-psychoactive', label: 'Nové psychoaktivní látky' },
        { code: 'other', label: 'Jiné' },
      ],
    },
    {
      code: 'primary-substance',
      label: 'Hlavní (primární) droga',
      type: 'single-choice',
      options: [
        { code: 'pervitin', label: 'Pervitin (metamfetamin)' },
        { code: 'heroin', label: 'Heroin' },
        { code: 'opioid-substitution', label: 'Substituční opioidy' },
        { code: 'cannabis', label: 'Konopné látky' },
        { code: 'alcohol', label: 'Alkohol' },
        { code: 'other', label: 'Jiná' },
      ],
    },
    { code: 'duration-of-use', label: 'Jak dlouho látku užívá', type: 'duration' },
    {
      code: 'route-of-use',
      label: 'Způsob aplikace',
      type: 'single-choice',
      options: [
        { code: 'injecting', label: 'Nitrožilně (i.v.)' },
        { code: 'sniffing', label: 'Šňupání' },
        { code: 'smoking', label: 'Kouření / inhalace' },
        { code: 'oral', label: 'Ústy' },
        { code: 'other', label: 'Jinak' },
      ],
    },
    {
      code: 'frequency',
      label: 'Jak často',
      type: 'single-choice',
      options: [
        { code: 'daily', label: 'Denně' },
        { code: 'weekly', label: 'Několikrát týdně' },
        { code: 'monthly', label: 'Několikrát měsíčně' },
        { code: 'occasionally', label: 'Příležitostně' },
        { code: 'abstinent', label: 'Nyní abstinuje' },
      ],
    },
    {
      code: 'age-at-first-use',
      label: 'Věk prvního užití',
      type: 'number',
      min: 5,
      max: 90,
      integer: true,
      unit: 'let',
      required: false,
    },
    {
      code: 'living-situation',
      label: 'Bydlení',
      type: 'single-choice',
      options: [
        { code: 'own-flat', label: 'Vlastní / nájemní byt' },
        { code: 'with-parents', label: 'U rodičů' },
        { code: 'with-partner-friends', label: 'U partnera / přátel' },
        { code: 'hostel', label: 'Ubytovna, azylový dům' },
        { code: 'homeless', label: 'Bez přístřeší' },
      ],
    },
    {
      code: 'background',
      label: 'Zázemí (z jakých je klient poměrů)',
      type: 'multi-choice',
      required: false,
      options: [
        { code: 'family-support', label: 'Má podporu rodiny' },
        { code: 'employed', label: 'Zaměstnán/a' },
        { code: 'student', label: 'Student/ka' },
        { code: 'unemployed', label: 'Bez práce' },
        { code: 'debts', label: 'Dluhy' },
        { code: 'criminal-proceedings', label: 'Trestní řízení / probace' },
        { code: 'children', label: 'Pečuje o děti' },
      ],
    },
    {
      code: 'client-request',
      label: 'Co klient od služby chce (vlastními slovy)',
      type: 'text',
      maxLength: 2000,
      required: false,
    },
  ],
};
