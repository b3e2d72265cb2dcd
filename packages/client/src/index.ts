export type { paths, components, operations } from './schema';
export type { SpoluApi, SpoluClient, SpoluClientOptions } from './client';
export { createSpoluClient, dataOf } from './client';
export type { ClientCredentialsOptions, ClientCredentialsToken, IssuedToken, TokenSource } from './token';
export { TokenRequestError, clientCredentialsToken } from './token';
export { idempotencyKeyHeader, newIdempotencyKey } from './idempotency';
export { EtagMemory, ifMatch } from './etags';
export type { ProblemBody, ProblemFieldError } from './problem';
export {
  SpoluConflict,
  SpoluPreconditionFailed,
  SpoluProblem,
  SpoluRateLimited,
  SpoluValidationProblem,
  problemFromResponse,
  retryAfterSecondsOf,
} from './problem';
export type { Page, PageFetcher } from './pagination';
export { collectAll, paginate } from './pagination';
export type { WebhookHeaders } from './webhooks';
export { WebhookVerificationError, verifyWebhook } from './webhooks';
