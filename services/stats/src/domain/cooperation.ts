// The cooperation map (mapa spolupráce, documents 001 and 004): providers as nodes, referrals
// (directed, sender -> receiver) and shared care (undirected pairs) as weighted edges per period.
// Weights below the threshold are suppressed; node totals are published only when every edge
// behind them is (so a hidden weight cannot be recovered by subtraction).
import { suppressGrid } from './suppression';

export const cooperationOf = (cells: Map<string, Record<string, unknown>>, threshold: number) => {
  const edges = [...cells.entries()]
    .filter(([id]) => id.startsWith('edge#'))
    .map(([id, item]) => {
      const [kind, from, to] = id.slice('edge#'.length).split('|') as [
        'referral' | 'shared-care',
        string,
        string,
      ];
      return { from, to, kind, n: typeof item.n === 'number' ? item.n : 0 };
    })
    .filter((e) => e.n > 0)
    .sort((a, b) => `${a.kind}|${a.from}|${a.to}`.localeCompare(`${b.kind}|${b.from}|${b.to}`));
  const hidden = suppressGrid([edges.map((e) => e.n)], threshold)[0] ?? [];
  const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const total = (id: string, side: 'from' | 'to') => {
    const own = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'referral' && e[side] === id);
    return own.some(({ i }) => hidden[i]) ? null : own.reduce((a, { e }) => a + e.n, 0);
  };
  return {
    nodes: ids.map((id) => ({ id, referralsSent: total(id, 'from'), referralsReceived: total(id, 'to') })),
    edges: edges.map((e, i) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      weight: hidden[i] ? null : e.n,
      ...(hidden[i] ? { suppressed: true } : {}),
    })),
  };
};
