// The contracts' own validation messages in the person's language. The shared zod schemas run in
// the browser say them in English; the catalogue lives in @spolu/contracts
// (contract-message-texts.ts), which the API uses for its Czech answers too.
import { contractMessageText } from '@spolu/contracts';
import type { Locale } from './language';

/** The message in the person's language when it is one of the contracts' own; else unchanged. */
export const localiseContractMessage = (message: string, locale: Locale) =>
  contractMessageText(message, locale) ?? message;
