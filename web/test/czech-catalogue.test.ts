// Czech first (issue 21 item 8): every message of the Czech catalogue is Czech. A value equal to
// its English twin is an untranslated string, unless it is a proper name or abbreviation that reads
// the same in both languages, a word Czech shares with English, or only placeholders and signs.
import { describe, expect, it } from '@jest/globals';
import type { MessageId } from '../src/i18n/cs';
import { cs } from '../src/i18n/cs';
import { en } from '../src/i18n/en';

/** Words that are the same in Czech and English: the product's name, test abbreviations, and
 * Czech words spelled like English ones. Not a place for an untranslated sentence. */
const sameInBothLanguages = new Set(['Spolu', 'HIV', 'HCV', 'Test', 'E-mail', 'park', 'Menu', 'min']);

/** What is left of a message to read once its placeholders ({name}, plurals) are gone. */
const words = (message: string) =>
  message
    // {name}, the head of {count, plural, ...} and the plural's keywords; the branches' words stay.
    .replace(/\{\w+\}/g, ' ')
    .replace(/\{\w+,\s*\w+,?/g, ' ')
    .replace(/\b(zero|one|two|few|many|other|=\d+)\s*\{/g, ' ')
    .split(/[^\p{L}-]+/u)
    .filter((w) => /\p{L}/u.test(w));

const untranslated = (id: MessageId) => {
  const czech = cs[id];
  if (czech !== en[id]) return false;
  return words(czech).some((w) => !sameInBothLanguages.has(w));
};

describe('the Czech message catalogue', () => {
  it('has no message left in English', () => {
    const ids = Object.keys(cs) as MessageId[];
    expect(ids.length).toBeGreaterThan(500);
    expect(ids.filter(untranslated).map((id) => `${id}: ${cs[id]}`)).toEqual([]);
  });

  it('notices an English message in the Czech catalogue', () => {
    // The check itself: the same sentence in both catalogues is caught; placeholders alone are not.
    expect(words('The query is not valid.')).toEqual(['The', 'query', 'is', 'not', 'valid']);
    expect(words('{field}: {value}')).toEqual([]);
    expect(words('{count, plural, one {# den} few {# dny} other {# dní}} po termínu')).toEqual([
      'den',
      'dny',
      'dní',
      'po',
      'termínu',
    ]);
  });

  it('reads a network failure in Czech', () => {
    expect(cs['words.network']).toBe('Nelze se spojit se serverem. Zkontrolujte připojení.');
  });
});
