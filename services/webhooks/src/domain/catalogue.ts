// The event catalogue for docs/WEBHOOKS.md, rendered from the contracts (allEvents), so the doc
// cannot drift: test/docs.test.ts compares it, UPDATE_WEBHOOK_DOCS=1 rewrites it.
import type { EventContract } from '@spolu/contracts';
import * as z from 'zod';

export const catalogueStart = '<!-- event-catalogue:start (generated from packages/contracts allEvents) -->';
export const catalogueEnd = '<!-- event-catalogue:end -->';

const fieldsOf = (contract: EventContract): string[] =>
  contract.data instanceof z.ZodObject ? Object.keys(contract.data.shape) : [];

export const renderCatalogue = (events: readonly EventContract[]) =>
  [
    catalogueStart,
    '',
    '| Event type | Version | From | Meaning | `data` fields (besides the envelope ids) |',
    '| --- | --- | --- | --- | --- |',
    ...events.map(
      (e) =>
        `| \`${e.type}\` | ${e.version} | ${e.source} | ${e.description.replace(/\|/g, '\\|')} | ${fieldsOf(e)
          .map((f) => `\`${f}\``)
          .join(', ')} |`,
    ),
    '',
    catalogueEnd,
  ].join('\n');

export const replaceCatalogue = (doc: string, events: readonly EventContract[]) => {
  const start = doc.indexOf(catalogueStart);
  const end = doc.indexOf(catalogueEnd);
  if (start < 0 || end < 0) throw new Error('docs/WEBHOOKS.md has no event-catalogue markers');
  return doc.slice(0, start) + renderCatalogue(events) + doc.slice(end + catalogueEnd.length);
};
