// The console's own section of docs/BENCHMARKS.md (issue 24 item 5), between markers, so that
// `npm run bench -- lighthouse` refreshes it without rewriting the rest.
import type { Result } from './results';
import type { SectionRun } from './section';
import { resultsTable, sectionHeading, writeSection } from './section';

export const writeLighthouseSection = (file: string, run: SectionRun, results: readonly Result[]) => {
  const missed = results.filter((r) => r.pass === false);
  const lines = [
    ...sectionHeading('The console on a phone (issue 24 item 5)', run),
    ...resultsTable(results),
    '',
    "What the first download is: `web/dist/index.html`'s module script and modulepreloads with their " +
      'static imports (`test/bench/lib/lighthouse-size.ts`, gzip level 9; `web/test/initial-js.test.ts` ' +
      'holds the same budget in `npm test`). Every screen is a lazy chunk (`web/src/routes.tsx`); what ' +
      "left the entry for issue 24: zod and the contracts' schemas (the config check is hand-written, " +
      "roles and claim names are type-checked copies, the outbox's body check, the problem and rule " +
      "texts and zod's Czech messages are chunks loaded by the forms that need them), the English " +
      'catalogue (loaded when chosen), the ICU message parser (the catalogues are compiled to syntax ' +
      'trees at build time, `web/vite.config.ts`), jose (loaded at sign-in), the outbox sender with ' +
      "IndexedDB, the inbox badge, the service worker registration and `npm start`'s seeding notice, " +
      'and the texts only coordinator and admin screens show (`admin.*`, `coordinator.*`, `stats.*`, ' +
      '`webhooks.*`: a module per language those screens load). Built for es2022 (no class-field ' +
      'helpers). What remains is React and react-dom (~57 KB gzip), TanStack Query, react-intl, wouter, ' +
      'the API client, the rest of the Czech catalogue and the shell.',
    '',
    'How Lighthouse runs: Lighthouse 12.2.3 (installed at bench time into `.bench-tmp/lighthouse`, ' +
      'docs/DECISIONS.md "Lighthouse at bench time"), its default mobile configuration (formFactor ' +
      'mobile, simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown), the performance and ' +
      'accessibility categories, in the Chromium of the browser tests (`web/test/chromium.ts`) driven by ' +
      'the puppeteer-core that comes with Lighthouse. The local runtime serves the built console through ' +
      'a stand-in for CloudFront that gzips text as CloudFront does (`compress: true` in ' +
      'infra/lib/console.ts). The signed-in pages start with the session of a real sign-in through the ' +
      "dev form, put into sessionStorage before the console's scripts run; Lighthouse clears the " +
      "origin's caches, service worker and storage before each run, so every run is a first visit. " +
      'Simulated throttling scales the CPU time it observes, so a loaded machine (see Load above) ' +
      'lowers the performance score (total blocking time above all); each page is run several times ' +
      'and the median reported.',
    '',
    'What the signed-in pages (record contact, client file) wait for: their largest paint needs a ' +
      'chain of round trips on the simulated 150 ms / 1.6 Mbit/s link: index.html, the entry (~115 KB), ' +
      "config.json and, in parallel since `preloadScreen`, the screen's chunk; the screen's first API " +
      'reads start when config.json is in (`web/src/api/earlyReads.ts`), not after the chunk has ' +
      'arrived and rendered; then the render. What issue 24 took off that chain, each measured here: ' +
      '(1) index.html paints a shell of its own (the header and "Načítám…", replaced on the first ' +
      'render; `web/test/first-paint.journey.ts`), so the first paint no longer waits for the script; ' +
      "(2) zod and the contracts' schemas (~35 KB gzip and their evaluation) are no longer in these " +
      "screens' chunks: a form's body schema, with zod's messages, is loaded when the worker first " +
      'touches the form (its focus) and awaited on save ' +
      '(`web/src/forms/lazyBodies.ts`, `useSubmit`), and the code lists the screens name (districts, ' +
      'service types, topics, kinds of field place) are plain data without zod ' +
      '(`packages/contracts/src/value-lists.ts`, from which the zod enums are built); (3) React draws ' +
      'in slices and yields between them instead of in long tasks: the first render is a transition ' +
      "(`main.tsx`) and a screen's data is rendered deferred (`Await`, `useDeferredValue`). Medians of " +
      '3 runs at load ~1.5–2.5, record contact / client file: 89 / 87 before; 93 / 93 after (1) and ' +
      '(2) with the schemas loaded as the form was shown; 95 / 86 in the first full bench after them ' +
      '(the client file still evaluated zod while showing itself: total blocking time ~370 ms); 96 / ' +
      '87 with the schemas loaded on the form’s focus; 96 / 94 with (3). What ' +
      'is left is the entry itself (React and react-dom are half of it) and the CPU time, which ' +
      'simulated throttling multiplies by 4 on top of what this shared machine already costs, so the ' +
      'scores move with the load (total blocking time above all). Record ' +
      "contact's accessibility: a form's submit button sticks to the bottom of a phone's screen only " +
      'once the form is being filled in, so at rest it covers no field (axe target-size).',
    ...(missed.length > 0
      ? [
          '',
          `Missed in this run: ${missed.map((r) => `${r.name} (${r.value ?? '–'})`).join(', ')}; the notes ` +
            'above list what Lighthouse named.',
        ]
      : []),
  ];
  writeSection(file, 'lighthouse', lines, ['synth']);
};
