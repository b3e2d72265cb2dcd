// The synth measurement's own section of docs/BENCHMARKS.md, between markers, so that
// `npm run bench -- synth` refreshes it without rewriting the rest, and the full `npm run bench`
// appends it after the report it writes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Result } from './results';
import { tableHeader, tableRows } from './results';

const start = '<!-- synth:start (npm run bench -- synth rewrites this section) -->';
const end = '<!-- synth:end -->';
const escape = (s: string) => s.replace(/\|/g, '\\|');

export const writeSynthSection = (
  file: string,
  run: { command: string; date: string; context: string[] },
  results: readonly Result[],
) => {
  const rows = results.filter((r) => r.group.startsWith('6 '));
  const wall = (name: string) => rows.find((r) => r.name.startsWith(name) && r.name.endsWith('wall'));
  const skipped = rows.find((r) => r.name.includes('kraje, bundling skipped') && r.name.endsWith('wall'));
  const bundled = rows.find((r) => r.name.includes('kraje, with bundling') && r.name.endsWith('wall'));
  const section = [
    start,
    '## Synth of all kraje (issue 23 item 4)',
    '',
    `- Command: \`${run.command}\` (only this section), also part of \`npm run bench\``,
    `- Date: ${run.date}`,
    ...run.context.map((c) => `- ${c}`),
    '',
    `| ${tableHeader.join(' | ')} |`,
    `| ${tableHeader.map(() => '---').join(' | ')} |`,
    ...tableRows(rows).map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
    ...rows.filter((r) => r.note).map((r) => `- **${escape(r.name)}**: ${r.note}`),
    '',
    `Bundling skipped: ${skipped?.value ?? '?'} s for all kraje (${skipped?.ratio ?? '?'}× one kraj, ` +
      `${wall('1 kraj, bundling skipped')?.value ?? '?'} s). With bundling: ${bundled?.value ?? '?'} s ` +
      `(${bundled?.ratio ?? '?'}× one kraj, ${wall('1 kraj, with bundling')?.value ?? '?'} s). ` +
      'Each function is bundled once per app run, not once per kraj: aws-cdk-lib caches an asset ' +
      "staging by its source and bundling options, which are the same in every kraj's stack, so the " +
      'extra kraje cost constructs, templates and cdk-nag, not esbuild. Why there is no shared esbuild ' +
      'pass across functions: docs/DECISIONS.md "Synth of fourteen kraje".',
    end,
  ].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
};
