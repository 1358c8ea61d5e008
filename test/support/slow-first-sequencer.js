// Test order for jest (jest.config.js `testSequencer`): jest's own order, except on a cold cache.
//
// jest runs the files that took longest last time first, so that no worker is left with one long
// file at the end of the run. CI starts from a clean clone with no jest cache, and jest then orders
// by file size: the two slowest files (live-vs-rebuild, ~100 lines; the CLI spec) came late and one
// worker ran them alone while the other idled. Without any cached timing, the files below go first,
// slowest first (measured on the 2-core machine, docs/testing.md "Run time"); the rest keep jest's
// order. With a warm cache (any file timed) jest's own order is used unchanged.
const Sequencer = require('@jest/test-sequencer').default;
const { relative } = require('node:path');

/** Repository-relative paths of the slowest files, slowest first (both e2e projects share a path). */
const SLOWEST_FIRST = [
  'libs/projections/src/live-vs-rebuild.int-spec.ts',
  'apps/registry-cli/src/cli.int-spec.ts',
  'libs/projections/src/sqlite-vs-postgres.int-spec.ts',
  'test/temporal-workload.e2e-spec.ts',
  'test/history-replay.e2e-spec.ts',
  'libs/projections/src/audit/verify.int-spec.ts',
  'test/bench-smoke.int-spec.ts',
  'libs/dip-wire/src/sample-traffic/sample-traffic.spec.ts',
  'test/metering-and-network.e2e-spec.ts',
  'libs/projections/src/feed/feed.int-spec.ts',
  'libs/dip-wire/src/settlement-day.spec.ts',
  'test/intake-fuzz.e2e-spec.ts',
];

class SlowFirstSequencer extends Sequencer {
  /**
   * @param {import('@jest/test-result').Test[]} tests
   * @returns {import('@jest/test-result').Test[]} jest's order; on a cold cache the SLOWEST_FIRST files first, in that order
   */
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => {
      const i = SLOWEST_FIRST.indexOf(relative(test.context.config.rootDir, test.path).split('\\').join('/'));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    return sorted
      .map((test, i) => ({ test, i, r: rank(test) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
