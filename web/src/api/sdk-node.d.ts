// The console compiles @spolu/client from its sources (a workspace package), and the SDK's
// partner-only helpers name two things of Node: `node:crypto` (its default Idempotency-Key; the
// console passes its own) and `Buffer` (the client-credentials token and the webhook verification,
// which the console never calls). Only what those sources use is declared here, not Node's types,
// so browser code cannot reach for the rest of Node unnoticed. Goes once the SDK uses the Web
// Crypto API, btoa and Uint8Array instead.
declare module 'node:crypto' {
  export function randomUUID(): string;
}

interface Buffer extends Uint8Array {
  toString(encoding?: 'utf8' | 'base64'): string;
}
declare const Buffer: { from(text: string): Buffer };
