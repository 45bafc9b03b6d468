#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# check_suite.sh TPUSIM LEDGER DIR... - the scenario suite on the vendor
# driver against its ledger of known findings (docs/vendor-driver.md).
#
# Runs every scenario of DIR... with --driver vendor (the scenarios that
# name the project driver are skipped) and compares the failing runs, each
# as "name: its verdict's items, sorted", with LEDGER's lines.  The test
# fails on a new failure (a finding nobody has looked at yet), on a listed
# failure that no longer happens (fixed, or the harness stopped seeing it:
# update the ledger and the docs) and on a listed one that changed.
# LEDGER's "# disable: CHECKER..." line names the checkers whose findings
# fire in nearly every run (each proven by its own scenario in
# scenarios/vendor/); they are off for the suite so that the others show.
set -u
tpusim=$1 ledger=$2
shift 2
args=()
for c in $(sed -n 's/^# disable: //p' "$ledger"); do
	args+=(--disable-checker "$c")
done
out=$("$tpusim" run "$@" --driver vendor --jobs 2 --quiet "${args[@]}" 2>&1)
rc=$?
if [ $rc -gt 1 ]; then
	printf '%s\n' "$out"
	echo "check_suite: tpusim run exited with $rc"
	exit 1
fi
# "name: a; b; c" with the items sorted, one line per failing run.
normalize() {
	awk -F': ' '{
		name = $1; rest = substr($0, length($1) + 3)
		n = split(rest, it, /; */); m = 0
		for (i = 1; i <= n; i++) if (it[i] != "") v[++m] = it[i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		line = name ":"; for (i = 1; i <= m; i++) line = line " " v[i] ";"
		print line; delete v }' | sort
}
got=$(printf '%s\n' "$out" | sed -n 's/^FAILED: \([^ ]*\) — \(FAIL: \)\{0,1\}\(.*\)$/\1: \3/p' | normalize)
want=$(sed 's/[[:space:]]*#.*$//' "$ledger" | grep -v '^[[:space:]]*$' | normalize)
if [ "$got" = "$want" ]; then
	n=$(printf '%s\n' "$want" | grep -c .)
	echo "check_suite: the vendor driver's failing runs are the $n of the ledger"
	exit 0
fi
echo "check_suite: the vendor driver's failing runs differ from $ledger"
diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^</  ledger only:/; s/^>/  new:        /'
exit 1
