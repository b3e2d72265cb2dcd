// The SDK's public surface. `@public`: partners use these; nothing inside the repository has to
// (knip would report them as unused exports otherwise).
/** @public */
export type { components, operations, paths } from './schema';
/** @public */
export type { SpoluApi, SpoluClient, SpoluClientOptions } from './client';
/** @public */
export { createSpoluClient, dataOf } from './client';
/** @public */
export type { ClientCredentialsOptions, ClientCredentialsToken, IssuedToken, TokenSource } from './token';
/** @public */
export { TokenRequestError, clientCredentialsToken } from './token';
/** @public */
export { idempotencyKeyHeader, newIdempotencyKey } from './idempotency';
/** @public */
export { EtagMemory, ifMatch } from './etags';
/** @public */
export type { ProblemBody, ProblemFieldError } from './problem';
/** @public */
export {
  SpoluConflict,
  SpoluPreconditionFailed,
  SpoluProblem,
  SpoluRateLimited,
  SpoluValidationProblem,
  problemFromResponse,
  retryAfterSecondsOf,
} from './problem';
/** @public */
export type { Page, PageFetcher } from './pagination';
/** @public */
export { collectAll, paginate } from './pagination';
/** @public */
export type { WebhookHeaders } from './webhooks';
/** @public */
export { WebhookVerificationError, verifyWebhook } from './webhooks';
