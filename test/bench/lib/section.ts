// One section of docs/BENCHMARKS.md between its own markers, so that `npm run bench -- <name>`
// refreshes it without rewriting the rest, and the full `npm run bench` writes it after the report.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Result } from './results';
import { tableHeader, tableRows } from './results';

export interface SectionRun {
  command: string;
  date: string;
  context: string[];
}

const markersOf = (name: string) => ({
  start: `<!-- ${name}:start (npm run bench -- ${name} rewrites this section) -->`,
  end: `<!-- ${name}:end -->`,
});

const escape = (s: string) => s.replace(/\|/g, '\\|');

/** The title, the command (with what else to say of it), the date and the run's context lines. */
export const sectionHeading = (title: string, run: SectionRun, aboutCommand = '') => [
  `## ${title}`,
  '',
  `- Command: \`${run.command}\` (only this section), also part of \`npm run bench\`${aboutCommand}`,
  `- Date: ${run.date}`,
  ...run.context.map((c) => `- ${c}`),
  '',
];

/** The results as a table, then each result's note. */
export const resultsTable = (rows: readonly Result[]) => [
  `| ${tableHeader.join(' | ')} |`,
  `| ${tableHeader.map(() => '---').join(' | ')} |`,
  ...tableRows(rows).map((row) => `| ${row.map(escape).join(' | ')} |`),
  '',
  ...rows.filter((r) => r.note).map((r) => `- **${escape(r.name)}**: ${r.note}`),
];

/** Writes section `name` (its lines, without markers) into `file`: in place of the last one, or
 * before the first of the sections named in `before` that the file has, or at the end. */
export const writeSection = (file: string, name: string, lines: readonly string[], before: string[] = []) => {
  const { start, end } = markersOf(name);
  const section = [start, ...lines, end].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) {
    writeFileSync(file, `${text.slice(0, from)}${section}${text.slice(to + end.length)}`);
    return;
  }
  const at = before.map((other) => text.indexOf(`<!-- ${other}:start`)).find((i) => i >= 0);
  writeFileSync(
    file,
    at !== undefined
      ? `${text.slice(0, at)}${section}\n\n${text.slice(at)}`
      : `${text.trimEnd()}\n\n${section}\n`,
  );
};
