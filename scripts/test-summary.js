#!/usr/bin/env node
/**
 * The end of the test command (scripts/test.sh): the ten slowest suites, the wall time since the
 * command started, and one closing line for CI, `jest: N passed, N failed` over every jest run given.
 * Usage: test-summary.js STARTED_EPOCH_SECONDS RESULTS.json… (a missing or unreadable file counts as a failed run).
 */
'use strict';
const { readFileSync } = require('node:fs');
const { relative } = require('node:path');

const [started, ...files] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const suites = [];
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`[test] no jest results in ${file}: ${err.message}`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += report.numPendingTests;
  for (const suite of report.testResults) {
    const seconds = suite.endTime && suite.startTime ? (suite.endTime - suite.startTime) / 1000 : 0;
    suites.push({ name: relative(process.cwd(), suite.name), seconds, status: suite.status });
  }
}
suites.sort((a, b) => b.seconds - a.seconds);
if (suites.length > 0) {
  console.log('slowest suites:');
  for (const suite of suites.slice(0, 10)) console.log(`  ${suite.seconds.toFixed(1).padStart(7)} s  ${suite.name}${suite.status === 'passed' ? '' : ` (${suite.status})`}`);
}
const wall = Math.round(Date.now() / 1000 - Number(started));
console.log(`wall time: ${Math.floor(wall / 60)} min ${wall % 60} s (type-check, build and every jest run)`);
console.log(`jest: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
