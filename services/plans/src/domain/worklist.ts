// A key worker's worklist: overdue reviews and steps of their open plans.
import type { plans } from '@spolu/contracts';
import type { z } from 'zod';

type Item = z.infer<typeof plans.WorklistItem>;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const overdue = (plan: plans.Plan, today: string): Item[] => {
  if (plan.status !== 'open') return [];
  const base = { planId: plan.id, clientId: plan.clientId };
  const reviews = plan.reviewDates
    .filter((d) => d < today)
    .map((d) => ({ ...base, kind: 'review' as const, dueDate: d, daysOverdue: daysBetween(d, today) }));
  const steps = plan.steps
    .filter((s) => !s.done && s.dueDate < today)
    .map((s) => ({
      ...base,
      kind: 'step' as const,
      dueDate: s.dueDate,
      daysOverdue: daysBetween(s.dueDate, today),
      goalId: s.goalId,
      stepId: s.id,
    }));
  return [...reviews, ...steps].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
};
