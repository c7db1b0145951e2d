#!/usr/bin/env bash
# Shared set-up for the two README commands: dependencies, the compiled CLI, the Temporal CLI.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing dependencies (npm ci) …" >&2
  npm ci --no-audit --no-fund >&2
fi

echo "[setup] compiling TypeScript …" >&2
npx tsc -p tsconfig.build.json

# Finds or builds the Temporal CLI ($TEMPORAL_CLI_PATH, PATH, the user cache, go install, then the
# SDK's own download at start-up). The first build takes minutes; later runs reuse the cached binary.
node bin/gatehouse setup >/dev/null || echo "[setup] no Temporal CLI binary: the SDK download will be tried at start-up" >&2
