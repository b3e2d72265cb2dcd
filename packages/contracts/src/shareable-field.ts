// The fields of a client's record a referral consent may let the sender share, and a share
// package may carry: intake records the consent, referrals keeps the package. In a module of its
// own so the referral functions do not bundle intake's schemas for one enum.
import * as z from 'zod';

export const ShareableField = z.enum([
  'name',
  'birthDate',
  'contact',
  'district',
  'ageBand',
  'sex',
  'goal',
  'needs',
  'questionnaire',
  'contacts',
  'testResults',
  'agreement',
]);
export type ShareableField = z.infer<typeof ShareableField>;
