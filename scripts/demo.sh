#!/usr/bin/env bash
# The main job: set up, then `gatehouse demo` (a fresh embedded stack and example deployments).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node bin/gatehouse demo "$@"
