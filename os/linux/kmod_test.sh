#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
#
# kmod_test.sh - the kmod.* CTest tests: build the cvi_tpu module against
# installed kernel headers and judge the result.
#
#   kmod_test.sh build|sparse|modinfo SRC_ROOT GEN_INCLUDE BUILD_DIR [KERNEL_DIR]
#
#   build    make W=1 with -Werror: fails on any compiler or modpost
#            warning, and if the build wrote anything into os/ or driver/
#   sparse   make C=2 (every file through sparse): fails on any report
#   modinfo  the .ko that "build" left in BUILD_DIR: name, licence, the OF
#            alias of "cvitek,tpu", and no module parameters
#
# KERNEL_DIR empty: the running kernel's build tree, else the newest
# /lib/modules/*/build (a container's kernel is not the headers' one).
# Exits 77 (CTest SKIP_RETURN_CODE) with one line when the kernel headers
# or sparse are not installed.
set -u

mode=$1 src=$2 gen=$3 out=$4 kdir=${5:-}
skip=77

# The Makefile runs in os/linux (make -C): relative paths would resolve
# there.
src=$(realpath -m "$src") gen=$(realpath -m "$gen") out=$(realpath -m "$out")

if [ -z "$kdir" ]; then
	kdir=/lib/modules/$(uname -r)/build
	if [ ! -f "$kdir/Makefile" ]; then
		kdir=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
	fi
fi
if [ -z "$kdir" ] || [ ! -f "$kdir/Makefile" ]; then
	echo "SKIP: no kernel headers (apt-get install linux-headers-amd64, or set TPUSIM_KERNEL_DIR)"
	exit $skip
fi

# Kernel flags only: nothing of the calling build (sanitizer presets,
# CFLAGS from the environment, a parent make's jobserver) reaches kbuild.
unset CFLAGS CPPFLAGS LDFLAGS MAKEFLAGS MFLAGS MAKELEVEL

kmake() {
	make -s -j4 -C "$src/os/linux" BUILD_DIR="$out" GEN_INCLUDE="$gen" KERNEL_DIR="$kdir" "$@"
}

# Diagnostics in kbuild output; the BTF note of a headers-only tree is not one.
diagnostics() {
	grep -E -i 'warning|error' "$1" | grep -v 'Skipping BTF generation'
}

case $mode in
build)
	echo "kernel: $kdir"
	mkdir -p "$out" && kmake clean >/dev/null 2>&1
	stamp=$out/.kmod-test-stamp
	touch "$stamp"
	kmake W=1 KCFLAGS=-Werror modules >"$out/build.log" 2>&1
	rc=$?
	cat "$out/build.log"
	[ $rc -eq 0 ] || { echo "FAIL: kbuild exited $rc"; exit 1; }
	if diagnostics "$out/build.log" >/dev/null; then
		echo "FAIL: warnings in the W=1 build"; exit 1
	fi
	written=$(find "$src/os" "$src/driver" -newer "$stamp" 2>/dev/null)
	if [ -n "$written" ]; then
		echo "FAIL: the build wrote into the source tree:"; echo "$written"; exit 1
	fi
	[ -f "$out/cvi_tpu.ko" ] || { echo "FAIL: no cvi_tpu.ko"; exit 1; }
	echo "OK: cvi_tpu.ko built with W=1, no warnings"
	;;
sparse)
	if ! command -v sparse >/dev/null 2>&1; then
		echo "SKIP: sparse is not installed (apt-get install sparse)"
		exit $skip
	fi
	echo "kernel: $kdir"
	mkdir -p "$out" && kmake clean >/dev/null 2>&1
	kmake C=2 modules >"$out/sparse.log" 2>&1
	rc=$?
	cat "$out/sparse.log"
	[ $rc -eq 0 ] || { echo "FAIL: kbuild exited $rc"; exit 1; }
	if diagnostics "$out/sparse.log" >/dev/null; then
		echo "FAIL: sparse reports"; exit 1
	fi
	echo "OK: sparse clean"
	;;
modinfo)
	ko=$out/cvi_tpu.ko
	[ -f "$ko" ] || { echo "FAIL: $ko missing (kmod.build makes it)"; exit 1; }
	# modinfo(8) prints what the .modinfo section holds; read the section
	# directly when the kmod package is not installed.
	if command -v modinfo >/dev/null 2>&1; then
		info=$(modinfo "$ko" | sed 's/:  */=/')
	else
		info=$(objcopy -O binary --only-section=.modinfo "$ko" /dev/stdout | tr '\0' '\n')
	fi
	echo "$info"
	fail=0
	expect() {
		if ! echo "$info" | grep -q -x -F "$1"; then
			echo "FAIL: no \"$1\""; fail=1
		fi
	}
	expect "name=cvi_tpu"
	expect "license=GPL"
	expect "alias=of:N*T*Ccvitek,tpu"
	expect "alias=of:N*T*Ccvitek,tpuC*"
	# The module has no parameters; adding one means updating this test.
	if echo "$info" | grep -q '^parm'; then
		echo "FAIL: unexpected module parameters"; fail=1
	fi
	[ $fail -eq 0 ] && echo "OK: modinfo as expected"
	exit $fail
	;;
*)
	echo "usage: $0 build|sparse|modinfo SRC_ROOT GEN_INCLUDE BUILD_DIR [KERNEL_DIR]" >&2
	exit 2
	;;
esac
