#!/usr/bin/env bash
# The main job: install what is missing, build, run the default suite and
# print its summary.  Extra arguments go to the main program.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
exec ./build/harness/demo/tpusim-demo "$@"
