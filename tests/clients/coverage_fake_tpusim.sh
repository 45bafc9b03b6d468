#!/bin/sh
# coverage_fake_tpusim.sh - stands in for `tpusim client --ops --ops-all
# MODULE` to prove tests/clients/coverage.cmake's two universe checks fire:
# a module named *outside* shows a TDMA mode outside the universe, one named
# *stale* a universe row that no TDMA kernel names.
case "$*" in
*outside*) extra="Outside the universe (harness/scenario/op_census.h)  count  computed  timed only
  G2L tensor teleport                                     1         1           0" ; mode="G2L tensor copy" ;;
*stale*) extra="" ; mode="G2L tensor teleport" ;;
*) echo "coverage_fake_tpusim.sh: unexpected arguments: $*" >&2; exit 2 ;;
esac
cat <<END
TIU operations (per run)  tsk_typ/eu_typ  count  computed  timed only
  conv                    0/*                 1         1           0
TDMA modes (per run)                                 count  computed  timed only
  $mode                                         1         1           0
$extra
PASS      fake
END
