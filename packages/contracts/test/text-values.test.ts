// The shared string primitives (values.ts): what a name and free text refuse (docs/LIMITS.md), with
// the contracts' own message for each, and that the schemas using them inherit it.
import { describe, expect, it } from '@jest/globals';
import {
  ContractMessages as M,
  contractMessageText,
  directory,
  intake,
  Name,
  plans,
  referrals,
  Text,
} from '@spolu/contracts';
import type * as z from 'zod';

const messagesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

/** Characters refused in every text, with the message that names the reason. */
const refusedEverywhere: [string, string, string][] = [
  ['U+0085 next line (C1)', '\u0085', M.controlCharacters],
  ['U+009B control sequence introducer (C1)', '\u009B', M.controlCharacters],
  ['U+0080 (first C1)', '\u0080', M.controlCharacters],
  ['U+009F (last C1)', '\u009F', M.controlCharacters],
  ['U+0007 bell (C0)', '\u0007', M.controlCharacters],
  ['U+202A left-to-right embedding', '\u202A', M.invisibleCharacters],
  ['U+202E right-to-left override', '\u202E', M.invisibleCharacters],
  ['U+2066 left-to-right isolate', '\u2066', M.invisibleCharacters],
  ['U+2069 pop directional isolate', '\u2069', M.invisibleCharacters],
  ['U+200B zero-width space', '\u200B', M.invisibleCharacters],
  ['U+200C zero-width non-joiner', '\u200C', M.invisibleCharacters],
  ['U+200D zero-width joiner', '\u200D', M.invisibleCharacters],
  ['U+2060 word joiner', '\u2060', M.invisibleCharacters],
  ['U+FEFF zero-width no-break space', '\uFEFF', M.invisibleCharacters],
  ['U+2028 line separator', '\u2028', M.invisibleCharacters],
  ['U+2029 paragraph separator', '\u2029', M.invisibleCharacters],
];

describe('Text (free text)', () => {
  it.each(refusedEverywhere)('refuses %s inside the text', (_what, character, message) => {
    expect(messagesOf(Text(100), `Klient si přeje${character} pomoc`)).toEqual([message]);
  });

  it('keeps tabs and line breaks', () => {
    const note = 'První řádek\nDruhý řádek\r\nOdrážka:\tbydlení';
    expect(Text(100).parse(note)).toBe(note);
  });

  it('keeps Czech letters and the bidi marks U+200E/U+200F (direction of neutral characters only)', () => {
    expect(Text(100).parse('Žluťoučký kůň \u200Eúpěl\u200F')).toBe('Žluťoučký kůň \u200Eúpěl\u200F');
  });
});

describe('Name', () => {
  it.each(refusedEverywhere)('refuses %s', (_what, character, message) => {
    expect(messagesOf(Name(100), `Jana${character}Nováková`)).toEqual([message]);
  });

  it.each([
    ['a tab', '\t'],
    ['a newline', '\n'],
    ['a carriage return', '\r'],
  ])('refuses %s inside a name', (_what, character) => {
    expect(messagesOf(Name(100), `Jana${character}Nováková`)).toEqual([M.nameOneLine]);
  });

  it('takes an ordinary Czech name, trimmed', () => {
    expect(Name(100).parse('  Jana Nováková-Dvořáková ')).toBe('Jana Nováková-Dvořáková');
  });

  it('the messages have Czech and English words', () => {
    for (const message of [M.invisibleCharacters, M.nameOneLine, M.controlCharacters]) {
      expect(contractMessageText(message, 'cs')).toMatch(/[ěščřžýáíéůú]/);
      expect(contractMessageText(message, 'en')).toBeTruthy();
    }
  });
});

describe("a questionnaire's text answer", () => {
  it('is free text: keeps line breaks, refuses a bidi override and a C1 control', () => {
    expect(intake.Answer.parse('řádek\nřádek')).toBe('řádek\nřádek');
    expect(messagesOf(intake.Answer, 'chci \u202Eléčbu')).toEqual([M.invisibleCharacters]);
    expect(messagesOf(intake.Answer, 'chci\u0085léčbu')).toEqual([M.controlCharacters]);
  });
});

describe('schemas inherit the rules', () => {
  const spoofed = 'Jan \u202Eávoň';

  it("a client's name refuses a bidi override and a line break", () => {
    const identity = {
      kind: 'named',
      name: 'Jana Nováková',
      birthDate: '1990-05-01',
      district: 'semily',
    };
    expect(intake.NamedIdentity.safeParse(identity).success).toBe(true);
    expect(messagesOf(intake.NamedIdentity, { ...identity, name: spoofed })).toEqual([M.invisibleCharacters]);
    expect(messagesOf(intake.NamedIdentity, { ...identity, name: 'Jana\nNováková' })).toEqual([
      M.nameOneLine,
    ]);
  });

  it('a close person, a support person, a referred client and a provider are names', () => {
    expect(messagesOf(intake.InvolvedParty, { name: 'Eva\tNová', relation: 'matka' })).toEqual([
      M.nameOneLine,
    ]);
    expect(
      messagesOf(plans.AddSupportPersonBody, {
        agreedWithClient: true,
        kind: 'family',
        name: spoofed,
        role: 'sestra',
      }),
    ).toContain(M.invisibleCharacters);
    expect(messagesOf(referrals.ClientDataInput, { name: 'Jan\u0085Novák' })).toEqual([M.controlCharacters]);
    expect(
      messagesOf(directory.ProviderFields, { name: 'Spektrum\u200B', ico: '12345678', address: 'Liberec' }),
    ).toEqual([M.invisibleCharacters]);
  });
});
