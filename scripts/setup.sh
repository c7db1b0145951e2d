#!/usr/bin/env bash
# Shared set-up for the two README commands: dependencies, the compiled CLI, the Temporal CLI.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci when node_modules is missing or older than the lock file. A symlinked node_modules is a shared
# install (a git worktree beside its main checkout): npm ci would empty it for every checkout, so it is left alone.
if [ -L node_modules ]; then
  echo "[setup] node_modules is a link to a shared install: not reinstalling it here" >&2
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing dependencies (npm ci) …" >&2
  npm ci --no-audit --no-fund >&2
fi

# Debian's Chromium for the HTML report's browser test (test/e2e/report-browser.test.ts; Playwright's own
# browser download is not used). Installed only when missing, and only as root with apt-get; otherwise
# that test fails and says how to install it.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[setup] installing Chromium (apt-get install chromium) for the report browser test …" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 \
    || echo "[setup] could not install Chromium: the report browser test will fail until /usr/bin/chromium exists" >&2
fi

echo "[setup] compiling TypeScript …" >&2
if [ "${1:-}" = "--type-check" ]; then
  # The test command's type-check (tests included, tsconfig.json) beside the build: each tsc is one
  # core's work, so the two take the time of one. Its output is held and printed after the build's.
  echo "[test] type-checking (tsc --noEmit) beside the build …" >&2
  check_log=$(mktemp)
  npx tsc --noEmit -p tsconfig.json >"$check_log" 2>&1 &
  check_pid=$!
  build_status=0
  npx tsc -p tsconfig.build.json || build_status=$?
  check_status=0
  wait "$check_pid" || check_status=$?
  cat "$check_log"
  rm -f "$check_log"
  if [ "$build_status" -ne 0 ]; then exit "$build_status"; fi
  if [ "$check_status" -ne 0 ]; then echo "[test] the type-check (tsc --noEmit -p tsconfig.json) failed" >&2; exit "$check_status"; fi
else
  npx tsc -p tsconfig.build.json
fi

# Finds or builds the Temporal CLI ($TEMPORAL_CLI_PATH, PATH, the user cache, go install, then the
# SDK's own download at start-up). The first build takes minutes; later runs reuse the cached binary.
node bin/gatehouse setup >/dev/null || echo "[setup] no Temporal CLI binary: the SDK download will be tried at start-up" >&2

# The production topology's Temporal server v1.29.1 and its SQL schema tool (test/cluster, `gatehouse
# cluster local up`): found or built like the CLI ($TEMPORAL_SERVER_PATH + $TEMPORAL_SQL_TOOL_PATH,
# PATH, the cache ~/.cache/gatehouse/temporal-server-v1.29.1/, then `go install`, about 3-5 minutes once).
node bin/gatehouse cluster local build >/dev/null || echo "[setup] no Temporal server binary: the cluster tests cannot run until one is built (needs Go)" >&2
