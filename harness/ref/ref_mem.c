/* SPDX-License-Identifier: Apache-2.0 */
/* ref_mem.c - element addressing (ref_mem.h). */
#include "ref_mem.h"

#include <stdarg.h>
#include <stdio.h>

#include "ref_priv.h"

static _Thread_local char err[160];

void ref_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, sizeof(err), fmt, ap);
	va_end(ap);
}

const char *ref_error(void)
{
	return err;
}

uint8_t *ref_lmem_at(const struct ref_mem *m, uint64_t addr, uint64_t c, uint64_t cs, uint64_t off)
{
	uint64_t lane = addr / m->lane_size + c;
	uint64_t at = addr % m->lane_size + (lane / m->lanes) * cs + off;

	if (at >= m->lane_size) {
		ref_fail("local offset 0x%llx outside the lane", (unsigned long long)at);
		return NULL;
	}
	return m->lmem + (lane % m->lanes) * m->lane_size + at;
}

uint8_t *ref_lmem_flat(const struct ref_mem *m, uint64_t laddr)
{
	if (laddr >= (uint64_t)m->lanes * m->lane_size) {
		ref_fail("local address 0x%llx past the last lane", (unsigned long long)laddr);
		return NULL;
	}
	return m->lmem + laddr;
}

uint8_t *ref_dram_at(const struct ref_mem *m, uint64_t phys)
{
	if (phys < m->dram_base || phys - m->dram_base >= m->dram_size) {
		ref_fail("DRAM 0x%llx outside the compared window", (unsigned long long)phys);
		return NULL;
	}
	return m->dram + (phys - m->dram_base);
}

uint8_t *ref_byte(const struct ref_mem *m, const struct ref_tensor *t, uint64_t n, uint64_t c,
		  uint64_t h, uint64_t w, unsigned k)
{
	uint64_t in_channel = n * t->ns + h * t->hs + w * t->es + k;

	if (t->local)
		return ref_lmem_at(m, t->addr, c, t->cs, in_channel);
	return ref_dram_at(m, t->addr + c * t->cs + in_channel);
}
