#!/usr/bin/env bash
# All tests: install what is missing, then build and run the CTest suite
# twice: the normal build and the AddressSanitizer + UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
status=0
for preset in default asan; do
  echo "=== tests: $preset build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset" -j"$jobs" || status=1
done
exit $status
