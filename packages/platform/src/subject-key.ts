import { createHmac } from 'node:crypto';

/** Pseudonymous subject key: HMAC-SHA256 of tenant + client id with the region's secret. Stats can
 * count unique clients with it; nobody without the secret can link it back to a client. */
export const subjectKey = (secret: string, tenantId: string, clientId: string) => {
  if (!secret) throw new Error('subject key secret is not configured');
  return createHmac('sha256', secret).update(`${tenantId}:${clientId}`).digest('base64url');
};
