// docs/WEBHOOKS.md lists every deliverable event (regenerate: UPDATE_WEBHOOK_DOCS=1 npx jest
// services/webhooks/test/docs), and the example receiver really verifies signatures.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { allEvents, newId } from '@spolu/contracts';
import { renderCatalogue, replaceCatalogue } from '../src/domain/catalogue';
import { newSecret, signatureHeader, webhookHeaders } from '../src/domain/signing';
import { deliverableTypes } from '../src/handlers/common';

/** The event contracts (with descriptions and data) of every event a partner may subscribe to. */
const deliverableEvents = () => allEvents.filter((e) => deliverableTypes().has(e.type));

const root = join(import.meta.dirname, '..', '..', '..');
const docPath = join(root, 'docs', 'WEBHOOKS.md');

describe('docs/WEBHOOKS.md', () => {
  it('has the event catalogue of every event in allEvents (other services)', () => {
    const doc = readFileSync(docPath, 'utf8');
    if (process.env.UPDATE_WEBHOOK_DOCS === '1')
      writeFileSync(docPath, replaceCatalogue(doc, deliverableEvents()));
    const current = readFileSync(docPath, 'utf8');
    for (const e of deliverableEvents()) expect(current).toContain(`| \`${e.type}\` |`);
    expect(current).toContain(renderCatalogue(deliverableEvents()));
  });

  it('the example receiver accepts a signed message, dedupes it and refuses a forged one', async () => {
    const mod = (await import(join(root, 'docs', 'examples', 'webhook-receiver.mjs'))) as {
      createReceiver: (o: { secrets: string[]; onEvent: (e: unknown) => void }) => Server;
    };
    const secret = newSecret();
    const got: unknown[] = [];
    const server = mod.createReceiver({ secrets: [secret], onEvent: (e) => void got.push(e) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const body = JSON.stringify({ type: 'webhook.ping', timestamp: new Date().toISOString(), data: {} });
    const id = newId();
    const at = new Date();
    const post = (signature: string) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...webhookHeaders(id, at, signature) },
      });
    try {
      expect((await post(signatureHeader([{ secret }], id, at, body))).status).toBe(204);
      expect((await post(signatureHeader([{ secret }], id, at, body))).status).toBe(204);
      expect(got).toHaveLength(1);
      expect((await post(signatureHeader([{ secret: newSecret() }], id, at, body))).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
