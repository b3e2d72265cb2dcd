import type { intake } from '@spolu/contracts';

/** How a client is shown in lists: the name, or the client code of an anonymous client. */
export const clientLabel = (c: intake.Client) =>
  c.identity.kind === 'named' ? c.identity.name : `${c.identity.clientCode} (${c.identity.birthYear})`;
