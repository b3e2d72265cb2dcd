// SSRF guard for partner endpoint URLs. The decision is a pure function over the addresses the
// host name resolved to (every one of them: a name with one public and one private address is
// refused), so it is checked at subscription time and again before every send (DNS rebinding).
import { isIP } from 'node:net';

export type AddressVerdict = 'public' | 'loopback' | 'private';

const ipv4Parts = (ip: string) => ip.split('.').map(Number) as [number, number, number, number];

const classifyV4 = (ip: string): AddressVerdict => {
  const [a, b] = ipv4Parts(ip);
  if (a === 127) return 'loopback';
  if (a === 10) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'private'; // link-local, incl. the cloud metadata endpoint
  if (a === 0) return 'private'; // "this network"; 0.0.0.0 reaches the local host
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  if (a >= 224) return 'private'; // multicast and reserved
  return 'public';
};

/** Expands an IPv6 address into its eight 16-bit groups (handles `::` and a dotted IPv4 tail). */
const ipv6Groups = (ip: string): number[] => {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = ipv4Parts(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - h.length - t.length).fill(0);
  return [...h, ...fill, ...t];
};

const classifyV6 = (ip: string): AddressVerdict => {
  const g = ipv6Groups(ip);
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const allZeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUntil(7) && g7 === 1) return 'loopback'; // ::1
  if (allZeroUntil(8)) return 'private'; // ::
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses: judge the embedded IPv4.
  if (allZeroUntil(5) && (g5 === 0xffff || g5 === 0)) {
    const v4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
    return classifyV4(v4);
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'private'; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'private'; // multicast
  return 'public';
};

export const classifyAddress = (ip: string): AddressVerdict => {
  const family = isIP(ip);
  if (family === 4) return classifyV4(ip);
  if (family === 6) return classifyV6(ip);
  return 'private'; // not an address at all: never trust it
};

export interface UrlPolicy {
  /** Local runtime only (env.settings.WEBHOOKS_ALLOW_LOOPBACK): loopback targets over http or https. */
  allowLoopback: boolean;
}

export type UrlVerdict = { ok: true } | { ok: false; reason: string };

/** Judges a URL and the addresses its host resolved to. */
export const judgeEndpoint = (url: URL, addresses: readonly string[], policy: UrlPolicy): UrlVerdict => {
  if (url.username || url.password) return { ok: false, reason: 'the URL must not carry credentials' };
  if (addresses.length === 0) return { ok: false, reason: 'the host name does not resolve' };
  const verdicts = addresses.map(classifyAddress);
  const allLoopback = verdicts.every((v) => v === 'loopback');
  if (policy.allowLoopback && allLoopback) {
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? { ok: true }
      : { ok: false, reason: 'the URL must be http(s)' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'the URL must use https' };
  if (verdicts.some((v) => v !== 'public'))
    return { ok: false, reason: 'the host resolves to a private, loopback or link-local address' };
  return { ok: true };
};
