// DNS rebinding between the check and the connection: the sender judges the addresses a name
// resolves to and then connects to exactly those. Proven with a name that does not resolve at
// all: a request through the pinned agent still reaches the judged address, so no second lookup
// happens; and an address not judged is never reached.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fetch } from 'undici';
import { pinnedAgent, pinnedLookup } from '../src/handlers/pinned-agent';

const server = createServer((req, res) => res.end(`reached ${req.headers.host}`));
let port = 0;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('the pinned connection', () => {
  it('connects to the judged address without asking DNS again (the name itself never resolves)', async () => {
    const agent = pinnedAgent(['127.0.0.1']);
    try {
      const res = await fetch(`http://rebinding.invalid:${port}/hook`, { dispatcher: agent });
      expect(await res.text()).toBe(`reached rebinding.invalid:${port}`);
    } finally {
      await agent.destroy();
    }
  });

  it('does not fall back to another address: a judged address that does not answer fails the send', async () => {
    // 127.0.0.2 is loopback too, but the server listens on 127.0.0.1 only: the name is not
    // re-resolved to an address that would answer.
    const agent = pinnedAgent(['127.0.0.2']);
    try {
      await expect(fetch(`http://localhost:${port}/hook`, { dispatcher: agent })).rejects.toThrow();
    } finally {
      await agent.destroy();
    }
  });

  it('answers both lookup shapes Node asks for (one address, or all of them)', () => {
    const lookup = pinnedLookup(['93.184.216.34', '2001:4860:4860::8888']);
    const one: unknown[] = [];
    lookup('partner.example', {}, (...args) => one.push(...args));
    expect(one).toEqual([null, '93.184.216.34', 4]);
    const all: unknown[] = [];
    lookup('partner.example', { all: true }, (...args) => all.push(...args));
    expect(all).toEqual([
      null,
      [
        { address: '93.184.216.34', family: 4 },
        { address: '2001:4860:4860::8888', family: 6 },
      ],
    ]);
  });
});
