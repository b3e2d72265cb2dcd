// What changed between two versions of a plan, as sentences a key worker reads to the client
// ("Přidán krok „…“ k cíli „…“", "Termín revize posunut z … na …"): from the API's field-level
// diff, naming goals, steps and people by their text, never by id or as JSON. Pure, given the
// translator and a date formatter, so a test can read the sentences without a browser.
import type { plans } from '@spolu/contracts';
import type { MessageId } from '../../../i18n/cs';

type Change = plans.FieldChange;
type Plan = plans.Plan;
type Translate = (id: MessageId, values?: Record<string, string>) => string;

export interface ChangeLogContext {
  t: Translate;
  /** An ISO date or date-time as the reader's locale writes it. */
  date: (iso: string) => string;
  /** The plan (its goals and support network): names by id. */
  plan: {
    goals: readonly Pick<Plan['goals'][number], 'id' | 'text'>[];
    supportNetwork: readonly Pick<Plan['supportNetwork'][number], 'id' | 'name'>[];
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown, field = 'text') => (isRecord(v) && typeof v[field] === 'string' ? v[field] : '');
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The known words of a value (goal status, phase, agreement form), else the value itself. */
const wordOf = (t: Translate, prefix: string, value: unknown) => {
  const code = str(value);
  const id = `${prefix}${code}` as MessageId;
  const word = t(id);
  return word === id ? code : word;
};

const sentenceOf = (c: Change, x: ChangeLogContext): string | undefined => {
  const { t, date, plan } = x;
  const [field, id, sub] = c.path.split('.');
  const goalName = (goalId: string) => plan.goals.find((g) => g.id === goalId)?.text ?? '';
  switch (field) {
    case 'overallGoal':
      return t('planLog.overallGoal', { to: str(c.to) });
    case 'goals':
      if (!sub)
        return c.op === 'removed'
          ? t('planLog.goalRemoved', { goal: text(c.from) })
          : t('planLog.goalAdded', { goal: text(c.to) });
      if (sub === 'status')
        return t('planLog.goalStatus', {
          goal: c.label ?? '',
          from: wordOf(t, 'goal.', c.from),
          to: wordOf(t, 'goal.', c.to),
        });
      if (sub === 'targetDate')
        return t('planLog.goalDate', { goal: c.label ?? '', from: date(str(c.from)), to: date(str(c.to)) });
      if (sub === 'text') return t('planLog.goalText', { from: str(c.from), to: str(c.to) });
      if (sub === 'evaluation') return t('planLog.goalEvaluation', { goal: c.label ?? '', text: str(c.to) });
      return undefined; // bookkeeping of the goal (when its status changed, in which version)
    case 'steps': {
      const step = c.label ?? text(c.to ?? c.from);
      if (!sub) {
        const goal = goalName(text(c.to ?? c.from, 'goalId'));
        return c.op === 'removed'
          ? t('planLog.stepRemoved', { step })
          : t('planLog.stepAdded', { step, goal, due: date(text(c.to, 'dueDate')) });
      }
      if (sub === 'done') return t(c.to === true ? 'planLog.stepDone' : 'planLog.stepReopened', { step });
      if (sub === 'dueDate')
        return t('planLog.stepDate', { step, from: date(str(c.from)), to: date(str(c.to)) });
      if (sub === 'text') return t('planLog.stepText', { from: str(c.from), to: str(c.to) });
      return undefined;
    }
    case 'sessions':
      return id && !sub && c.op === 'added'
        ? t('planLog.session', { focus: text(c.to, 'focus'), date: date(text(c.to, 'heldAt')) })
        : undefined;
    case 'reviews':
      return id && !sub && c.op === 'added'
        ? t('planLog.review', { date: date(text(c.to, 'heldAt')) })
        : undefined;
    case 'reviewDates':
      return t(c.op === 'removed' ? 'planLog.reviewDateRemoved' : 'planLog.reviewDateAdded', {
        date: date(str(c.to ?? c.from)),
      });
    case 'supportNetwork': {
      const name = text(c.to ?? c.from, 'name') || (plan.supportNetwork.find((p) => p.id === id)?.name ?? '');
      if (!sub) return t(c.op === 'removed' ? 'planLog.personRemoved' : 'planLog.personAdded', { name });
      return t('planLog.personChanged', { name });
    }
    case 'recoveryPhase':
      return t('planLog.phase', { to: wordOf(t, 'planWork.phase.', c.to) });
    case 'keyWorkerId':
      return t('planLog.keyWorker');
    case 'otherWorkerIds':
      return t(c.op === 'removed' ? 'planLog.workerRemoved' : 'planLog.workerAdded');
    case 'agreementForm':
      return t('planLog.agreementForm', { to: wordOf(t, 'planLog.form.', c.to) });
    case 'closed':
      return c.op === 'added' ? t('planLog.closed') : undefined;
    case 'status':
      return c.to === 'open' ? t('planLog.reopened') : undefined;
    case 'cycle':
      return t('planLog.cycle', { to: String(c.to) });
    case 'handovers':
      return !sub && c.op === 'added' ? t('planLog.handover') : undefined;
    default:
      return undefined; // facts, phase history, needs assessment link: said by the sentences above
  }
};

/** "Termín revize posunut z … na …": a review date removed and another added in one version. */
const movedReviewDate = (changes: Change[], x: ChangeLogContext): string | undefined => {
  const removed = changes.filter((c) => c.path === 'reviewDates' && c.op === 'removed');
  const added = changes.filter((c) => c.path === 'reviewDates' && c.op === 'added');
  if (removed.length !== 1 || added.length !== 1) return undefined;
  return x.t('planLog.reviewDateMoved', {
    from: x.date(str(removed[0]?.from)),
    to: x.date(str(added[0]?.to)),
  });
};

/** The version's changes as sentences, in the diff's order, each said once. */
export const changeLog = (changes: Change[], x: ChangeLogContext): string[] => {
  const moved = movedReviewDate(changes, x);
  const rest = moved ? changes.filter((c) => c.path !== 'reviewDates') : changes;
  const sentences = rest.map((c) => sentenceOf(c, x)).filter((s): s is string => Boolean(s));
  const all = moved ? [moved, ...sentences] : sentences;
  return all.length > 0 ? [...new Set(all)] : [x.t('planLog.other')];
};
