// Small-cell suppression for published tables. Primary: a count 0 < n < threshold is hidden.
// Secondary: in every row and every column of the table extended by its totals (row totals as a
// last column, column totals as a last row, the grand total in the corner), a line holding a
// suppressed entry must hold at least two, so no hidden entry can be recovered by subtraction.
// The extra entry chosen is the smallest remaining non-zero one (least information lost).

export type Mark = 'primary' | 'secondary' | undefined;

const primary = (n: number, threshold: number) => n > 0 && n < threshold;

/** `grid` is the extended matrix: R+1 rows x C+1 columns, the last row and column the totals. */
export const suppressGrid = (grid: number[][], threshold: number): Mark[][] => {
  const marks: Mark[][] = grid.map((row) => row.map((n) => (primary(n, threshold) ? 'primary' : undefined)));
  const rows = grid.length;
  const cols = rows ? grid[0]!.length : 0;
  const line = (kind: 'row' | 'col', i: number) =>
    kind === 'row'
      ? Array.from({ length: cols }, (_, j) => [i, j] as const)
      : Array.from({ length: rows }, (_, r) => [r, i] as const);
  // Each pass can only add marks, so this ends after at most rows*cols passes.
  for (let changed = true; changed;) {
    changed = false;
    for (const kind of ['row', 'col'] as const) {
      const count = kind === 'row' ? rows : cols;
      for (let i = 0; i < count; i++) {
        const cells = line(kind, i);
        // A line of one entry (a 1-row table's column) protects nothing and needs nothing.
        if (cells.length < 2) continue;
        const hidden = cells.filter(([r, c]) => marks[r]![c]);
        if (hidden.length !== 1) continue;
        const candidates = cells
          .filter(([r, c]) => !marks[r]![c] && grid[r]![c]! > 0)
          .sort(([r1, c1], [r2, c2]) => grid[r1]![c1]! - grid[r2]![c2]!);
        const pick = candidates[0] ?? cells.find(([r, c]) => !marks[r]![c]);
        if (!pick) continue;
        marks[pick[0]]![pick[1]] = 'secondary';
        changed = true;
      }
    }
  }
  return marks;
};
