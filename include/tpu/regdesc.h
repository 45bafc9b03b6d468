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

/*
 * The interrupt line as a function of the registers (YAML `irq_when`): high
 * while the enable bit is set (or enable_mask is 0) and some bit of
 * status_mask is set in the status register whose mask bit is clear.  The
 * mask field lines up with the status field: mask bit i (counted from
 * mask_shift) masks status bit i (counted from status_shift).
 */
struct tpu_irq_logic {
	uint32_t status_offset, status_mask, status_shift;
	uint32_t mask_offset, mask_mask, mask_shift;   /* mask_mask 0: no mask */
	uint32_t enable_offset, enable_mask;           /* enable_mask 0: always enabled */
};

struct tpu_reg_block {
	const char *name;      /* "tdma" */
	uint64_t base;         /* physical base address */
	uint32_t size;         /* window size in bytes */
	int irq;               /* interrupt line, -1 if none */
	const struct tpu_reg_desc *regs;
	size_t nregs;
	const struct tpu_irq_logic *irq_logic;  /* NULL: the block drives no line */
};

/* The line's level, given the values of the registers irq_logic names. */
static inline int tpu_irq_logic_level(const struct tpu_irq_logic *l, uint32_t status, uint32_t mask,
				      uint32_t enable)
{
	uint32_t s = (status & l->status_mask) >> l->status_shift;
	uint32_t m = (mask & l->mask_mask) >> l->mask_shift;

	if (l->enable_mask && !(enable & l->enable_mask))
		return 0;
	return (s & ~m) != 0;
}

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
