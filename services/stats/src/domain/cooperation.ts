// The cooperation map (mapa spolupráce, documents 001 and 004): providers as nodes, referrals
// (directed, sender -> receiver) and shared care (undirected pairs) as weighted edges per period.
// Edge weights are published as the region tables' counts are (cell-key.ts: noise of at most ±2,
// hidden below the threshold); a node total is the sum of its published referral edges, shown only
// when none of them is hidden, so it says nothing the edges do not. An edge is listed only with a
// published weight (as a table's row only with a published total): a listed hidden edge would say
// "at least 1", and across periods (three hidden months of a hidden quarter, each at least 1, sum
// at most 6) that forces a month's weight into 1 … 4 — the disclosure auditor found it. An edge is
// known exactly to its two providers and to no other, so the insider rule has nothing to add. The old per-table
// rule (exact weights, secondary suppression across the edges) stays for the auditor's own test.
import { cellKeyOf, publishCount } from './cell-key';
import { suppressGrid } from './suppression';

export const cooperationOf = (
  cells: Map<string, Record<string, unknown>>,
  threshold: number,
  disclosure: 'cell-key' | 'per-table' = 'cell-key',
) => {
  const edges = [...cells.entries()]
    .filter(([id]) => id.startsWith('edge#'))
    .map(([id, item]) => {
      const [kind, from, to] = id.slice('edge#'.length).split('|') as [
        'referral' | 'shared-care',
        string,
        string,
      ];
      return {
        from,
        to,
        kind,
        n: typeof item.n === 'number' ? item.n : 0,
        k: typeof item.k === 'number' ? item.k : 0,
      };
    })
    .filter((e) => e.n > 0)
    .sort((a, b) => `${a.kind}|${a.from}|${a.to}`.localeCompare(`${b.kind}|${b.from}|${b.to}`));
  const perTable = suppressGrid([edges.map((e) => e.n)], threshold)[0] ?? [];
  const weights = edges.map((e, i) =>
    disclosure === 'per-table'
      ? perTable[i]
        ? null
        : e.n
      : publishCount(e.n, cellKeyOf(e.k), threshold).value,
  );
  const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const total = (id: string, side: 'from' | 'to') => {
    const own = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'referral' && e[side] === id);
    return own.some(({ i }) => weights[i] === null) ? null : own.reduce((a, { i }) => a + weights[i]!, 0);
  };
  return {
    nodes: ids.map((id) => ({ id, referralsSent: total(id, 'from'), referralsReceived: total(id, 'to') })),
    edges: edges
      .map((e, i) => ({
        from: e.from,
        to: e.to,
        kind: e.kind,
        weight: weights[i] ?? null,
        ...(weights[i] === null ? { suppressed: true } : {}),
      }))
      // Cell key: a hidden edge is not listed (per-table lists every counted edge, as it did).
      .filter((e) => disclosure === 'per-table' || e.weight !== null),
  };
};
