#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# check_port.sh - timing.port: bench_timing's totals against the
# vendor-formula reference values of shared/spec/silicon-timing.md 5.1
# (computed there with a separate port of the tpu-mlir formulas):
#   * payload bytes equal to the printed 0.01 MiB, DRAM bytes over all runs
#     within 0.01 MiB (the two small classifiers are 0.01 MiB below);
#     except on the files with compressed weight loads (last column 1):
#     5.1 counts a compressed load at its uncompressed size, tpusim at the
#     stream it reads (docs/datapath.md 2.11), so there both figures must
#     only be at most 5.1's;
#   * Σ TIU formula cycles: 0 to 7 % below 5.1, which takes the int8 flags
#     as 0 and opd_typ from "result is 16-bit" (defect 3; tpusim reads the
#     descriptor's own fields, docs/timing.md "Checking the port").
#
#   check_port.sh BENCH_TIMING DATA_DIR
set -eu
bench=$1 data=$2
# file, TIU descriptors, TIU cycles, TDMA descriptors, DDR MiB, payload MiB (5.1),
# compressed loads present
ref='cls_attribute_gender_age_glass_mask_112_112_INT8_cv181x 46 189981 96 0.36 0.34 1
cls_keypoint_hand_gesture_1_42_INT8_cv181x 24 1599 37 0.05 0.04 1
cls_sound_babay_cry_188_40_INT8_cv181x 36 1303118 61 1.28 1.15 0
mbv2_det_person_256_384_INT8_cv181x 468 1447340 826 6.89 6.78 0
yolov8n_det_face_head_person_pet_384_640_INT8_cv181x 497 3085229 892 18.77 17.92 0
mobiledetv2-pedestrian-d0-ls-448 654 3839990 760 14.14 13.28 1'
files=$(echo "$ref" | awk -v d="$data" '{ printf "%s/%s.cvimodel ", d, $1 }')
# shellcheck disable=SC2086
out=$("$bench" $files)
echo "$out"
echo "$ref" | awk -v out="$out" 'BEGIN { n = split(out, l, "\n"); for (i = 2; i <= n; i++) { split(l[i], f, " "); got[f[1]] = l[i] } }
{
	split(got[$1], g, " ")
	if (!($1 in got)) { print "FAIL: " $1 " missing"; bad = 1; next }
	d = (g[3] - $3) / $3
	printf "%-52s TIU %d/%d cycles %d/%d (%+.1f %%) TDMA %d/%d MiB %s/%s payload %s/%s\n",
	       $1, g[2], $2, g[3], $3, 100 * d, g[4], $4, g[5], $5, g[6], $6
	if (g[2] != $2 || g[4] != $4) { print "FAIL: descriptor counts"; bad = 1 }
	if (!(d <= 0 && d >= -0.07)) { print "FAIL: TIU cycles outside 0..-7 % of 5.1"; bad = 1 }
	if ($7 == 1) {
		if (g[5] > $5 + 0.0001 || g[6] > $6 + 0.0001) { print "FAIL: bytes above 5.1 with compressed loads"; bad = 1 }
		next
	}
	if (g[5] - $5 > 0.0101 || $5 - g[5] > 0.0101) { print "FAIL: DDR bytes off by more than 0.01 MiB"; bad = 1 }
	if (g[6] != $6) { print "FAIL: payload bytes"; bad = 1 }
}
END { exit bad }'
