// `npm run bench -- cold` (issue 24 item 1): refreshes the "2 lambda package & cold start" rows,
// their notes and the "### 2 lambda package & cold start" analysis of docs/BENCHMARKS.md in place,
// leaving the rest of the report (the full `npm run bench` writes all of it) as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { analysisFor } from './analysis';
import type { Result } from './results';
import { tableRows } from './results';

const escape = (s: string) => s.replace(/\|/g, '\\|');
export const coldGroup = '2 lambda package & cold start';

export const updateColdStart = (
  file: string,
  run: { command: string; date: string; context: string[] },
  results: readonly Result[],
) => {
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows = tableRows(results).map((row) => `| ${row.map(escape).join(' | ')} |`);
  const notes = [
    `- **${coldGroup} / run**: refreshed by \`${run.command}\` on ${run.date}; ${run.context.join('; ')}`,
    ...results.filter((r) => r.note).map((r) => `- **${escape(r.group)} / ${escape(r.name)}**: ${r.note}`),
  ];
  const analysis = analysisFor(results);
  const out: string[] = [];
  let rowsDone = false;
  let notesDone = false;
  let analysisDone = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(`| ${coldGroup} |`)) {
      if (!rowsDone) out.push(...rows);
      rowsDone = true;
      continue;
    }
    if (line.startsWith(`- **${coldGroup} / `)) {
      if (!notesDone) out.push(...notes);
      notesDone = true;
      continue;
    }
    if (line === `### ${coldGroup}`) {
      // analysisFor gives the heading, the text and a blank line, or nothing when all targets pass.
      out.push(...analysis);
      analysisDone = true;
      while (i + 1 < lines.length && !/^(### |## |<!-- )/.test(lines[i + 1]!)) i++;
      continue;
    }
    if (!analysisDone && line.startsWith('### 3 ') && analysis.length) {
      out.push(...analysis);
      analysisDone = true;
    }
    out.push(line);
  }
  if (!rowsDone)
    throw new Error('docs/BENCHMARKS.md has no cold-start rows to refresh: run the full `npm run bench`');
  writeFileSync(file, out.join('\n'));
};
