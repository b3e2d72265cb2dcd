import { preconditionFailed, preconditionRequired } from '../../errors';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** The version in an ETag as this API writes it (`"3"`, or weak `W/"3"`). */
const versionOfEtag = (value: string) => {
  const match = /^(?:W\/)?"(\d+)"$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
};

/** On routes that change a versioned record: the version the caller loaded, from If-Match
 * (428 without it, 412 when it is not one of our ETags). Other routes see version 0. */
export const ifMatch = (): ApiMiddleware => ({
  name: 'ifMatch',
  before: ({ event, context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    context.api.ifMatch = 0;
    if (!route.requiresIfMatch) return;
    const header = event.headers?.['if-match'];
    if (!header) throw preconditionRequired();
    const version = versionOfEtag(header);
    if (version === undefined) throw preconditionFailed();
    context.api.ifMatch = version;
  },
});
