/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_kernel.h - functional execution and cost of one TIU descriptor.
 *
 * Descriptors here are in canonical (un-reordered) form; the model undoes
 * the stored chunk reorder (tpu/tiu_reorder.h) before calling in.
 */
#ifndef TPU_TIU_KERNEL_H
#define TPU_TIU_KERNEL_H

#include <stdint.h>

#include "kmem.h"
#include "tpu/tiu_desc.h"    /* generated from regs/tiu_desc.yaml */

#ifdef __cplusplus
extern "C" {
#endif

struct tiu_kctx {
	struct kmem_lmem lmem;
	/* Timing only: every check an executed descriptor gets (operands
	 * inside LMEM, encodings), its cost, and no arithmetic. */
	int timing_only;
};

struct tiu_kresult {
	int error;           /* 1 = LMEM access out of range or invalid operand encoding */
	int executed;        /* 1 = computed functionally; 0 = timed only (not implemented,
			      * or kctx.timing_only) */
	uint64_t cycles;     /* TPU cycles, from tiu_kernel_cost() */
	const char *op_name; /* "add", "mul", "conv", ... */
};

/* Execute d on LMEM; fills r (including r->cycles).  Never aborts. */
void tiu_kernel_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		     struct tiu_kresult *r);

/* Cycle estimate: tiu_kernel_formula_cycles plus the per-descriptor
 * overhead (TPU_TIU_DESC_OVERHEAD_CYCLES, docs/timing.md). */
uint64_t tiu_kernel_cost(const struct tiu_desc *d, unsigned lanes);
/* The tpu-mlir CV18xx cost formulas alone (hardware-reference 7.5), or the
 * stated default for unknown ops (docs/datapath.md 4). */
uint64_t tiu_kernel_formula_cycles(const struct tiu_desc *d, unsigned lanes);

/* Operation name for tsk_typ / tsk_eu_typ (never NULL). */
const char *tiu_kernel_op_name(const struct tiu_desc *d);

#ifdef __cplusplus
}
#endif

#endif /* TPU_TIU_KERNEL_H */
