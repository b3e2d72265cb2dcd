// `npm run bench -- stats` (issue 24 item 4): refreshes the stats-scale rows, their notes and the
// "### 4 stats scale" analysis of docs/BENCHMARKS.md in place, leaving the rest of the report (the
// full `npm run bench` writes all of it) as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { statsScale } from './analysis';
import type { Result } from './results';
import { tableRows } from './results';

const escape = (s: string) => s.replace(/\|/g, '\\|');

export const updateStatsScale = (
  file: string,
  run: { command: string; date: string },
  results: readonly Result[],
) => {
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows = tableRows(results).map((row) => `| ${row.map(escape).join(' | ')} |`);
  const notes = results
    .filter((r) => r.note)
    .map((r) => `- **${escape(r.group)} / ${escape(r.name)}**: ${r.note}`);
  const out: string[] = [];
  let rowsDone = false;
  let notesDone = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('| 4 stats scale |')) {
      if (!rowsDone) out.push(...rows);
      rowsDone = true;
      continue;
    }
    if (line.startsWith('- **4 stats scale / ')) {
      if (!notesDone) out.push(...notes);
      notesDone = true;
      continue;
    }
    if (line === '### 4 stats scale') {
      out.push(
        line,
        '',
        `(Refreshed by \`${run.command}\` on ${run.date}; the rest of this report is from the run named at the top.)`,
        '',
        ...statsScale(results),
        '',
      );
      while (i + 1 < lines.length && !/^(### |## |<!-- )/.test(lines[i + 1]!)) i++;
      continue;
    }
    out.push(line);
  }
  if (!rowsDone || !out.includes('### 4 stats scale'))
    throw new Error(
      'docs/BENCHMARKS.md has no stats-scale rows or section to refresh: run the full `npm run bench`',
    );
  writeFileSync(file, out.join('\n'));
};
