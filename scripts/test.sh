#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, then every jest suite against a real Temporal dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] type-checking (tsc --noEmit) …" >&2
npx tsc --noEmit -p tsconfig.json
echo "[test] running jest (unit, workflow, security, reliability, e2e) …" >&2
npx jest --ci "$@"
