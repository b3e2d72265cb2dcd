// Jest's order of test files: the longest first, so neither worker is left with a long suite at
// the end of the run. Jest's own sequencer knows durations only from its cache (empty on a fresh
// clone, as in CI) and then orders by file size, which put the browser journeys (a tiny file that
// imports the rest) last. Files measured as long carry their typical seconds here (2-core machine,
// `npm test`); every other file is estimated from its size, as jest does. A cached duration from
// an earlier run on this machine wins over both.
import sequencerModule from '@jest/test-sequencer';

// A CommonJS module: its class is the `default` export of module.exports.
const Sequencer = sequencerModule.default ?? sequencerModule;

const typicalSeconds = {
  'web/test/console-journeys.test.ts': 400,
  'services/stats/test/stats-disclosure.test.ts': 120,
  'test/e2e/national-figures.test.ts': 60,
  'packages/local/src/seed/seed-caseload.test.ts': 150,
  'test/e2e/tenant-role-matrix.test.ts': 115,
  'test/e2e/problem-language.test.ts': 70,
  'test/e2e/hostile-input.test.ts': 65,
  'test/e2e/audit-completeness.test.ts': 60,
  'test/e2e/fault-injection.test.ts': 55,
  'test/infra/region-stack.test.ts': 55,
  'services/stats/test/stats-flows.test.ts': 45,
  'test/e2e/redrive.test.ts': 40,
  'infra/test/console.test.ts': 37,
  'test/infra/pipeline.test.ts': 45,
  'test/infra/regions.test.ts': 40,
  'services/stats/test/stats-cross-service.test.ts': 37,
};

/** @public jest.config.js names this file (testSequencer). */
export default class HeavyFirstSequencer extends Sequencer {
  sort(tests) {
    const root = (test) => test.context.config.rootDir;
    const estimate = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached;
      const hinted = typicalSeconds[test.path.slice(root(test).length + 1)];
      if (hinted != null) return hinted * 1000;
      // About a second of run time per kilobyte of test file, as a tie-breaker among the rest.
      return test.context.hasteFS.getSize(test.path) ?? 0;
    };
    const failedFirst = (test) => (this.hasFailed(test) ? 0 : 1);
    return tests
      .map((test) => ({ test, estimate: estimate(test) }))
      .sort((a, b) => failedFirst(a.test) - failedFirst(b.test) || b.estimate - a.estimate)
      .map(({ test }) => test);
  }
}
