#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# gen_abi_seq_seeds.py - writes the seed corpus of fuzz_abi_seq
# (corpus/abi_seq/): a few valid system-call sequences and a few bad ones.
#
#   tests/libfuzzer/gen_abi_seq_seeds.py tests/libfuzzer/corpus/abi_seq
#
# An input is two header bytes (processes, threads per process) and then
# the decisions of tests/fuzz/abi_ops.cpp in the order the operations ask
# for them (README.md, "fuzz_abi_seq"): below(n) takes one byte for
# n <= 256, two for n <= 65536, else four; chance(p) is one byte < p;
# u32() four bytes, next() eight; fill() one byte.  Each operation below
# lists its decisions in that order; replay a seed with
# FUZZ_ABI_SEQ_VERBOSE=1 build-libfuzzer/tests/libfuzzer/fuzz_abi_seq FILE
# to see what it does.
import os
import sys

OPEN, CLOSE, DUP, ION_ALLOC, ION_MISC, MMAP, MUNMAP, WRITE_MAPPING, READ_MAPPING, \
    TPU_IOCTL, RW, HEAP, SLEEP, VALID_JOB, BURST, EXIT = range(16)

YES, NO = 0, 99           # chance(p): byte 0 is below every p, 99 above
U32 = [0, 0, 0, 0]
U64 = [0] * 8
VALID_ARG = [0, YES]      # place_arg: a valid region, no extra bytes


def open_(path):          # pick of 7 paths: 0 /dev/cvi-tpu0, 2 /dev/ion, 4 "/dev/nope"
    return [OPEN, path]


def ion_alloc(len_case, mask=0, fd_ion=0, arg=VALID_ARG):
    # pick_len case (3: 4096, 5: 64 KiB, 0: 0); u32 + heap mask index (0:
    # carveout, 5: 0); flags chance(50) (cached); a.fd u32; a.paddr u64;
    # name chance(30) no, chance(50) "fuzz"; ion_fd chance(85) + index;
    # place_arg; release_arg chance(80).
    return [ION_ALLOC, len_case] + U32 + [mask, YES] + U32 + U64 + [NO, YES, YES, fd_ion] + arg + [YES]


def mmap_(buf=0):         # a buffer (chance 80, index); len case 0 (size); off case 0
    return [MMAP, YES, buf, 0, 0]


def munmap_(m=0):         # k below(10) = 0: a mapping; its index
    return [MUNMAP, 0, m]


def write_cmdbuf(data_buf):
    # map 0; cmdbuf chance(70); make_cmdbuf: h-1, w-1, two global offsets
    # chance(80) -> 0, n-1 = 2 ops: G2L, eltwise (op 0, const chance, value
    # 5), L2G; arraybase 2 and 3: chance(85) + the data buffer's index;
    # opts: no flags, no pmubuf; mutate case 0 (as built); FLUSH chance(70)
    # on TPU fd index 0.
    return ([WRITE_MAPPING, 0, YES, 3, 15, YES, YES, 2, 0, 2, 0, YES, 5, 1,
             YES, data_buf, YES, data_buf, NO, NO, 0, YES, 0])


def tpu_ioctl_head(k):    # tpu_fd chance(85) + index 0; k below(100); fill seed
    return [TPU_IOCTL, YES, 0, k, 0]


def submit(buf=0):        # k 0: SUBMIT; buf_fd chance(80) + index; seq chance(60): next
    return tpu_ioctl_head(0) + [YES, buf, YES] + VALID_ARG + [YES]


def submit_tpu_fd():      # SUBMIT of the TPU fd itself (no buffers: any_fd k 40 -> tpu fd 0)
    return tpu_ioctl_head(0) + [40, 0, YES] + VALID_ARG + [YES]


def wait_():              # k 30: WAIT; pick_seq chance(70) + index 0; u32 ret
    return tpu_ioctl_head(30) + [YES, 0] + U32 + VALID_ARG + [YES]


def flush_fd(k_any):      # k 60: FLUSH_FD/INVLD_FD; buf_fd -> any_fd(k); chance(50) FLUSH_FD
    return tpu_ioctl_head(60) + [k_any, 0, YES] + VALID_ARG + [YES]


def unknown_tpu_cmd():    # k 90: an unknown command: nr 0xff, dir 1, size 16, u32, pick 0
    return tpu_ioctl_head(90) + [0, 4, 1, 0x10, 0x00] + U32 + [0] + VALID_ARG + [YES]


def heap_query(cnt_index, heaps_case, room):
    # ion_fd chance(85) + index; k 2: HEAP_QUERY; cnt: u32 + pick index
    # (1: 1, 3: 3, 0: 0); heaps case (0 null, 2 zeroed room for room+1
    # entries); place_arg; release.
    tail = [room] if heaps_case == 2 else []
    return [ION_MISC, YES, 0, 2] + U32 + [cnt_index, heaps_case] + tail + VALID_ARG + [YES]


def close_(k_any):        # any_fd: k picks the kind (40: a TPU fd, 70: a closed fd)
    return [CLOSE, k_any, 0]


def valid_job(h):         # the runtime's job: seed u32, h-1
    return [VALID_JOB] + U32 + [h]


SEEDS = {
    # open both devices, allocate a command buffer and a data buffer,
    # write a program into the first (and FLUSH it), SUBMIT it and WAIT.
    "submit_wait_roundtrip": [0, 0] + open_(0) + open_(2) + ion_alloc(5) + ion_alloc(5) + mmap_(0)
    + write_cmdbuf(1) + submit(0) + wait_(),
    # the same round trip through the runtime (one opaque operation).
    "valid_job": [0, 0] + valid_job(3),
    # ION: allocate, map, read and write, unmap; a HEAP_QUERY with room
    # for exactly the count asked.
    "ion_alloc_mmap_munmap": [0, 0] + open_(2) + ion_alloc(3) + mmap_(0)
    + [READ_MAPPING, 0, 0, 0, 16] + munmap_(0) + heap_query(3, 2, 3),
    # bad calls: SUBMIT of the TPU fd, an unknown command, FLUSH_FD of the
    # TPU fd, a zero-length and a zero-mask ALLOC, a HEAP_QUERY for 1
    # entry with room for 2, opening a missing node, closing an fd twice.
    "bad_ioctls": [0, 0] + open_(0) + open_(2) + submit_tpu_fd() + unknown_tpu_cmd() + flush_fd(40)
    + ion_alloc(0) + ion_alloc(3, mask=5) + heap_query(1, 2, 1) + open_(4) + close_(40) + close_(70),
    # two processes of two threads each, each opening, allocating and
    # submitting; one process exits while the other still works.
    "two_procs": [1, 1] + open_(0) + open_(2) + open_(0) + open_(2) + ion_alloc(3) + ion_alloc(3)
    + submit(0) + submit(0) + [EXIT] + wait_() + wait_(),
}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_abi_seq_seeds.py OUTDIR")
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(sys.argv[1], name), "wb") as f:
            f.write(bytes(data))


if __name__ == "__main__":
    main()
