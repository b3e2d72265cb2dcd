// The result rows every measurement returns, the console table and bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Target {
  /** `ratio <= max` (most targets) or `value <= max` (bundle size). */
  on: 'ratio' | 'value';
  max: number;
}

export interface Result {
  /** Measurement group, e.g. `1 request overhead`. */
  group: string;
  name: string;
  value: number | null;
  unit: string;
  ratio: number | null;
  /** What the ratio is taken against (e.g. `raw DynamoDB median`). */
  ratioOf?: string;
  target: string | null;
  pass: boolean | null;
  note?: string;
}

export const targetText = (t: Target) => `${t.on === 'ratio' ? 'ratio' : 'value'} <= ${t.max}`;

export const judge = (t: Target | undefined, value: number | null, ratio: number | null) => {
  if (!t) return { target: null, pass: null };
  const measured = t.on === 'ratio' ? ratio : value;
  return {
    target: targetText(t),
    pass: measured === null || Number.isNaN(measured) ? null : measured <= t.max,
  };
};

export const result = (
  r: Omit<Result, 'target' | 'pass'> & { targetSpec?: Target; missNote?: string },
): Result => {
  const { targetSpec, missNote, ...rest } = r;
  const verdict = judge(targetSpec, r.value, r.ratio);
  const note = [rest.note, verdict.pass === false ? missNote : undefined].filter(Boolean).join(' ');
  return { ...rest, ...verdict, ...(note ? { note } : { note: undefined }) };
};

export const notMeasured = (group: string, name: string, why: string, target?: Target): Result => ({
  group,
  name,
  value: null,
  unit: '',
  ratio: null,
  target: target ? targetText(target) : null,
  pass: null,
  note: `not measured yet (${why})`,
});

const cell = (v: unknown) => (v === null || v === undefined ? '–' : String(v));
const passText = (p: boolean | null) => (p === null ? '–' : p ? 'PASS' : 'MISS');

export const tableRows = (results: readonly Result[]) =>
  results.map((r) => [
    r.group,
    r.name,
    cell(r.value),
    r.unit,
    cell(r.ratio),
    cell(r.target),
    passText(r.pass),
  ]);

export const tableHeader = ['group', 'measurement', 'value', 'unit', 'ratio', 'target', 'pass'];

export const printTable = (results: readonly Result[]) => {
  const rows = [tableHeader, ...tableRows(results)];
  const widths = tableHeader.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(tableHeader));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  const notes = results.filter((r) => r.note);
  if (notes.length) {
    console.log('\nnotes:');
    for (const r of notes) console.log(`- ${r.group} / ${r.name}: ${r.note}`);
  }
};

export const writeResultsJson = (file: string, meta: Record<string, unknown>, results: readonly Result[]) => {
  mkdirSync(dirname(file), { recursive: true });
  const rows = results.map((r) => ({
    group: r.group,
    name: r.name,
    value: r.value,
    unit: r.unit,
    ratio: r.ratio,
    ratioOf: r.ratioOf ?? null,
    target: r.target,
    pass: r.pass,
    note: r.note ?? null,
  }));
  writeFileSync(file, `${JSON.stringify({ ...meta, results: rows }, null, 2)}\n`);
};
