// The synth measurement's own section of docs/BENCHMARKS.md, between markers, so that
// `npm run bench -- synth` refreshes it without rewriting the rest, and the full `npm run bench`
// appends it after the report it writes.
import type { Result } from './results';
import type { SectionRun } from './section';
import { resultsTable, sectionHeading, writeSection } from './section';

export const writeSynthSection = (file: string, run: SectionRun, results: readonly Result[]) => {
  const rows = results.filter((r) => r.group.startsWith('6 '));
  const wall = (name: string) => rows.find((r) => r.name.startsWith(name) && r.name.endsWith('wall'));
  const skipped = rows.find((r) => r.name.includes('kraje, bundling skipped') && r.name.endsWith('wall'));
  const bundled = rows.find((r) => r.name.includes('kraje, with bundling') && r.name.endsWith('wall'));
  writeSection(file, 'synth', [
    ...sectionHeading('Synth of all kraje (issue 23 item 4)', run),
    ...resultsTable(rows),
    '',
    `Bundling skipped: ${skipped?.value ?? '?'} s for all kraje (${skipped?.ratio ?? '?'}× one kraj, ` +
      `${wall('1 kraj, bundling skipped')?.value ?? '?'} s). With bundling: ${bundled?.value ?? '?'} s ` +
      `(${bundled?.ratio ?? '?'}× one kraj, ${wall('1 kraj, with bundling')?.value ?? '?'} s). ` +
      'Each function is bundled once per app run, not once per kraj: aws-cdk-lib caches an asset ' +
      "staging by its source and bundling options, which are the same in every kraj's stack, so the " +
      'extra kraje cost constructs, templates and cdk-nag, not esbuild. Why there is no shared esbuild ' +
      'pass across functions: docs/DECISIONS.md "Synth of fourteen kraje".',
  ]);
};
