#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# check_scaling.sh - the timing model's two knobs on whole machines
# (docs/timing.md "Knobs"):
#
#   check_scaling.sh clock TPUSIM tiu_bound.yaml WORKDIR
#     the TIU-bound job at 500, 700 and 1000 MHz.  A run takes
#     T(f) = A + B/f: A does not scale with the TPU clock (driver register
#     accesses, interrupt latency, DRAM transfers), B is TPU cycles.  Passes
#     when T(700) is within 0.5 % of A + B/700 fitted on T(500) and T(1000)
#     (the clock scales every cycle and nothing else), the cycles are at
#     least 80 % of T(500) (the job is TIU-bound), and so T(700)/T(500) lies
#     between 500/700 and 500/700 + 20 % x (1 - 500/700).
#
#   check_scaling.sh slow_dram TPUSIM tdma_bound.yaml WORKDIR PEAK EFF
#     the TDMA-bound job with slow_dram 1, 2 and 5.  T(F) = A + F x D with
#     D the DRAM term.  Passes when T(5) - T(1) is within 0.5 % of
#     4 x (T(2) - T(1)) (the fault multiplies the DRAM term and nothing
#     else), D is within 2 % of the job's DRAM bytes (16 x 2 x 65536, whole
#     64-byte lines) at PEAK x EFF bytes/s (the documented bandwidth), and
#     D is at least 80 % of T(1) (the job is TDMA-bound).
#
# Simulated times come from the JUnit report (9 decimals of a second).
set -eu
mode=$1 tpusim=$2 yaml=$3 work=$4
mkdir -p "$work"

# sim_seconds NAME: run $work/NAME.yaml, print its simulated seconds.
sim_seconds() {
	if ! "$tpusim" run "$work/$1.yaml" --junit "$work/$1.xml" >"$work/$1.log" 2>&1; then
		cat "$work/$1.log" >&2
		echo "check_scaling: $1 failed" >&2
		exit 1
	fi
	sed -n 's/.*simulated \([0-9.]*\) s.*/\1/p' "$work/$1.xml"
}

case $mode in
clock)
	for f in 500 700 1000; do
		sed "s/tpu_clock_mhz: 500/tpu_clock_mhz: $f/" "$yaml" >"$work/clk$f.yaml"
		grep -q "tpu_clock_mhz: $f" "$work/clk$f.yaml"
	done
	t500=$(sim_seconds clk500) t700=$(sim_seconds clk700) t1000=$(sim_seconds clk1000)
	awk -v a="$t500" -v b="$t700" -v c="$t1000" 'BEGIN {
		B = (a - c) / (1 / 500 - 1 / 1000); A = c - B / 1000; p = A + B / 700
		printf "T(500) %.6f ms, T(700) %.6f ms, T(1000) %.6f ms; A %.6f ms, cycles %.1f %% of T(500)\n",
		       a * 1e3, b * 1e3, c * 1e3, A * 1e3, 100 * B / 500 / a
		printf "T(700)/T(500) %.4f (500/700 = %.4f); T(700) %.6f ms against A + B/700 = %.6f ms\n",
		       b / a, 5 / 7, b * 1e3, p * 1e3
		bad = 0
		if (!(B > 0 && (b - p) / p < 0.005 && (p - b) / p < 0.005)) { print "FAIL: T(700) is not A + B/700"; bad = 1 }
		if (!(B / 500 / a >= 0.8)) { print "FAIL: the job is not TIU-bound (cycles below 80 %)"; bad = 1 }
		if (!(b / a >= 5 / 7 - 1e-9 && b / a <= 5 / 7 + 0.2 * 2 / 7)) { print "FAIL: T(700)/T(500) out of range"; bad = 1 }
		exit bad }'
	;;
slow_dram)
	peak=$5 eff=$6
	for k in 1 2 5; do
		cp "$yaml" "$work/slow$k.yaml"
		[ "$k" = 1 ] || printf 'faults:\n  - {at: 0, slow_dram: %s}\n' "$k" >>"$work/slow$k.yaml"
	done
	t1=$(sim_seconds slow1) t2=$(sim_seconds slow2) t5=$(sim_seconds slow5)
	awk -v a="$t1" -v b="$t2" -v c="$t5" -v peak="$peak" -v eff="$eff" 'BEGIN {
		D = b - a; want = 16 * 2 * 65536 / (peak * eff)
		printf "T(1) %.6f ms, T(2) %.6f ms, T(5) %.6f ms; DRAM term %.6f ms (bytes at %.3g B/s: %.6f ms), %.1f %% of T(1)\n",
		       a * 1e3, b * 1e3, c * 1e3, D * 1e3, peak * eff, want * 1e3, 100 * D / a
		bad = 0
		if (!(D > 0 && ((c - a) - 4 * D) / (4 * D) < 0.005 && (4 * D - (c - a)) / (4 * D) < 0.005)) {
			print "FAIL: T(5) - T(1) is not 4 x (T(2) - T(1))"; bad = 1 }
		if (!((D - want) / want < 0.02 && (want - D) / want < 0.02)) { print "FAIL: the DRAM term is not the bytes at the documented bandwidth"; bad = 1 }
		if (!(D / a >= 0.8)) { print "FAIL: the job is not TDMA-bound (DRAM term below 80 %)"; bad = 1 }
		exit bad }'
	;;
*)
	echo "usage: check_scaling.sh clock|slow_dram TPUSIM YAML WORKDIR [PEAK EFF]" >&2
	exit 2
	;;
esac
