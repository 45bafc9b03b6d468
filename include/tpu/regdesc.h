/* SPDX-License-Identifier: Apache-2.0 */
/*
 * regdesc.h - types of the register tables generated from regs/<block>.yaml.
 *
 * The generator (tools/regsgen) emits one `const struct tpu_reg_block` per
 * register block.  The model applies access rules from these masks
 * generically; nothing else in the tree spells an offset or a reset value.
 * Usable from C and C++.
 */
#ifndef TPU_REGDESC_H
#define TPU_REGDESC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One 32-bit register (array registers are expanded, one entry each). */
struct tpu_reg_desc {
	const char *name;      /* upper case, array index appended: "ARRAYBASE_L3" */
	uint32_t offset;       /* byte offset from the block base */
	uint32_t resval;       /* reset value */
	uint32_t defined_mask; /* bits covered by a field; the rest read 0 */
	uint32_t rw_mask;      /* software read/write */
	uint32_t ro_mask;      /* hardware driven, writes ignored */
	uint32_t w1c_mask;     /* write 1 to clear */
	uint32_t sc_mask;      /* self-clearing pulse, reads 0 */
	int assumed;           /* reset value or layout marked assumed in the YAML */
};

struct tpu_reg_block {
	const char *name;      /* "tdma" */
	uint64_t base;         /* physical base address */
	uint32_t size;         /* window size in bytes */
	int irq;               /* interrupt line, -1 if none */
	const struct tpu_reg_desc *regs;
	size_t nregs;
};

/* Linear search by offset; NULL when no register lives there. */
static inline const struct tpu_reg_desc *
tpu_reg_lookup(const struct tpu_reg_block *blk, uint32_t offset)
{
	size_t i;

	for (i = 0; i < blk->nregs; i++)
		if (blk->regs[i].offset == offset)
			return &blk->regs[i];
	return NULL;
}

#ifdef __cplusplus
}
#endif

#endif /* TPU_REGDESC_H */
