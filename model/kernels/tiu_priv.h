/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_priv.h - private interfaces between the TIU kernel files.
 *
 * tiu_kernel.c (dispatch) calls tiu_eltwise.c and tiu_cost.c; both of
 * those decode operands with tiu_operand.c, which depends on none of them,
 * so the files form a tree.  The tsk_typ / tsk_eu_typ values are the
 * generated TIU_DESC_TSK_TYP_* / TIU_DESC_TSK_EU_TYP_* (tpu/tiu_desc.h).
 */
#ifndef TPU_TIU_PRIV_H
#define TPU_TIU_PRIV_H

#include <stdint.h>

#include "tiu_kernel.h"

/* Stride modes (short_*_str, hardware-reference 3.4) */
enum { TIU_STR_DEFAULT = 0, TIU_STR_WEIGHT = 1, TIU_STR_PARAM = 2, TIU_STR_MANUAL = 3 };

/* One LMEM operand tensor with its effective byte strides. */
struct tiu_opd {
	uint64_t addr;          /* local address as in the descriptor */
	uint64_t lane0, off0;   /* start lane, offset in lane */
	uint64_t ns, cs, hs, ws;
	uint64_t bs;            /* plane distance when wide */
	int wide;               /* 1 = 16-bit value in two 8-bit planes */
	int is_signed;
};

/*
 * Effective strides of an operand for stride mode `mode` (0 default
 * compact EU-aligned, 2 per-channel-parameter layout, 3 manual); the
 * default layouts are computed from the operand's own shape fields (c, h,
 * w) and element size es.  Returns 0, or -1 for mode 1 (not modelled).
 */
int tiu_opd_strides(struct tiu_opd *o, unsigned mode, unsigned lanes, unsigned es,
		    uint64_t c, uint64_t h, uint64_t w,
		    uint64_t ns, uint64_t cs, uint64_t hs, uint64_t ws);

/* 0 when every byte the operand touches for the (n, c, h, w) iteration
 * space lies inside LMEM (element size 1; + bs when wide). */
int tiu_opd_check(const struct tiu_opd *o, const struct kmem_lmem *lm,
		  uint64_t n, uint64_t c, uint64_t h, uint64_t w);

/* Element-wise tensor arithmetic (tsk_typ 3), tiu_eltwise.c.  Fills
 * r->executed / r->error / r->op_name; never touches r->cycles. */
void tiu_eltwise_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		      struct tiu_kresult *r);

#endif /* TPU_TIU_PRIV_H */
