// Advisory answers of a referral (packages/contracts/src/warnings.ts): writes the rules allow but a
// worker should look at twice. The referral is created or sent all the same; the console shows the
// warning in the person's language (rule-texts.ts) and asks before sending an empty package.
import type { Warning } from '@spolu/contracts';
import type { referrals } from './types';

/** A referral to a service whose target groups do not include the client's. */
export const draftWarnings = (
  service: Pick<referrals.ServiceView, 'name' | 'targetGroups'>,
  draft: Pick<referrals.Referral, 'targetGroup'>,
): Warning[] =>
  service.targetGroups.includes(draft.targetGroup)
    ? []
    : [
        {
          code: 'referral-target-group-not-served',
          detail: `${service.name} serves ${service.targetGroups.join(', ')}, not ${draft.targetGroup}`,
        },
      ];

/** A referral sent without any client data: the client consented to share nothing with the
 * receiving provider (or the sender supplied none), so the receiver gets codes and bands only. */
export const sendWarnings = (sharedFields: readonly string[]): Warning[] =>
  sharedFields.length > 0
    ? []
    : [
        {
          code: 'referral-nothing-shared',
          detail:
            'no client data was shared: the client has not consented to share any field with the receiving provider',
        },
      ];

/** The answer's `warnings`, left out when there is none (never stored with the referral). */
export const withWarnings = <T extends object>(body: T, warnings: Warning[]) =>
  warnings.length > 0 ? { ...body, warnings } : body;
