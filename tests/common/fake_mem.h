/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fake_mem.h - the memories the datapath kernel suites (tests/unit:
 * check_tdma_kernel, check_tdma_modes, check_tiu_kernel, check_tiu_nn)
 * run a kernel on: a DRAM window and an LMEM of 8 lanes, each live (what
 * the kernel sees), as a snapshot taken before the run (what the
 * reference reads) and as the expected image (what the reference
 * writes).  A case then compares live with expected byte for byte.
 */
#ifndef TPUSIM_TESTS_FAKE_MEM_H
#define TPUSIM_TESTS_FAKE_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "kmem.h"
#include "ref_mem.h"
#include "rng.h"

#define DRAM_BASE  0x80000000ull
#define DRAM_SIZE  (1u << 20)
#define LANES      8u
#define LANE_SZ    0x8000u
#define LMEM_SIZE  (LANES * LANE_SZ)

extern uint8_t *dram, *lmem;            /* live memories the kernel sees */
extern uint8_t *odram, *olmem;          /* snapshots before the run */
extern uint8_t *edram, *elmem;          /* expected images */

/* The DRAM callbacks' counts since fake_mem_snap(): calls, and the bytes
 * touched by timing-only runs. */
extern unsigned n_reads, n_writes, n_probes;
extern uint64_t touched_read, touched_write;

/* Cases a test compared against its reference (each test asserts it ran
 * some: a table that became empty would otherwise pass silently).  Reset
 * by fake_mem_alloc(), the suites' setup, so the count is this test's in
 * any fork mode; fake_mem_check() counts one. */
extern unsigned g_cases;

/* Reads and writes inside the DRAM window, -1 outside it; with probe and
 * touch, or without (a fault may then leave earlier rows written). */
extern const struct kmem_ops fake_mem_ops, fake_mem_ops_noprobe;

/* Allocates the six images (a Check assertion when it cannot) and resets
 * g_cases; fake_mem_free() frees them. */
void fake_mem_alloc(void);
void fake_mem_free(void);

/* n bytes at p from r, one 32-bit draw per 4 bytes in host order
 * (n a multiple of 4). */
void fake_mem_fill32(struct test_rng *r, uint8_t *p, size_t n);

/* Snapshot := expected := live; the callback counts restart. */
void fake_mem_snap(void);

/* The LMEM the kernels see. */
struct kmem_lmem fake_mem_lmem(void);

/* The reference's view of a DRAM image and an LMEM image (dimg NULL:
 * LMEM only). */
struct ref_mem fake_mem_ref(uint8_t *dimg, uint8_t *limg);

/* Live against expected, both memories (counts a case), or LMEM alone;
 * a difference fails the test at its first byte, named with tag. */
void fake_mem_check(const char *tag);
void fake_mem_check_lmem(const char *tag);

/* Live against the snapshot: nothing written. */
void fake_mem_check_unchanged(const char *tag);

#endif
