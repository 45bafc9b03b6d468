/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fake_mem.c - the kernel suites' memories (fake_mem.h).
 */
#include "fake_mem.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

uint8_t *dram, *lmem, *odram, *olmem, *edram, *elmem;
unsigned n_reads, n_writes, n_probes;
uint64_t touched_read, touched_write;
unsigned g_cases;

static int in_dram(uint64_t addr, size_t len)
{
	return addr >= DRAM_BASE && len <= DRAM_SIZE && addr - DRAM_BASE <= DRAM_SIZE - len;
}

static int f_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	(void)ctx;
	n_reads++;
	if (!in_dram(addr, len))
		return -1;
	memcpy(dst, dram + (addr - DRAM_BASE), len);
	return 0;
}

static int f_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	(void)ctx;
	n_writes++;
	if (!in_dram(addr, len))
		return -1;
	memcpy(dram + (addr - DRAM_BASE), src, len);
	return 0;
}

static int f_probe(void *ctx, uint64_t addr, size_t len)
{
	(void)ctx;
	n_probes++;
	return in_dram(addr, len) ? 0 : -1;
}

static int f_touch(void *ctx, uint64_t addr, size_t len, int write)
{
	(void)ctx;
	if (!in_dram(addr, len))
		return -1;
	*(write ? &touched_write : &touched_read) += len;
	return 0;
}

const struct kmem_ops fake_mem_ops = { f_read, f_write, f_probe, f_touch };
const struct kmem_ops fake_mem_ops_noprobe = { f_read, f_write, NULL, NULL };

void fake_mem_alloc(void)
{
	dram = malloc(DRAM_SIZE);
	lmem = malloc(LMEM_SIZE);
	odram = malloc(DRAM_SIZE);
	olmem = malloc(LMEM_SIZE);
	edram = malloc(DRAM_SIZE);
	elmem = malloc(LMEM_SIZE);
	ck_assert(dram && lmem && odram && olmem && edram && elmem);
	g_cases = 0;
}

void fake_mem_free(void)
{
	free(dram);
	free(lmem);
	free(odram);
	free(olmem);
	free(edram);
	free(elmem);
}

void fake_mem_fill32(struct test_rng *r, uint8_t *p, size_t n)
{
	size_t i;
	uint32_t v;

	for (i = 0; i < n; i += 4) {
		v = test_rng_u32(r);
		memcpy(p + i, &v, 4);
	}
}

void fake_mem_snap(void)
{
	memcpy(odram, dram, DRAM_SIZE);
	memcpy(olmem, lmem, LMEM_SIZE);
	memcpy(edram, dram, DRAM_SIZE);
	memcpy(elmem, lmem, LMEM_SIZE);
	n_reads = n_writes = n_probes = 0;
	touched_read = touched_write = 0;
}

struct kmem_lmem fake_mem_lmem(void)
{
	struct kmem_lmem l = { lmem, LANES, LANE_SZ };

	return l;
}

struct ref_mem fake_mem_ref(uint8_t *dimg, uint8_t *limg)
{
	struct ref_mem m = { limg, LANES, LANE_SZ, dimg, dimg ? DRAM_BASE : 0, dimg ? DRAM_SIZE : 0 };

	return m;
}

void fake_mem_check_lmem(const char *tag)
{
	uint32_t i;

	if (!memcmp(lmem, elmem, LMEM_SIZE))
		return;
	for (i = 0; i < LMEM_SIZE; i++)
		if (lmem[i] != elmem[i])
			ck_abort_msg("%s: LMEM lane %u off 0x%x = 0x%02x, expected 0x%02x", tag,
				     i / LANE_SZ, i % LANE_SZ, lmem[i], elmem[i]);
}

void fake_mem_check(const char *tag)
{
	uint32_t i;

	g_cases++;
	if (memcmp(dram, edram, DRAM_SIZE))
		for (i = 0; i < DRAM_SIZE; i++)
			if (dram[i] != edram[i])
				ck_abort_msg("%s: DRAM[0x%llx] = 0x%02x, expected 0x%02x", tag,
					     (unsigned long long)(DRAM_BASE + i), dram[i], edram[i]);
	fake_mem_check_lmem(tag);
}

void fake_mem_check_unchanged(const char *tag)
{
	ck_assert_msg(memcmp(dram, odram, DRAM_SIZE) == 0, "%s: DRAM changed", tag);
	ck_assert_msg(memcmp(lmem, olmem, LMEM_SIZE) == 0, "%s: LMEM changed", tag);
}
