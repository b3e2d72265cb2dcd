// Client search (issue 21): field workers type names without accents and in any case, so both the
// query and the client are compared in a normal form. Pure; the list route filters with it.
import type { intake } from '@spolu/contracts';

/** The form both sides are compared in: accents removed (NFD, combining marks dropped), lower
 * case by Czech rules, runs of white space as one space, trimmed. "  BENEŠ  Jan" → "benes jan". */
export const normalise = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('cs').replace(/\s+/g, ' ').trim();

/** The words of a name: split at spaces and at hyphens and other punctuation ("Nováková-Dvořáková"
 * has two), each normalised. */
const nameWords = (name: string) =>
  normalise(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const birthYearOf = (identity: intake.Identity) =>
  identity.kind === 'named' ? identity.birthDate.slice(0, 4) : String(identity.birthYear);

/** Whether one word of the query matches the client: it begins a word of the name, or it is the
 * whole client code (case and accents aside), or it is a 4-digit year equal to the birth year. */
const wordMatches = (client: intake.Client, word: string, names: string[]) => {
  const { identity } = client;
  if (/^\d{4}$/.test(word) && birthYearOf(identity) === word) return true;
  if (identity.kind === 'anonymous' && normalise(identity.clientCode) === word) return true;
  return names.some((n) => n.startsWith(word));
};

/** Whether the client matches the search: every word of `q` must match (see wordMatches). An empty
 * query matches everyone. */
export const clientMatches = (client: intake.Client, q: string): boolean => {
  const words = normalise(q).split(' ').filter(Boolean);
  const names = client.identity.kind === 'named' ? nameWords(client.identity.name) : [];
  return words.every((w) => wordMatches(client, w, names));
};
