#!/usr/bin/env bash
# All tests: install what is missing, then build and run the CTest suite
# twice, the normal build and the AddressSanitizer + UBSan build, and the
# ThreadSanitizer build of the POSIX host (label tsan: the driver on real
# threads).  Each phase prints its wall time; docs/ci.md has the budget of
# each label and what to expect on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
status=0
times=()
for preset in default asan tsan; do
  echo "=== tests: $preset build ==="
  t0=$SECONDS
  # Configure quietly, but say what is built or skipped and why (the
  # vendor driver, the models).
  # The sanitizer build runs the default build's vendor client modules
  # (built alike in both, without sanitizers) instead of compiling the
  # vendor runtime again (cmake/vendor_runtime.cmake).
  reuse=()
  if [ "$preset" = asan ] && [ -d build/clients ]; then
    reuse=(-DTPUSIM_VENDOR_CLIENTS_FROM="$PWD/build/clients")
  fi
  cmake --preset "$preset" "${reuse[@]}" | { grep -E '^-- (vendor driver|vendor runtime|models):' || true; }
  cmake --build --preset "$preset"
  t1=$SECONDS
  ctest --preset "$preset" -j"$jobs" || status=1
  t2=$SECONDS
  times+=("$preset: build $((t1 - t0)) s, tests $((t2 - t1)) s")
done
# The mutation scores (label mutants, default build): the catalogue's and
# the blind set's, side by side.
if [ -f build/Testing/Temporary/LastTest.log ]; then
  echo "=== tests: mutation scores (tests/mutants) ==="
  grep -h "mutation score:" build/Testing/Temporary/LastTest.log | sed 's/^/  /' || true
fi
echo "=== tests: wall time per phase (docs/ci.md) ==="
printf '  %s\n' "${times[@]}"
exit $status
