// ESM + @swc/jest (see ../shared/TOOLCHAIN.md, setup a): fastest transform; tsc typechecks separately.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript' },
      target: 'es2022',
      // Keep `with { type: 'json' }`: Node's ESM loader needs it (jest warns, and will refuse, without).
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

/** @type {import('jest').Config} */
export default {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/{packages,services,infra,test,web}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/web/dist/'],
  // Node's environment with a DynamoDB Local per test file, started on first use (why: in the file).
  // The longest test files first, also on a fresh clone (why: in the file).
  testSequencer: '<rootDir>/test/heavy-first-sequencer.js',
  testEnvironment: '<rootDir>/packages/local/test-support/environment.ts',
  // DynamoDB Local on a shared 2-core machine: API flows of several services take tens of seconds.
  testTimeout: 180000,
  maxWorkers: 2,
};
