#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, then every jest suite against a real Temporal dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] type-checking (tsc --noEmit) …" >&2
npx tsc --noEmit -p tsconfig.json
echo "[test] running jest (unit, workflow, security, reliability, e2e, cluster) …" >&2
results=$(mktemp)
set +e
npx jest --ci --json --outputFile="$results" "$@"
status=$?
set -e
# One plain closing line for CI: "N passed, N failed".
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))' "$results" || true
rm -f "$results"
exit $status
