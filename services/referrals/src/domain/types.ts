import type { intake } from '@spolu/contracts';
export type { referrals } from '@spolu/contracts';
export type ShareableFieldName = (typeof intake.ShareableField.options)[number];
