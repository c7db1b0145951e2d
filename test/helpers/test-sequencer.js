/**
 * Longest suites first, so the jest workers finish together instead of one running a long Temporal
 * suite alone at the end. A suite's expected time is, in order: its time in jest's cache from the last
 * run on this machine, its time in suite-seconds.json (measured on 2 cores; the order matters, not the
 * values), else a guess from its file size. Unlike jest's default order, a suite jest has no time for
 * yet (a clean clone, a new file) is not put first whatever its length.
 * Plain JavaScript: jest loads the sequencer without transforming it.
 */
'use strict';
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const recorded = require('./suite-seconds.json');

/** Seconds per byte of test source, for a suite with no recorded time (a unit suite of 10 kB: about 1 s). */
const SECONDS_PER_BYTE = 1e-4;

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const expected = new Map();
    for (const test of tests) {
      const cached = this.time(test);
      const name = relative(test.context.config.rootDir, test.path).split('\\').join('/');
      const size = test.context.hasteFS.getSize(test.path) ?? 0;
      expected.set(test, cached !== undefined && cached > 0 ? cached / 1000 : recorded.seconds[name] ?? size * SECONDS_PER_BYTE);
    }
    return [...tests].sort((a, b) => expected.get(b) - expected.get(a) || (a.path < b.path ? -1 : 1));
  }
}

module.exports = LongestFirstSequencer;
