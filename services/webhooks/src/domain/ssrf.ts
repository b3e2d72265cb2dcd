// SSRF guard for partner endpoint URLs. The decision is a pure function over the addresses the
// host name resolved to (every one of them: a name with one public and one private address is
// refused), so it is checked at subscription time and again before every send, and the send then
// connects to exactly the address judged (pinnedAgent in handlers/pinned-agent.ts), so a name cannot
// resolve elsewhere between the check and the connection (DNS rebinding).
//
// Address ranges come from ipaddr.js (its IANA special-purpose tables) rather than our own bit
// arithmetic: only global unicast is public; everything else (private, loopback, link-local incl.
// the cloud metadata endpoint, carrier-grade NAT, multicast, reserved, unique local, and the
// IPv6 forms that carry an IPv4 address inside — mapped, 6to4, Teredo, NAT64) is refused, the
// IPv4-mapped form judged by the IPv4 address it carries. Decimal, octal and hex IPv4 spellings
// (http://2130706433/, http://0x7f.1/) never reach here as such: the WHATWG URL parser turns them
// into the dotted address first.
import ipaddr from 'ipaddr.js';

export type AddressVerdict = 'public' | 'loopback' | 'private';

export const classifyAddress = (ip: string): AddressVerdict => {
  // Only the strict forms a resolver returns: four decimal parts, or RFC 4291 IPv6 (zone dropped).
  const text = ip.split('%')[0] ?? '';
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !(text.includes(':') && ipaddr.IPv6.isValid(text)))
    return 'private'; // not an address at all: never trust it
  const address = ipaddr.process(text); // ::ffff:a.b.c.d becomes a.b.c.d
  const range = address.range();
  if (range === 'loopback') return 'loopback';
  return range === 'unicast' ? 'public' : 'private';
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
