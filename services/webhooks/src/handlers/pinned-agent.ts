// The connection of one webhook send, pinned to the addresses the SSRF check judged. Only the
// sender needs it, so undici (about 550 KB bundled) stays out of the other webhooks functions.
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Agent } from 'undici';

/** A resolver that answers every name with the addresses already judged, never asking DNS again. */
export const pinnedLookup = (addresses: readonly string[]): LookupFunction => {
  const answers = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const first = answers[0];
    if (!first) return callback(new Error('no judged address'), '', 0);
    if (options.all) return callback(null, answers);
    callback(null, first.address, first.family);
  };
};

/** An HTTP agent for one send that connects only to the judged addresses (TLS still checks the
 * certificate against the URL's host name): the check and the connection see the same address. */
export const pinnedAgent = (addresses: readonly string[]) =>
  new Agent({ connect: { lookup: pinnedLookup(addresses) } });
