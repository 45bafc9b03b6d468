/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_requant.c - per-channel requantisation (opt_chl_quan) of conv and
 * depthwise results: the 5- or 9-byte record per output channel and the
 * fixed-point multiply of the TFLite scheme the vendor tests state
 * (docs/datapath.md 3.6); mul_qm and matmul_qm take the same multiply
 * from quan_m and opt_res_shift.
 */
#include "tiu_priv.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void tiu_chq_load(struct tiu_chq *q, const uint8_t *p, int has_bias)
{
	q->bias = 0;
	if (has_bias) {
		q->bias = (int32_t)le32(p);
		p += 4;
	}
	q->mult = (int32_t)le32(p);
	q->shift = tiu_chq_shift6(p[4]);
}

int tiu_chq_shift6(unsigned bits)
{
	/* 6-bit two's complement: bit 5 is the sign, a negative value
	 * shifts left. */
	unsigned s = bits & 0x3fu;

	return (s & 0x20u) ? (int)(s & 0x1fu) - 32 : (int)s;
}

void tiu_chq_of_desc(struct tiu_chq *q, const struct tiu_desc *d)
{
	q->bias = 0;
	q->mult = (int32_t)d->quan_m;
	q->shift = tiu_chq_shift6(d->opt_res_shift);
}

int32_t tiu_chq_apply(const struct tiu_chq *q, int32_t x)
{
	int64_t prod, hi, mask, rem, thr;
	unsigned rs = q->shift > 0 ? (unsigned)q->shift : 0;

	if (q->shift < 0)       /* the left shift wraps at 32 bits (-32: all out) */
		x = q->shift == -32 ? 0 : (int32_t)((uint32_t)x << (unsigned)-q->shift);
	prod = (int64_t)x * q->mult;
	/* doubling high half, rounded half away from zero; the one
	 * product that overflows (INT32_MIN^2) wraps */
	hi = (prod + (prod >= 0 ? ((int64_t)1 << 30) : 1 - ((int64_t)1 << 30))) /
	     ((int64_t)1 << 31);
	hi = (int64_t)(int32_t)(uint32_t)(uint64_t)hi;
	if (!rs)
		return (int32_t)hi;
	mask = ((int64_t)1 << rs) - 1;
	rem = hi & mask;
	thr = (mask >> 1) + (hi < 0 ? 1 : 0);
	return (int32_t)((hi >> rs) + (rem > thr ? 1 : 0));
}

int tiu_post_opd(const struct tiu_desc *d, unsigned lanes, struct tiu_opd *o, int *used)
{
	int has_bias = d->tsk_opd_num == 3;

	*used = d->opt_chl_quan || has_bias;
	if (!*used)
		return 0;
	if (d->opt_chl_quan) {
		/* records packed one after another in each channel's lane */
		tiu_opd_init(o, d->opd2_addr, 0, 0, 0);
		o->cs = tiu_chq_size(has_bias);
		o->ns = o->hs = 0;
		o->ws = 1;
		return 0;
	}
	if (d->opt_opd2_const)
		return -1;
	tiu_opd_init(o, d->opd2_addr, d->opt_opd2_sign, d->opt_opd2_seg == 0, d->opd2_b_str);
	return tiu_opd_strides(o, d->short_opd2_str, lanes, 1, d->opd2_c, d->opd2_h, d->opd2_w,
			       d->opd2_n_str, d->opd2_c_str, d->opd2_h_str, d->opd2_w_str);
}

int tiu_post_check(const struct tiu_desc *d, const struct tiu_opd *o,
		   const struct kmem_lmem *lm, uint64_t C)
{
	if (d->opt_chl_quan)
		return tiu_opd_check(o, lm, 1, C, 1, o->cs);
	return tiu_opd_check(o, lm, 1, C, 1, 1);
}

void tiu_post_load(struct tiu_post *p, const struct tiu_desc *d, const struct tiu_opd *o,
		   int used, const struct kmem_lmem *lm, uint64_t c)
{
	p->chq = d->opt_chl_quan;
	p->bias = 0;
	p->rshift = d->opt_res_shift;
	p->round = d->opt_rshift_typ == 1;
	p->is_signed = d->opt_res0_sign;
	p->relu = d->opt_relu_typ == 1;
	if (p->chq) {
		tiu_chq_load(&p->q, tiu_opd_at(o, lm, 0, c), d->tsk_opd_num == 3);
		p->bias = (uint32_t)p->q.bias;
	} else if (used) {
		const uint8_t *pb = tiu_opd_at(o, lm, 0, c);
		uint32_t b = pb[0];

		if (o->wide) {
			b |= (uint32_t)pb[o->bs] << 8;
			p->bias = o->is_signed ? (uint32_t)(int32_t)(int16_t)b : b;
		} else {
			p->bias = o->is_signed ? (uint32_t)(int32_t)(int8_t)b : b;
		}
	}
}

uint8_t tiu_post_apply(const struct tiu_post *p, uint32_t acc)
{
	int32_t x = (int32_t)(acc + p->bias);   /* the bias add wraps too */
	int64_t v = p->chq ? tiu_chq_apply(&p->q, x) : tiu_rshift(x, p->rshift, p->round);

	v = tiu_sat(v, 0, p->is_signed);
	if (p->relu && v < 0)
		v = 0;
	return (uint8_t)v;
}
