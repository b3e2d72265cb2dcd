// When intake anonymises a client (after the retention period), plans erase every free text of
// that client's plans — in the current plan and in every stored version — and keep the structure
// (dates, statuses, need codes, counts) so history and statistics stay consistent.
import type { plans } from '@spolu/contracts';

type Plan = plans.Plan;
export const erased = '';

export const eraseFreeText = (plan: Plan): Plan => ({
  ...plan,
  overallGoal: null,
  goals: plan.goals.map(({ evaluation: _e, ...g }) => ({ ...g, text: erased })),
  steps: plan.steps.map((s) => ({ ...s, text: erased })),
  sessions: plan.sessions.map(({ outcome: _o, ...s }) => ({ ...s, focus: erased })),
  reviews: plan.reviews.map((r) => ({ ...r, goals: r.goals.map(({ note: _n, ...g }) => g) })),
  supportNetwork: plan.supportNetwork.map(({ contact: _c, ...p }) => ({ ...p, name: erased, role: erased })),
  handovers: plan.handovers.map((h) => ({ ...h, note: erased })),
  anonymised: true,
});
