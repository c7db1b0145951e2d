#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, then every jest suite against a real Temporal dev server.
# Two jest runs, one after the other:
#   1. unit, workflow, security, reliability and e2e on two workers: the suites share one dev server
#      (global-setup.ts), each jest worker in its own namespace, each suite with its own task queue,
#      ports and data dirs, so pure suites run beside the Temporal ones;
#   2. cluster, in band: it binds fixed ports and has its own server (test/cluster/global-setup.ts).
# Extra arguments (paths, -t …) go to both runs. The end: the ten slowest suites, the wall time, and
# the line CI reads, `jest: N passed, N failed` (both runs added up).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/setup.sh
echo "[test] type-checking (tsc --noEmit) …" >&2
npx tsc --noEmit -p tsconfig.json
workers=${GATEHOUSE_TEST_WORKERS:-2}
results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT
set +e
echo "[test] running jest (unit, workflow, security, reliability, e2e) on $workers workers …" >&2
npx jest --ci --json --outputFile="$results_dir/main.json" --passWithNoTests --maxWorkers="$workers" \
  --selectProjects unit workflow security reliability e2e -- "$@"
main_status=$?
echo "[test] running jest (cluster, in band) …" >&2
npx jest --ci --json --outputFile="$results_dir/cluster.json" --passWithNoTests --runInBand --selectProjects cluster -- "$@"
cluster_status=$?
set -e
node scripts/test-summary.js "$started" "$results_dir/main.json" "$results_dir/cluster.json" || true
if [ "$main_status" -ne 0 ]; then exit "$main_status"; fi
exit "$cluster_status"
