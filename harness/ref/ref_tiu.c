/* SPDX-License-Identifier: Apache-2.0 */
/* ref_tiu.c - TIU element-wise semantics per element (ref_tiu.h). */
#include "ref_tiu.h"

#include "ref_priv.h"

void ref_tiu_strides(unsigned mode, unsigned lanes, uint64_t c, uint64_t h, uint64_t w,
		     const uint32_t given[4], uint64_t s[4])
{
	if (mode == 3) {
		s[0] = given[0], s[1] = given[1], s[2] = given[2], s[3] = given[3];
	} else if (mode == 2) {
		s[3] = s[2] = s[1] = 1;
		s[0] = (c + lanes - 1) / lanes;
	} else {
		s[3] = 1;
		s[2] = w;
		s[1] = (h * w + 15) / 16 * 16;
		s[0] = s[1] * ((c + lanes - 1) / lanes);
	}
}

/* Division rounding toward minus infinity, where C's rounds toward 0.
 * s may be 63 (a 6-bit shift field), where 2^s is no int64_t. */
static int64_t floor_div_pow2(int64_t v, unsigned s)
{
	if (s >= 63)
		return v < 0 ? -1 : 0;
	int64_t d = (int64_t)1 << s, q = v / d;

	if (v % d != 0 && v < 0)
		q -= 1;
	return q;
}

int64_t ref_rshift(int64_t v, unsigned s, bool round)
{
	if (!s)
		return v;
	if (round)
		v += (int64_t)1 << (s - 1);
	return floor_div_pow2(v, s);
}

int64_t ref_saturate(int64_t v, bool wide, bool is_signed)
{
	int64_t lo = is_signed ? (wide ? -32768 : -128) : 0;
	int64_t hi = is_signed ? (wide ? 32767 : 127) : (wide ? 65535 : 255);

	return v < lo ? lo : v > hi ? hi : v;
}

/* The low 8 or 16 bits of v, read back with the result's signedness. */
static int64_t wrap(int64_t v, bool wide, bool is_signed)
{
	uint64_t u = (uint64_t)v & (wide ? 0xFFFFu : 0xFFu);

	if (is_signed && (u & (wide ? 0x8000u : 0x80u)))
		return (int64_t)u - (wide ? 65536 : 256);
	return (int64_t)u;
}

static int64_t shift(int64_t a, int64_t b)
{
	if (b >= 0)
		return b >= 64 ? 0 : (int64_t)((uint64_t)a << b);
	return -b >= 63 ? (a < 0 ? -1 : 0) : floor_div_pow2(a, (unsigned)-b);
}

int64_t ref_eltwise_elem(const struct ref_eltwise *p, int64_t a, int64_t b, int64_t acc)
{
	int64_t v;

	switch (p->op) {
	case REF_TIU_MUL: v = a * b; break;
	case REF_TIU_MAC: v = a * b + acc * ((int64_t)1 << p->lshift); break;
	case REF_TIU_ADD: v = a + b; break;
	case REF_TIU_SUB: v = a - b; break;
	case REF_TIU_MAX: v = a > b ? a : b; break;
	case REF_TIU_MIN: v = a < b ? a : b; break;
	case REF_TIU_COPY: v = a; break;
	case REF_TIU_AND: return wrap(a & b, p->res_wide, p->res_signed);
	case REF_TIU_OR: return wrap(a | b, p->res_wide, p->res_signed);
	case REF_TIU_XOR: return wrap(a ^ b, p->res_wide, p->res_signed);
	default: return wrap(shift(a, b), p->res_wide, p->res_signed);
	}
	v = ref_saturate(ref_rshift(v, p->rshift, p->round), p->res_wide, p->res_signed);
	return p->relu && v < 0 ? 0 : v;
}

uint8_t *ref_tiu_at(const struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		    uint64_t h, uint64_t w)
{
	uint64_t off = n * o->ns + h * o->hs + w * o->ws;

	if (o->wide && !ref_lmem_at(m, o->addr, c, o->cs, off + o->bs))
		return NULL;
	return ref_lmem_at(m, o->addr, c, o->cs, off);
}

int ref_tiu_load(const struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		 uint64_t h, uint64_t w, int64_t *v)
{
	const uint8_t *p = ref_tiu_at(m, o, n, c, h, w);

	if (!p)
		return -1;
	*v = wrap(o->wide ? p[0] | (int64_t)p[o->bs] << 8 : p[0], o->wide, o->is_signed);
	return 0;
}

int ref_tiu_store(struct ref_mem *m, const struct ref_tiu_opd *o, uint64_t n, uint64_t c,
		  uint64_t h, uint64_t w, int64_t v)
{
	uint8_t *p = ref_tiu_at(m, o, n, c, h, w);

	if (!p)
		return -1;
	p[0] = (uint8_t)v;
	if (o->wide)
		p[o->bs] = (uint8_t)((uint64_t)v >> 8);
	return 0;
}

int ref_tiu_eltwise(const struct ref_mem *from, struct ref_mem *to, const struct ref_eltwise *p,
		    const struct ref_tiu_opd *res, const struct ref_tiu_opd *a,
		    const struct ref_tiu_opd *b, int64_t b_const, uint32_t N, uint32_t C,
		    uint32_t H, uint32_t W)
{
	struct ref_tiu_opd acc16 = *res;
	uint32_t n, c, h, w;

	acc16.wide = true;
	for (n = 0; n < N; n++)
		for (c = 0; c < C; c++)
			for (h = 0; h < H; h++)
				for (w = 0; w < W; w++) {
					int64_t va, vb = b_const, acc = 0;

					if (ref_tiu_load(from, a, n, c, h, w, &va))
						return -1;
					if (b && p->op != REF_TIU_COPY && ref_tiu_load(from, b, n, c, h, w, &vb))
						return -1;
					if (p->op == REF_TIU_COPY)
						vb = 0;
					if (p->op == REF_TIU_MAC && ref_tiu_load(from, &acc16, n, c, h, w, &acc))
						return -1;
					if (ref_tiu_store(to, res, n, c, h, w, ref_eltwise_elem(p, va, vb, acc)))
						return -1;
				}
	return 0;
}

void ref_eltwise_i8(const struct ref_eltwise_i8_args *e, uint8_t *res, size_t n)
{
	struct ref_eltwise p = { .op = e->op, .rshift = e->rshift, .round = true, .relu = e->relu,
				 .res_wide = false, .res_signed = e->res_signed };
	int64_t scalar = wrap(e->b_scalar, false, e->b_signed);
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t a = wrap(e->a[i], false, e->a_signed);
		int64_t b = e->op == REF_TIU_COPY ? 0 : e->b ? wrap(e->b[i], false, e->b_signed) : scalar;

		res[i] = (uint8_t)ref_eltwise_elem(&p, a, b, 0);
	}
}
