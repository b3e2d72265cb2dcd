// Field-level diff between two versions of a plan. Arrays of records with an `id` are compared by
// id (so adding a goal is one `added` change, not a shifted list); other arrays by position.
import type { plans } from '@spolu/contracts';

type FieldChange = plans.FieldChange;
type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (a: Json[]) => a.every((x) => isRecord(x) && typeof x.id === 'string');
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

const walk = (a: Json, b: Json, path: string, out: FieldChange[]) => {
  if (Object.is(a, b)) return;
  if (a === undefined) return void out.push({ path, op: 'added', to: b });
  if (b === undefined) return void out.push({ path, op: 'removed', from: a });
  if (Array.isArray(a) && Array.isArray(b)) {
    if (hasIds(a) && hasIds(b)) {
      const byId = (xs: Json[]) => new Map(xs.map((x) => [(x as { id: string }).id, x]));
      const [left, right] = [byId(a), byId(b)];
      for (const [id, x] of left) walk(x, right.get(id), join(path, id), out);
      for (const [id, y] of right) if (!left.has(id)) walk(undefined, y, join(path, id), out);
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], join(path, k), out);
    return;
  }
  out.push({ path, op: 'changed', from: a, to: b });
};

/** Every changed leaf (or added/removed subtree) between `a` and `b`, in document order. */
export const diff = (a: Json, b: Json): FieldChange[] => {
  const out: FieldChange[] = [];
  walk(a, b, '', out);
  return out;
};
