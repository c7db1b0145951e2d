#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, then every jest suite against a real Temporal dev server.
# Two jest runs at once:
#   1. unit, workflow, security, reliability and e2e on two workers, longest suites first
#      (test/helpers/test-sequencer.js): the suites share one dev server (global-setup.ts), each jest
#      worker in its own namespace, each suite with its own task queue, ports and data dirs, so pure
#      suites run beside the Temporal ones;
#   2. cluster, in band, beside it: its own server on PostgreSQL (test/cluster/global-setup.ts), on
#      ports from 20000-32767, below the kernel's ephemeral range that run 1 takes its free ports from.
#      Its output is held in a file and printed after run 1's, so the two do not interleave.
#      GATEHOUSE_TEST_CLUSTER=after runs it after run 1 instead (the old order, e.g. to time each alone).
# Extra arguments (paths, -t …) go to both runs. The end: the ten slowest suites, the wall time, and
# the line CI reads, `jest: N passed, N failed` (both runs added up).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
# setup.sh compiles, and type-checks (tsc --noEmit -p tsconfig.json, tests included) beside it.
bash scripts/setup.sh --type-check
workers=${GATEHOUSE_TEST_WORKERS:-2}
cluster_order=${GATEHOUSE_TEST_CLUSTER:-beside}
# Read here, then out of the environment: the CLI refuses any GATEHOUSE_* variable it does not know
# (src/config.ts), and the suites that run it in-process inherit this script's environment.
unset GATEHOUSE_TEST_WORKERS GATEHOUSE_TEST_CLUSTER
# The workflow bundle setup.sh's `gatehouse setup` kept for this build (workers/workflow-bundle.ts): the main
# run's global setup reads it instead of bundling the same sources again.
kept_bundle=$(node -e "process.stdout.write(require('./dist/workers/workflow-bundle.js').bundleStoreFor('$PWD/dist').path)" 2>/dev/null || true)
if [ -n "$kept_bundle" ] && [ -f "$kept_bundle" ]; then export TEST_PREBUILT_WORKFLOW_BUNDLE="$kept_bundle"; fi
# Jest and its workers (which inherit node's flags) with every regular expression compiled straight to native code:
# the rule judges run about 2.7 times faster (bench/judge-throughput.ts), as in the Dockerfile. Only from the start:
# changed at run time (v8.setFlagsFromString) it crashed V8. The CLI processes the suites spawn keep V8's default.
jest=(node --no-regexp-tier-up node_modules/jest/bin/jest.js)
results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT
cluster_run() {
  "${jest[@]}" --ci --json --outputFile="$results_dir/cluster.json" --passWithNoTests --runInBand --selectProjects cluster -- "$@"
}
set +e
cluster_pid=
if [ "$cluster_order" != after ]; then
  echo "[test] running jest (cluster, in band) beside the main run; its output follows the main run's …" >&2
  cluster_run "$@" >"$results_dir/cluster.log" 2>&1 &
  cluster_pid=$!
  # A Ctrl-C or failure of this script stops the cluster run too (its global teardown stops its server).
  # (`|| true`: errexit holds inside the trap, and a cluster run already over is no failure.)
  trap 'kill "$cluster_pid" 2>/dev/null || true; wait "$cluster_pid" 2>/dev/null || true; rm -rf "$results_dir"' EXIT
fi
echo "[test] running jest (unit, workflow, security, reliability, e2e) on $workers workers …" >&2
"${jest[@]}" --ci --json --outputFile="$results_dir/main.json" --passWithNoTests --maxWorkers="$workers" \
  --selectProjects unit workflow security reliability e2e -- "$@"
main_status=$?
if [ -n "$cluster_pid" ]; then
  wait "$cluster_pid"
  cluster_status=$?
  echo "[test] the cluster run's output:" >&2
  cat "$results_dir/cluster.log" >&2
else
  echo "[test] running jest (cluster, in band) …" >&2
  cluster_run "$@"
  cluster_status=$?
fi
set -e
node scripts/test-summary.js "$started" "$results_dir/main.json" "$results_dir/cluster.json" || true
# A jest run can fail with every test passed (a suite that failed to load, a global set-up or teardown
# error): say which run, so the exit code is never a mystery.
if [ "$main_status" -ne 0 ]; then echo "[test] the main jest run exited $main_status" >&2; fi
if [ "$cluster_status" -ne 0 ]; then echo "[test] the cluster jest run exited $cluster_status" >&2; fi
if [ "$main_status" -ne 0 ]; then exit "$main_status"; fi
exit "$cluster_status"
