// DNS rebinding between the check and the connection: the sender judges the addresses a name
// resolves to and then connects to exactly those. Proven with a name that does not resolve at
// all: a send still reaches the judged address, so no second lookup happens; and an address not
// judged is never reached. Also: redirects are not followed, and a slow receiver is cut off.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pinnedLookup, pinnedPost } from '../src/handlers/pinned-agent';

const reached: { host?: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    reached.push({ host: req.headers.host, body });
    if (req.url === '/moved') return res.writeHead(307, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 1_000).unref();
    res.writeHead(429, { 'retry-after': '7' }).end('slow down');
  });
});
let port = 0;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

const post = (url: string, addresses: string[], timeoutMs = 5_000) =>
  pinnedPost({ url, addresses, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs });

describe('the pinned connection', () => {
  it('connects to the judged address without asking DNS again (the name itself never resolves)', async () => {
    reached.length = 0;
    const res = await post(`http://rebinding.invalid:${port}/hook`, ['127.0.0.1']);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(reached).toEqual([{ host: `rebinding.invalid:${port}`, body: '{"a":1}' }]);
  });

  it('does not fall back to another address: a judged address that does not answer fails the send', async () => {
    // 127.0.0.2 is loopback too, but the server listens on 127.0.0.1 only: the name is not
    // re-resolved to an address that would answer.
    reached.length = 0;
    await expect(post(`http://localhost:${port}/hook`, ['127.0.0.2'])).rejects.toThrow();
    expect(reached).toEqual([]);
  });

  it('does not follow a redirect (it could point past the address check)', async () => {
    const res = await post(`http://partner.invalid:${port}/moved`, ['127.0.0.1']);
    expect(res.status).toBe(307);
  });

  it('cuts off a receiver slower than the timeout, as a TimeoutError', async () => {
    await expect(post(`http://partner.invalid:${port}/slow`, ['127.0.0.1'], 200)).rejects.toMatchObject({
      name: 'TimeoutError',
    });
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
