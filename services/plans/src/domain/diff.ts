// Field-level diff between two versions of a plan, for a person reading what changed. List items
// are matched by their id (or the goal they review), never by position, so adding, removing or
// reordering one item is one change and not a shifted list; lists of plain values (dates, need
// codes) are compared as sets. Version bookkeeping (version, updatedAt, changedBy) is left out:
// the version list already says who changed the plan and when. Goals and steps are named by their
// text (`label`) so a reader does not have to resolve ids.
import type { plans } from '@spolu/contracts';

type FieldChange = plans.FieldChange;
type Json = unknown;

/** Top-level fields every version changes: not a change of content. */
const bookkeeping = new Set(['version', 'updatedAt', 'changedBy', 'agreedWithClient']);

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The key that identifies a list item across versions: its id, else the goal it is about. */
const itemKey = (x: Json): string | undefined => {
  if (!isRecord(x)) return undefined;
  if (typeof x.id === 'string') return x.id;
  if (typeof x.goalId === 'string') return x.goalId;
  return undefined;
};
const isPlain = (x: Json) => x === null || typeof x !== 'object';

/** Labels by id: the text of each goal and step in either version (the newer text wins). */
type Labels = Map<string, string>;
const collectLabels = (plan: Json, labels: Labels) => {
  if (!isRecord(plan)) return;
  for (const list of [plan.goals, plan.steps])
    if (Array.isArray(list))
      for (const item of list)
        if (isRecord(item) && typeof item.id === 'string' && typeof item.text === 'string')
          labels.set(item.id, item.text);
};

const walk = (
  a: Json,
  b: Json,
  path: string,
  label: string | undefined,
  labels: Labels,
  out: FieldChange[],
) => {
  const push = (change: FieldChange) => out.push(label === undefined ? change : { ...change, label });
  if (Object.is(a, b)) return;
  if (a === undefined) return void push({ path, op: 'added', to: b });
  if (b === undefined) return void push({ path, op: 'removed', from: a });
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = [...a, ...b].every((x) => itemKey(x) !== undefined);
    if (keyed) {
      const byKey = (xs: Json[]) => new Map(xs.map((x) => [itemKey(x)!, x]));
      const [left, right] = [byKey(a), byKey(b)];
      const keys = [...left.keys(), ...[...right.keys()].filter((k) => !left.has(k))];
      for (const k of keys)
        walk(left.get(k), right.get(k), join(path, k), labels.get(k) ?? label, labels, out);
      return;
    }
    if ([...a, ...b].every(isPlain)) {
      const [left, right] = [new Set(a), new Set(b)];
      for (const x of a) if (!right.has(x)) push({ path, op: 'removed', from: x });
      for (const y of b) if (!left.has(y)) push({ path, op: 'added', to: y });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, label, labels, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      if (path === '' && bookkeeping.has(k)) continue;
      walk(a[k], b[k], join(path, k), label, labels, out);
    }
    return;
  }
  push({ path, op: 'changed', from: a, to: b });
};

/** Every changed leaf (or added/removed subtree) between `a` and `b`, in document order; a change
 * inside a goal or step (or about one, like a review's entry for a goal) carries its text. */
export const diff = (a: Json, b: Json): FieldChange[] => {
  const labels: Labels = new Map();
  collectLabels(a, labels);
  collectLabels(b, labels);
  const out: FieldChange[] = [];
  walk(a, b, '', undefined, labels, out);
  return out;
};
