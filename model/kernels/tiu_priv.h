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

#include <fenv.h>
#include <stdint.h>

#include "tiu_kernel.h"

/* Stride modes (short_*_str, hardware-reference 3.4) */
enum { TIU_STR_DEFAULT = 0, TIU_STR_WEIGHT = 1, TIU_STR_PARAM = 2, TIU_STR_MANUAL = 3 };

/* ps32_md: the partial-sum modes of conv and matmul (docs/datapath.md 3.8) */
enum { TIU_PS32_OFF = 0, TIU_PS32_LAST = 1, TIU_PS32_FIRST = 2, TIU_PS32_MID = 3 };

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
/* The same for operand opd (res0, opd0, opd1, opd2) of descriptor d, its
 * mode, shape and stride fields spelled once. */
#define TIU_OPD_STRIDES(o, d, opd, lanes, es)                                             \
	tiu_opd_strides(o, (d)->short_##opd##_str, lanes, es, (d)->opd##_c, (d)->opd##_h, \
			(d)->opd##_w, (d)->opd##_n_str, (d)->opd##_c_str, (d)->opd##_h_str,  \
			(d)->opd##_w_str)

/* 0 when every byte the operand touches for the (n, c, h, w) iteration
 * space lies inside LMEM (element size 1; + bs when wide). */
int tiu_opd_check(const struct tiu_opd *o, const struct kmem_lmem *lm,
		  uint64_t n, uint64_t c, uint64_t h, uint64_t w);

/* The outcome of a kernel's bounds check (out_of_lmem: some tiu_opd_check
 * failed): an operand outside LMEM is an error and nothing is executed;
 * in a timing-only context a descriptor that passed is timed, not
 * computed.  Nonzero when the kernel stops here. */
int tiu_stop_at_check(int out_of_lmem, const struct tiu_kctx *k, struct tiu_kresult *r);

/* Fills the address part of o from a local address (lane and offset). */
void tiu_opd_init(struct tiu_opd *o, uint64_t addr, int is_signed, int wide, uint64_t bs);

/* Byte of element (n, c, 0, 0) of o in LMEM (no range check). */
static inline uint8_t *tiu_opd_at(const struct tiu_opd *o, const struct kmem_lmem *lm,
				  uint64_t n, uint64_t c)
{
	uint64_t l = o->lane0 + c;

	return lm->base + (l % lm->lanes) * lm->lane_size + o->off0 +
	       (l / lm->lanes) * o->cs + n * o->ns;
}

/* The not-executed outcome shared by every kernel that declines an
 * encoding: timed only, error when the result or opd0 start lane is
 * outside LMEM (docs/datapath.md 3.1). */
void tiu_timing_only(const struct tiu_desc *d, const struct tiu_kctx *k,
		     struct tiu_kresult *r);

/* ---- tiu_window.c: the padded, zero-inserted, dilated input window of
 * conv, depthwise and pooling (docs/datapath.md 3.5) ---- */

struct tiu_win {
	uint64_t ih, iw;          /* input plane (opd0_h, opd0_w) */
	uint64_t oh, ow;          /* output plane (res0_h, res0_w) */
	uint64_t kh, kw;          /* kernel (opd1_h, opd1_w) */
	uint64_t sh, sw;          /* conv_op_y_str / conv_op_x_str */
	uint64_t dh, dw;          /* dilation: conv_opd1_*_ins0 + 1 */
	uint64_t pt, pl;          /* top / left pads */
	uint64_t yi, xi;          /* input row / column period: *_ins0 + 1 */
	uint64_t rows, cols;      /* extent of the extended plane the outputs read */
};

/* Largest extended plane (rows x cols), output and work (plane positions
 * built plus multiply-accumulates) computed functionally; beyond, a
 * descriptor is timed only ([A]: only aliasing strides get there, and the
 * host time would be out of all proportion). */
#define TIU_NN_MAX_PLANE (1ull << 24)
#define TIU_NN_MAX_ELEMS (1ull << 22)
#define TIU_NN_MAX_WORK  (1ull << 30)

/* Fills w from d; returns -1 when the plane is too large to compute or
 * the kernel is empty. */
int tiu_win_init(struct tiu_win *w, const struct tiu_desc *d);

/* Extended plane of input channel (n, c) of `in` (8-bit): rows x cols
 * int32 values, every position that is not an input element (pads,
 * inserted zeros, past the last element) holding `pad`. */
void tiu_win_plane(const struct tiu_win *w, const struct tiu_opd *in,
		   const struct kmem_lmem *lm, uint64_t n, uint64_t c, int32_t pad,
		   int32_t *plane);

/* The same plane of a bf16 input as floats, pads holding `pad`. */
void tiu_win_plane_bf16(const struct tiu_win *w, const struct tiu_opd *in,
			const struct kmem_lmem *lm, uint64_t n, uint64_t c, float pad,
			float *plane);

/* Results of a bf16 window operation, N x C planes of oh x ow in out
 * (computed after every input was read), written to res: bf16 values, or
 * with keep32 fp32 bit patterns split into halves bs apart. */
void tiu_win_store_bf16(const struct tiu_win *w, const struct tiu_opd *res,
			const struct kmem_lmem *lm, const uint32_t *out, uint64_t N, uint64_t C,
			int keep32, uint64_t bs);

/* acc[oy*ow + ox] += wt[ky*kw + kx] * plane[(oy*sh + ky*dh)*cols + ox*sw +
 * kx*dw] over the kernel; the accumulator is 32 bits and wraps. */
void tiu_win_mac(const struct tiu_win *w, const int32_t *restrict plane,
		 const int32_t *restrict wt, uint32_t *restrict acc);

/* ---- tiu_requant.c: the output stage of conv, depthwise, pooling and
 * matmul (docs/datapath.md 3.6) ---- */

/* Per-channel quantisation record (opt_chl_quan): bias, multiplier and
 * 6-bit signed shift of output channel c. */
struct tiu_chq {
	int32_t bias;
	int32_t mult;
	int shift;                /* > 0 right, < 0 left */
};

/* Bytes of one record: 9 with a bias (tsk_opd_num 3), else 5. */
static inline unsigned tiu_chq_size(int has_bias) { return has_bias ? 9u : 5u; }
void tiu_chq_load(struct tiu_chq *q, const uint8_t *p, int has_bias);
/* The 6-bit two's-complement shift of a record or of opt_res_shift
 * (mul_qm, matmul_qm): > 0 right, < 0 left; bits above 5 are ignored. */
int tiu_chq_shift6(unsigned bits);
/* The stage of the *_qm operations: no bias, quan_m and opt_res_shift. */
void tiu_chq_of_desc(struct tiu_chq *q, const struct tiu_desc *d);
/* x * mult / 2^31 with rounding, then a rounding shift (TFLite scheme). */
int32_t tiu_chq_apply(const struct tiu_chq *q, int32_t x);

/* The output stage of one channel of an 8-bit result: the 32-bit sum
 * plus a bias, then per-channel requantisation or a right shift, then
 * saturation and ReLU. */
struct tiu_post {
	int chq;                  /* opt_chl_quan: q applies, not rshift */
	struct tiu_chq q;
	uint32_t bias;            /* per-tensor bias (two's complement) */
	unsigned rshift;
	int round, is_signed, relu;
};

/* The opd2 operand (bias planes or per-channel records) of d for
 * channels 0..C-1: fills o, returns 0, or -1 for an encoding not
 * modelled.  *used is 0 when d has neither bias nor records. */
int tiu_post_opd(const struct tiu_desc *d, unsigned lanes, struct tiu_opd *o, int *used);
/* 0 when every opd2 byte of C channels is inside LMEM. */
int tiu_post_check(const struct tiu_desc *d, const struct tiu_opd *o,
		   const struct kmem_lmem *lm, uint64_t C);
/* The stage of channel c. */
void tiu_post_load(struct tiu_post *p, const struct tiu_desc *d, const struct tiu_opd *o,
		   int used, const struct kmem_lmem *lm, uint64_t c);
/* The 8-bit result of the wrapped 32-bit sum acc. */
uint8_t tiu_post_apply(const struct tiu_post *p, uint32_t acc);

/* floor((v + [2^(s-1) when round]) / 2^s), arithmetic */
static inline int64_t tiu_rshift(int64_t v, unsigned s, int round)
{
	if (!s)
		return v;
	if (s > 62)             /* |v| < 2^50: 62 and 63 give the same result */
		s = 62;
	if (round)
		v += (int64_t)1 << (s - 1);
	return v >> s;
}

/* Clamp to the 8- or 16-bit range of the given signedness. */
static inline int64_t tiu_sat(int64_t v, int wide, int is_signed)
{
	int64_t lo = is_signed ? (wide ? -32768 : -128) : 0;
	int64_t hi = is_signed ? (wide ? 32767 : 127) : (wide ? 65535 : 255);

	return v < lo ? lo : v > hi ? hi : v;
}

/* Element-wise tensor arithmetic (tsk_typ 3), tiu_eltwise.c.  Fills
 * r->executed / r->error / r->op_name; never touches r->cycles. */
void tiu_eltwise_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		      struct tiu_kresult *r);

/* Pooling and depthwise convolution (tsk_typ 1), tiu_pool.c. */
void tiu_pool_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		   struct tiu_kresult *r);

/* Convolution (tsk_typ 0), tiu_conv.c. */
void tiu_conv_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		   struct tiu_kresult *r);

/* Matrix multiply (tsk_typ 2), tiu_matmul.c. */
void tiu_matmul_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		     struct tiu_kresult *r);

/* Table lookup (tsk_typ 3, eu 12), tiu_lut.c. */
void tiu_lut_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		  struct tiu_kresult *r);

/* bf16 tensor arithmetic (tsk_typ 3, opd_typ 1), tiu_bf16.c, and its
 * conversions: bf16 bits -> float (exact); float -> bf16 rounding to
 * nearest even, NaN -> 0x7fc0, overflow -> 0x7f7f (docs/datapath.md 3.11). */
void tiu_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		   struct tiu_kresult *r);
float tiu_bf16_to_f32(uint32_t bits16);
uint16_t tiu_f32_to_bf16(float f);
/* The bf16 arithmetic loops (element-wise, conv, pooling, depthwise, matmul)
 * run with the host's single-precision arithmetic rounding toward zero,
 * as the hardware's does (docs/datapath.md 3.11): enter returns the
 * caller's mode, leave restores it.  No float arithmetic of the kernel
 * may lie outside the pair, and nothing inside may return early. */
static inline int tiu_rz_enter(void)
{
	int mode = fegetround();

	fesetround(FE_TOWARDZERO);
	return mode;
}

static inline void tiu_rz_leave(int mode)
{
	fesetround(mode);
}

/* The bf16 element at p (two bytes, little-endian) as a float. */
static inline float tiu_bf16_at(const uint8_t *p)
{
	return tiu_bf16_to_f32((uint32_t)p[0] | (uint32_t)p[1] << 8);
}

/* An fp32 value split in two bf16-sized halves, the high half at p and
 * the low half bs bytes further on: the layout of the bf16 biases and of
 * the bf16 ps32 partial sums (docs/datapath.md 3.12-3.14). */
static inline uint32_t tiu_f32_split_load(const uint8_t *p, uint64_t bs)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8) << 16 | (uint32_t)p[bs] |
	       (uint32_t)p[bs + 1] << 8;
}

/* A NaN is stored as the quiet NaN 0x7fc00000 (docs/datapath.md 3.13). */
static inline void tiu_f32_split_store(uint8_t *p, uint64_t bs, uint32_t bits)
{
	if ((bits & 0x7fffffffu) > 0x7f800000u)
		bits = 0x7fc00000u;
	p[0] = (uint8_t)(bits >> 16), p[1] = (uint8_t)(bits >> 24);
	p[bs] = (uint8_t)bits, p[bs + 1] = (uint8_t)(bits >> 8);
}

/* bf16 pooling and depthwise convolution (tsk_typ 1, opd_typ 1),
 * tiu_pool_bf16.c. */
void tiu_pool_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
			struct tiu_kresult *r);

/* bf16 convolution (tsk_typ 0, opd_typ 1), tiu_conv_bf16.c. */
void tiu_conv_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
			struct tiu_kresult *r);

/* bf16 matrix multiply (tsk_typ 2, opd_typ 1), tiu_matmul_bf16.c. */
void tiu_matmul_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
			  struct tiu_kresult *r);

#endif /* TPU_TIU_PRIV_H */
