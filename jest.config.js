/** Jest runs the TypeScript sources directly through swc; `tsc --noEmit` checks types separately. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
// One real Temporal dev server per jest run, shared by every suite that needs it. Jest runs a global
// setup once per distinct path, and only for projects with a suite in the run: a run of unit suites
// alone starts no server.
const temporal = {
  ...common,
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
};
module.exports = {
  transform,
  // Longest suites first (last run's times, else test/helpers/suite-seconds.json), so two workers end together.
  testSequencer: '<rootDir>/test/helpers/test-sequencer.js',
  // A ceiling against hangs, not a measure of speed: a loaded 2-core machine walks a pipeline slowly.
  testTimeout: 300000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...temporal, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...temporal, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.test.ts'] },
    { ...temporal, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.test.ts'] },
    { ...temporal, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // The production topology (DESIGN §2): one local Temporal server on PostgreSQL, over mTLS, for all its files.
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/test/cluster/global-setup.ts',
      globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
    },
  ],
};
