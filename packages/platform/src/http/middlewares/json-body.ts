import { badRequest, payloadTooLarge, unsupportedMediaType } from '../../errors';
import type { ApiMiddleware } from './state';

/** Bodies above this are refused before parsing (API Gateway's own cap is 10 MB). */
export const maxBodyBytes = 256 * 1024;

const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The body as text (decoded from base64 once, kept for signature checks) and as JSON: a JSON
 * media type (415), at most `maxBodyBytes` (413), well-formed (400), without keys that reach a
 * prototype (400). No body: nothing to parse. */
export const jsonBody = (): ApiMiddleware => ({
  name: 'jsonBody',
  before: ({ event, context }) => {
    if (event.body === undefined || event.body === null) return;
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    context.api.bodyText = text;
    if (event.body === '') return;
    if (!jsonMediaType.test(event.headers?.['content-type'] ?? '')) throw unsupportedMediaType();
    if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
    let prototypeKey = false;
    try {
      context.api.json = JSON.parse(text, (key, value: unknown) => {
        if (prototypeKeys.has(key)) prototypeKey = true;
        return value;
      });
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    // No operation takes such a key, and a copy of the object could turn `__proto__` into its
    // prototype: refused here for every route, loose schemas (FHIR resources) included.
    if (prototypeKey) throw badRequest('The body must not have __proto__, constructor or prototype keys.');
  },
});
