#!/usr/bin/env bash
# The main job: install what is missing, build, run the scenario suite
# (scenarios/ and the checker proofs) and print its summary.  Extra
# arguments go to `tpusim run` (e.g. --schedules 4, --junit out.xml,
# --trace trace.json).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
exec ./build/harness/tpusim run scenarios --jobs "$(nproc 2>/dev/null || echo 2)" "$@"
