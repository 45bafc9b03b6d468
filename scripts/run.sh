#!/usr/bin/env bash
# The main job: install what is missing, build, run the scenario suite
# (scenarios/ and the checker proofs) and print its summary.  Extra
# arguments go to `tpusim run` (e.g. --schedules 4, --junit out.xml,
# --trace trace.json).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
cmake --preset default >/dev/null
# Only what the main job runs: tpusim and what it links (not the tests,
# the benches or the mutant binaries; ./scripts/test.sh builds those).
cmake --build --preset default --target tpusim
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
exec ./build/harness/tpusim run scenarios --jobs "$(nproc 2>/dev/null || echo 2)" "$@"
