/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_tiu.h - what a TIU element-wise operation computes, per element
 * (docs/datapath.md "TIU"):
 *   mul/mac/add/sub/max/min/copy: the exact value v = op(a, b) (mac adds
 *   acc << lshift), then v = floor((v [+ 2^(rshift-1) when rounding]) /
 *   2^rshift), saturated to the result's range, then ReLU;
 *   and/or/xor/shift: the exact value wrapped to the result's width
 *   (shift: b >= 0 shifts left, b < 0 arithmetic right).
 */
#ifndef TPUSIM_REF_TIU_H
#define TPUSIM_REF_TIU_H

#include "ref_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The operations, numbered as the descriptor's tsk_eu_typ (cvikernel's
 * TENSOR_*_FIX8B), so a test can put them in a descriptor as they are. */
enum ref_tiu_op {
	REF_TIU_MUL = 0,
	REF_TIU_MAC = 1,
	REF_TIU_ADD = 2,
	REF_TIU_SUB = 3,
	REF_TIU_MAX = 4,
	REF_TIU_MIN = 5,
	REF_TIU_SHIFT = 6,
	REF_TIU_AND = 7,
	REF_TIU_OR = 8,
	REF_TIU_XOR = 9,
	REF_TIU_COPY = 10,
};

struct ref_eltwise {
	enum ref_tiu_op op;
	unsigned rshift;      /* right shift of the exact value */
	bool round;           /* add 2^(rshift - 1) first (round half up) */
	unsigned lshift;      /* mac: the accumulator's left shift */
	bool relu;            /* negative results become 0 */
	bool res_wide;        /* 16-bit result, else 8-bit */
	bool res_signed;
};

/* floor(v / 2^s), after adding 2^(s-1) when round (s = 0: v). */
int64_t ref_rshift(int64_t v, unsigned s, bool round);

/* v clamped to the range of an 8- or 16-bit, signed or unsigned value. */
int64_t ref_saturate(int64_t v, bool wide, bool is_signed);

/* The value one result element takes, from its operands' values a and b
 * and, for mac, the accumulator acc (the old 16-bit result). */
int64_t ref_eltwise_elem(const struct ref_eltwise *p, int64_t a, int64_t b, int64_t acc);

/*
 * An operand in LMEM as the TIU addresses it: element (n, c, h, w) at
 * channel c of addr (ref_lmem_at) plus n*ns + h*hs + w*ws; a 16-bit value
 * keeps its high byte bs bytes after the low one.
 */
struct ref_tiu_opd {
	uint64_t addr;
	uint64_t ns, cs, hs, ws, bs;
	bool wide, is_signed;
};

/* Low byte of element (n, c, h, w) of o in m; NULL outside the lane (the
 * high byte, when wide, must fit too). */
uint8_t *ref_tiu_at(const struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		    uint64_t h, uint64_t w);
/* The value there, read with o's width and signedness; 0 or -1. */
int ref_tiu_load(const struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		 uint64_t h, uint64_t w, int64_t *v);
/* Store v's low byte (and, when wide, its next byte); 0 or -1. */
int ref_tiu_store(struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		  uint64_t h, uint64_t w, int64_t v);

/*
 * The whole operation over N x C x H x W elements: operands read from
 * `from`, results written to `to`.  b is NULL when opd1 is a constant
 * (b_const, already the value the hardware reads) or for copy.  mac reads
 * its accumulator from res as a 16-bit value of res's signedness.  0 or -1.
 */
int ref_tiu_eltwise(const struct ref_mem *from, struct ref_mem *to, const struct ref_eltwise *p,
		    const struct ref_tiu_opd *res, const struct ref_tiu_opd *a,
		    const struct ref_tiu_opd *b, int64_t b_const, uint32_t N, uint32_t C,
		    uint32_t H, uint32_t W);

/*
 * Element-wise over n 8-bit elements, as the scenario runner's jobs use the
 * TIU (8-bit operands and result, rshift rounding half up as the runtime
 * programs it, no accumulation).  b NULL: every element uses the constant
 * b_scalar, read as the byte (uint8_t)b_scalar of b_signed.  copy ignores b.
 */
struct ref_eltwise_i8_args {
	enum ref_tiu_op op;
	const uint8_t *a;
	bool a_signed;
	const uint8_t *b;
	bool b_signed;
	int b_scalar;
	unsigned rshift;
	bool relu;
	bool res_signed;
};
void ref_eltwise_i8(const struct ref_eltwise_i8_args *e, uint8_t *res, size_t n);

#ifdef __cplusplus
}
#endif

#endif
