/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_nn.c - per-element reference of pooling, depthwise, conv,
 * matmul (with its _qm form), table lookup, ge, mul_qm and the bf16
 * forms (see ref_nn.h).  Deliberately naive: every output element walks
 * its whole window with 64-bit arithmetic, and the 32-bit accumulator
 * wrap is applied explicitly once per element.  Every input of a
 * neural-network operation is read into a copy of LMEM before any result
 * is written; the element-wise ones work element by element in place.
 */
#include <fenv.h>
#include <float.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ref_nn.h"
#include "ref_priv.h"

struct img {
	uint8_t *b;
	unsigned lanes;
	uint32_t lsz;
};

/* A tensor: start address and byte strides. */
struct ten {
	uint32_t lane0, off0;
	uint64_t ns, cs, hs, ws;
};

static uint64_t cdiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

static void ten_make(struct ten *t, uint32_t addr, unsigned mode, unsigned lanes,
		     uint32_t c, uint32_t h, uint32_t w,
		     uint32_t ns, uint32_t cs, uint32_t hs, uint32_t ws)
{
	const uint32_t given[4] = { ns, cs, hs, ws };
	uint64_t s[4];

	t->lane0 = addr >> 15;
	t->off0 = addr & 0x7fff;
	ref_tiu_strides(mode, lanes, c, h, w, given, s);
	t->ns = s[0], t->cs = s[1], t->hs = s[2], t->ws = s[3];
}

/* A bf16 tensor: the byte-stride defaults of ten_make with 2-byte
 * elements. */
static void ten_bf16(struct ten *t, uint32_t addr, unsigned mode, unsigned lanes, uint32_t c,
		     uint32_t h, uint32_t w, uint32_t ns, uint32_t cs, uint32_t hs, uint32_t ws)
{
	ten_make(t, addr, mode, lanes, c, h, 2 * w, ns, cs, hs, ws);
	if (mode == 0)
		t->ws = 2;
	if (mode == 2)
		t->ws = t->hs = t->cs = 2, t->ns = 2 * cdiv(c, lanes);
}

/* ten_make or ten_bf16. */
typedef void ten_fn(struct ten *t, uint32_t addr, unsigned mode, unsigned lanes, uint32_t c,
		    uint32_t h, uint32_t w, uint32_t ns, uint32_t cs, uint32_t hs, uint32_t ws);

/* Operand opd (res0, opd0, opd1, opd2) of d shaped by its own c, h and w:
 * ten_make or ten_bf16 with the descriptor's fields spelled once. */
#define OPD_TEN(make, t, d, opd, lanes)                                                    \
	make(t, (d)->opd##_addr, (d)->short_##opd##_str, lanes, (d)->opd##_c, (d)->opd##_h, \
	     (d)->opd##_w, (d)->opd##_n_str, (d)->opd##_c_str, (d)->opd##_h_str, (d)->opd##_w_str)

/* The image's inputs copied, so results written meanwhile are not read;
 * -1 when out of memory. */
static int snap(struct img *src)
{
	size_t size = (size_t)src->lanes * src->lsz;
	uint8_t *copy = malloc(size);

	if (!copy)
		return -1;
	memcpy(copy, src->b, size);
	src->b = copy;
	return 0;
}

/* Byte offset in the image of element (n, c, h, w); -1 when outside. */
static int64_t ten_off(const struct img *m, const struct ten *t, uint64_t n, uint64_t c,
		       uint64_t h, uint64_t w)
{
	uint64_t lane = t->lane0 + c;
	uint64_t in_lane = t->off0 + (lane / m->lanes) * t->cs + n * t->ns + h * t->hs + w * t->ws;

	if (t->lane0 >= m->lanes || in_lane >= m->lsz)
		return -1;
	return (int64_t)((lane % m->lanes) * m->lsz + in_lane);
}

static int64_t sx8(uint8_t v, int s) { return s ? (int64_t)(int8_t)v : (int64_t)v; }

static int64_t wrap32(int64_t v) { return (int64_t)(int32_t)(uint32_t)(uint64_t)v; }

static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

static int64_t sat8(int64_t v, int s) { return s ? clamp(v, -128, 127) : clamp(v, 0, 255); }

static int64_t shr(int64_t v, unsigned s, int round)
{
	if (!s)
		return v;
	if (s > 40)             /* |v| < 2^33: every larger shift gives the same */
		s = 40;
	if (round)
		v += (int64_t)1 << (s - 1);
	/* floor division, spelled without >> on a negative value */
	return v >= 0 ? v / ((int64_t)1 << s) : -((-v + ((int64_t)1 << s) - 1) / ((int64_t)1 << s));
}

/* gemmlowp's two steps, with the 64-bit product and a wrap where the
 * high half does not fit. */
static int64_t requant(int64_t x, uint32_t mult_bits, int shift)
{
	int64_t m = (int32_t)mult_bits, p, h, e, q, r;

	if (shift < 0)
		x = wrap32(x * ((int64_t)1 << -shift));
	p = x * m;
	if (p >= 0)
		h = (p + (1ll << 30)) / (1ll << 31);
	else
		h = -((-p + (1ll << 30) - 1) / (1ll << 31));  /* trunc((p + 1 - 2^30) / 2^31) */
	h = wrap32(h);
	if (shift <= 0)
		return h;
	e = (int64_t)1 << shift;
	/* divide by 2^shift, rounding half away from zero */
	q = h >= 0 ? h / e : -((-h) / e);
	r = h - q * e;
	if (2 * (r < 0 ? -r : r) >= e)
		q += h >= 0 ? 1 : -1;
	return q;
}

/* A 6-bit two's-complement shift: -32..31, negative meaning left. */
static int shift6(unsigned bits)
{
	int v = (int)(bits & 0x3f);

	return v >= 32 ? v - 64 : v;
}

/* What pooling and convolution share, 8-bit or bf16 alike: the image and
 * the copy of its inputs, the operands' tensors with the element size of
 * d's opd_typ, and the kernel's dilation. */
struct win {
	struct img dst, src;
	struct ten res, in, wt, bi;
	uint64_t dh, dw;
};

/* Whether the last element of an n x c x h x w tensor, and so every one
 * (the strides are unsigned), lies inside the image. */
static bool ten_inside(const struct img *m, const struct ten *t, uint64_t n, uint64_t c,
		       uint64_t h, uint64_t w)
{
	return !n || !c || !h || !w || ten_off(m, t, n - 1, c - 1, h - 1, w - 1) >= 0;
}

/* Sets up w for d on the LMEM image b; -1 when out of memory or when the
 * input or the result leaves LMEM (the kernels refuse such an operand:
 * the reference neither reads nor writes outside its image). */
static int win_begin(struct win *w, const struct tiu_desc *d, uint8_t *b, unsigned lanes,
		     uint32_t lane_size)
{
	ten_fn *make = d->opd_typ ? ten_bf16 : ten_make;

	w->dst = (struct img){ b, lanes, lane_size };
	w->src = w->dst;
	OPD_TEN(make, &w->res, d, res0, lanes);
	OPD_TEN(make, &w->in, d, opd0, lanes);
	OPD_TEN(make, &w->wt, d, opd1, lanes);
	OPD_TEN(make, &w->bi, d, opd2, lanes);
	w->dh = d->conv_opd1_y_ins0 + 1u, w->dw = d->conv_opd1_x_ins0 + 1u;
	if (!ten_inside(&w->dst, &w->res, d->res0_n, d->res0_c, d->res0_h, d->res0_w) ||
	    !ten_inside(&w->dst, &w->in, d->opd0_n, d->opd0_c, d->opd0_h, d->opd0_w))
		return -1;
	return snap(&w->src);
}

/* Byte offset in the input copy of input channel (n, c) under output
 * (y, x) and kernel tap (ky, kx); -1 where that position of the extended
 * plane is padding or an inserted value (opd0_ins_val).  win_begin has
 * checked that the input lies inside LMEM. */
static int64_t win_at(const struct tiu_desc *d, const struct win *w, uint64_t n, uint64_t c,
		      uint64_t y, uint64_t x, uint64_t ky, uint64_t kx)
{
	uint64_t ey = y * d->conv_op_y_str + ky * w->dh, ex = x * d->conv_op_x_str + kx * w->dw;
	uint64_t py = d->conv_opd0_up_pad, px = d->conv_opd0_lf_pad;
	uint64_t iy = d->conv_opd0_y_ins0 + 1u, ix = d->conv_opd0_x_ins0 + 1u;

	if (ey < py || ex < px || (ey - py) % iy || (ex - px) % ix ||
	    (ey - py) / iy >= d->opd0_h || (ex - px) / ix >= d->opd0_w)
		return -1;
	return ten_off(&w->src, &w->in, n, c, (ey - py) / iy, (ex - px) / ix);
}

/* 8-bit value of win_at's position. */
static int64_t ext_at(const struct tiu_desc *d, const struct win *w, uint64_t n, uint64_t c,
		      uint64_t y, uint64_t x, uint64_t ky, uint64_t kx)
{
	int64_t o = win_at(d, w, n, c, y, x, ky, kx);

	return sx8(o < 0 ? (uint8_t)d->opd0_ins_val : w->src.b[o], d->opt_opd0_sign);
}

/* The conv weight of output channel oc, tap (ky, kx) and input channel
 * ic: oc's lane holds its (kh, kw, ic) block of es-byte elements. */
static const uint8_t *conv_wt(const struct tiu_desc *d, const struct win *w, uint64_t oc,
			      uint64_t ic, uint64_t ky, uint64_t kx, unsigned es)
{
	uint64_t IC = d->opd0_c, KH = d->opd1_h, KW = d->opd1_w;
	uint32_t lane = (d->opd1_addr >> 15) + (uint32_t)oc;
	uint64_t off = (d->opd1_addr & 0x7fff) + (lane / w->src.lanes) * KH * KW * IC * es +
		       ((ky * KW + kx) * IC + ic) * es;

	return w->src.b + (uint64_t)(lane % w->src.lanes) * w->src.lsz + off;
}

/* A 32-bit value kept as four byte planes `apart` bytes apart (ps32 partial
 * sums, 32-bit biases), read and written. */
static uint32_t planes32(const uint8_t *p, uint64_t apart)
{
	return p[0] | p[apart] << 8 | p[2 * apart] << 16 | (uint32_t)p[3 * apart] << 24;
}

static void planes32_put(uint8_t *p, uint64_t apart, uint32_t u)
{
	p[0] = (uint8_t)u, p[apart] = (uint8_t)(u >> 8);
	p[2 * apart] = (uint8_t)(u >> 16), p[3 * apart] = (uint8_t)(u >> 24);
}

/* The 16-bit (or 8-bit) per-tensor bias of channel c. */
static int64_t bias_of(const struct tiu_desc *d, const struct img *src, unsigned lanes,
		       uint64_t c)
{
	struct ten t;
	int64_t o;
	uint32_t v;

	OPD_TEN(ten_make, &t, d, opd2, lanes);
	o = ten_off(src, &t, 0, c, 0, 0);
	v = src->b[o];
	if (d->opt_opd2_seg == 0) {
		v |= (uint32_t)src->b[o + d->opd2_b_str] << 8;
		return d->opt_opd2_sign ? (int64_t)(int16_t)v : (int64_t)v;
	}
	return sx8((uint8_t)v, d->opt_opd2_sign);
}

/* Final value of an accumulated (wrapped) sum for channel c. */
static int64_t finish(const struct tiu_desc *d, const struct img *src, unsigned lanes,
		      uint64_t c, int64_t sum, int has_bias)
{
	int64_t v;

	if (d->opt_chl_quan) {
		uint64_t rs = has_bias ? 9 : 5;
		uint32_t lane = (d->opd2_addr >> 15) + (uint32_t)c;
		const uint8_t *p = src->b + (uint64_t)(lane % lanes) * src->lsz +
				   (d->opd2_addr & 0x7fff) + (lane / lanes) * rs;
		int64_t b = 0;
		uint32_t mult;
		int sh;

		if (has_bias) {
			b = (int32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24);
			p += 4;
		}
		mult = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
		sh = shift6(p[4]);
		v = requant(wrap32(sum + b), mult, sh);
	} else {
		if (has_bias)
			sum = wrap32(sum + bias_of(d, src, lanes, c));
		v = shr(sum, d->opt_res_shift, d->opt_rshift_typ == 1);
	}
	v = sat8(v, d->opt_res0_sign);
	if (d->opt_relu_typ == 1 && v < 0)
		v = 0;
	return v;
}

int ref_nn_pool(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct win w;
	uint64_t n, c, y, x, ky, kx;
	unsigned eu = d->tsk_eu_typ;
	int has_bias = (eu == 1 || eu == 2) && d->tsk_opd_num == 3;

	if (d->tsk_typ != 1 || eu > 3 || d->opd_typ)
		return -1;
	if (win_begin(&w, d, b, lanes, lane_size))
		return -1;
	for (n = 0; n < d->res0_n; n++)
	for (c = 0; c < d->res0_c; c++)
	for (y = 0; y < d->res0_h; y++)
	for (x = 0; x < d->res0_w; x++) {
		int64_t acc = 0, best = 0, v;

		for (ky = 0; ky < d->opd1_h; ky++)
		for (kx = 0; kx < d->opd1_w; kx++) {
			int64_t a = ext_at(d, &w, n, c, y, x, ky, kx);
			int64_t k;

			if (ky == 0 && kx == 0)
				best = a;
			if (eu == 0 && a > best)
				best = a;
			if (eu == 3 && a < best)
				best = a;
			if (eu == 1 || (eu == 2 && d->opt_opd1_const))
				k = sx8((uint8_t)d->opd1_addr, d->opt_opd1_sign);
			else if (eu == 2)
				k = sx8(w.src.b[ten_off(&w.src, &w.wt, 0, c, ky, kx)], d->opt_opd1_sign);
			else
				k = 0;
			acc += a * k;
		}
		if (eu == 0 || eu == 3) {
			v = best;
			if (d->opt_relu_typ == 1 && v < 0)
				v = 0;
		} else {
			v = finish(d, &w.src, lanes, c, wrap32(acc), has_bias);
		}
		w.dst.b[ten_off(&w.dst, &w.res, n, c, y, x)] = (uint8_t)v;
	}
	free(w.src.b);
	return 0;
}

/* The sums run input channel by input channel for all output channels at
 * once, so that each input window is extended once and not once per
 * output channel (hundreds in a detector's convolutions; the integer sums
 * do not depend on the order).  The buffers are bounded by the fields'
 * widths: one sum per output channel, one window of one input channel. */
int ref_nn_conv(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct win w;
	uint64_t n, oc, ic, y, x, ky, kx, t;
	uint64_t OC = d->res0_c, IC = d->opd0_c, KH = d->opd1_h, KW = d->opd1_w, bs = d->res0_b_str;
	unsigned ps = d->ps32_md;
	int64_t *sum, *in;
	int ret = -1;

	if (d->tsk_typ != 0 || d->opd_typ || (!d->opt_opd1_const && d->short_opd1_str != 1))
		return -1;
	if (win_begin(&w, d, b, lanes, lane_size))
		return -1;
	sum = malloc((OC + 1) * sizeof(*sum));
	in = malloc((KH * KW + 1) * sizeof(*in));
	if (!sum || !in)
		goto out;
	for (n = 0; n < d->res0_n; n++)
	for (y = 0; y < d->res0_h; y++)
	for (x = 0; x < d->res0_w; x++) {
		for (oc = 0; oc < OC; oc++)
			sum[oc] = ps == 1 || ps == 3 ?
				(int32_t)planes32(w.src.b + ten_off(&w.dst, &w.res, n, oc, y, x), bs) : 0;
		for (ic = 0; ic < IC; ic++) {
			for (ky = 0; ky < KH; ky++)
				for (kx = 0; kx < KW; kx++)
					in[ky * KW + kx] = ext_at(d, &w, n, ic, y, x, ky, kx);
			for (oc = 0; oc < OC; oc++) {
				/* oc's weights of ic: tap t = ky * KW + kx is t * IC bytes on
				 * (conv_wt's layout) */
				const uint8_t *k = d->opt_opd1_const ? NULL : conv_wt(d, &w, oc, ic, 0, 0, 1);

				for (t = 0; t < KH * KW; t++)
					sum[oc] += in[t] * sx8(k ? k[t * IC] : (uint8_t)d->opd1_addr,
							       d->opt_opd1_sign);
			}
		}
		for (oc = 0; oc < OC; oc++) {
			int64_t o = ten_off(&w.dst, &w.res, n, oc, y, x), v = wrap32(sum[oc]);

			if (ps == 2 || ps == 3)
				planes32_put(w.dst.b + o, bs, (uint32_t)v);
			else
				w.dst.b[o] = (uint8_t)finish(d, &w.src, lanes, oc, v, d->tsk_opd_num == 3);
		}
	}
	ret = 0;
out:
	free(in);
	free(sum);
	free(w.src.b);
	return ret;
}

/* Matrix element (row, col) of a matrix with columns in groups of w. */
static int64_t mat_off(const struct img *m, const struct ten *t, uint64_t row, uint64_t col,
		       uint64_t w)
{
	return ten_off(m, t, row, col / w, 0, col % w);
}

/* Matrix operand opd of d with c channels of w columns: a tensor of
 * d->opd_typ's elements without h stride. */
#define MAT_TEN(t, d, opd, lanes, c, w)                                                   \
	mat_make(t, (d)->opd_typ ? ten_bf16 : ten_make, (d)->opd##_addr, (d)->short_##opd##_str, \
		 lanes, c, w, (d)->opd##_n_str, (d)->opd##_c_str, (d)->opd##_w_str)

static void mat_make(struct ten *t, ten_fn *make, uint32_t addr, unsigned mode, unsigned lanes,
		     uint32_t c, uint32_t w, uint32_t ns, uint32_t cs, uint32_t ws)
{
	make(t, addr, mode, lanes, c, 1, w, ns, cs, 0, ws);
	t->hs = 0;
}

int ref_nn_matmul(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct img dst = { b, lanes, lane_size }, src = dst;
	struct ten res, l, r, bi;
	uint64_t row, col, k, J = (uint64_t)d->res0_c * d->res0_w, W = d->res0_w;
	uint64_t R = d->res0_n, K = d->opd1_n, bs = d->res0_b_str;
	uint64_t rhi, bhi;     /* distance to the 16-bit high planes */
	unsigned ps = d->ps32_md;
	int wide = d->opt_res0_seg == 0;

	if (d->tsk_typ != 2 || d->opd_typ)
		return -1;
	if (snap(&src))
		return -1;
	MAT_TEN(&res, d, res0, lanes, d->res0_c, W);
	MAT_TEN(&l, d, opd0, lanes, d->opd0_c, d->opd0_w);
	MAT_TEN(&r, d, opd1, lanes, d->res0_c, W);
	MAT_TEN(&bi, d, opd2, lanes, d->res0_c, W);
	rhi = d->short_res0_str == 3 ? d->res0_b_str : R * res.ns;
	bhi = d->short_opd2_str == 3 ? d->opd2_b_str : bi.ns;
	for (row = 0; row < R; row++)
	for (col = 0; col < J; col++) {
		int64_t o = mat_off(&dst, &res, row, col, W), sum = 0, v;

		if (ps == 1 || ps == 3) {
			sum = (int32_t)planes32(src.b + o, bs);
		} else if (!ps && d->opt_res_add) {
			uint32_t old = src.b[o] | src.b[o + rhi] << 8;

			sum = (d->opt_res0_sign ? (int64_t)(int16_t)old : (int64_t)old) *
			      ((int64_t)1 << d->opt_left_shift);
		}
		for (k = 0; k < K; k++)
			sum += sx8(src.b[mat_off(&src, &l, row, k, d->opd0_w)], d->opt_opd0_sign) *
			       sx8(src.b[mat_off(&src, &r, k, col, W)], d->opt_opd1_sign);
		if (d->tsk_opd_num == 3 && ps != 2 && ps != 3) {
			int64_t bo = mat_off(&src, &bi, 0, col, W);
			uint32_t bv = src.b[bo];

			if (d->opt_chl_quan) {  /* 32 bits, one byte per plane */
				sum += (int32_t)planes32(src.b + bo, bhi);
			} else if (d->opt_opd2_seg == 0) {
				bv |= (uint32_t)src.b[bo + bhi] << 8;
				sum += d->opt_opd2_sign ? (int64_t)(int16_t)bv : (int64_t)bv;
			} else {
				sum += sx8((uint8_t)bv, d->opt_opd2_sign);
			}
		}
		sum = wrap32(sum);
		if (ps == 2 || ps == 3) {
			planes32_put(dst.b + o, bs, (uint32_t)sum);
			continue;
		}
		v = d->opt_chl_quan ? requant(sum, d->quan_m, shift6(d->opt_res_shift))
				    : shr(sum, d->opt_res_shift, d->opt_rshift_typ == 1);
		v = wide ? (d->opt_res0_sign ? clamp(v, -32768, 32767) : clamp(v, 0, 65535))
			 : sat8(v, d->opt_res0_sign);
		if (d->opt_relu_typ == 1 && v < 0)
			v = 0;
		dst.b[o] = (uint8_t)((uint64_t)v & 0xff);
		if (wide)
			dst.b[o + (ps == 1 ? bs : rhi)] = (uint8_t)(((uint64_t)v >> 8) & 0xff);
	}
	free(src.b);
	return 0;
}


/* An 8-bit element-wise operand: 16-bit values (seg 0) keep their high
 * byte b_str bytes after the low one. */
static int64_t elt_load(const struct img *m, const struct ten *t, uint64_t n, uint64_t c,
			uint64_t h, uint64_t w, unsigned seg, uint32_t b_str, int s)
{
	int64_t o = ten_off(m, t, n, c, h, w);
	uint32_t v = m->b[o];

	if (seg != 0)
		return sx8((uint8_t)v, s);
	v |= (uint32_t)m->b[o + b_str] << 8;
	return s ? (int64_t)(int16_t)v : (int64_t)v;
}

/* The scalar opd1 of an element-wise op: 8 bits (seg 1) or 16 bits. */
static int64_t elt_const(const struct tiu_desc *d)
{
	uint32_t v = d->opd1_addr;

	if (d->opt_opd1_seg != 0)
		return sx8((uint8_t)v, d->opt_opd1_sign);
	return d->opt_opd1_sign ? (int64_t)(int16_t)v : (int64_t)(v & 0xffff);
}

/* ge (tsk 3, eu 11) and mul_qm (tsk 3, eu 0 with opt_chl_quan) on
 * fixed-point operands, element by element in (n, c, h, w) order as the
 * kernel writes: ge gives 1 when a >= b, else 0, written as is; mul_qm
 * takes a * b (wrapped to 32 bits) through requant() with quan_m and the
 * 6-bit signed opt_res_shift, saturates to the result's width and sign
 * and applies ReLU. */
static int ref_nn_elt(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size,
		      int qm)
{
	struct img m = { b, lanes, lane_size };
	struct ten res, ta, tb;
	uint64_t n, c, h, w;
	int wide = d->opt_res0_seg == 0;

	OPD_TEN(ten_make, &res, d, res0, lanes);
	OPD_TEN(ten_make, &ta, d, opd0, lanes);
	OPD_TEN(ten_make, &tb, d, opd1, lanes);
	for (n = 0; n < d->res0_n; n++)
	for (c = 0; c < d->res0_c; c++)
	for (h = 0; h < d->res0_h; h++)
	for (w = 0; w < d->res0_w; w++) {
		int64_t a = elt_load(&m, &ta, n, c, h, w, d->opt_opd0_seg, d->opd0_b_str,
				     d->opt_opd0_sign);
		int64_t y = d->opt_opd1_const ? elt_const(d)
					      : elt_load(&m, &tb, n, c, h, w, d->opt_opd1_seg,
							 d->opd1_b_str, d->opt_opd1_sign);
		int64_t o = ten_off(&m, &res, n, c, h, w), v;

		if (qm) {
			v = requant(wrap32(a * y), d->quan_m, shift6(d->opt_res_shift));
			v = wide ? (d->opt_res0_sign ? clamp(v, -32768, 32767) : clamp(v, 0, 65535))
				 : sat8(v, d->opt_res0_sign);
			if (d->opt_relu_typ == 1 && v < 0)
				v = 0;
		} else {
			v = a >= y;
		}
		b[o] = (uint8_t)((uint64_t)v & 0xff);
		if (wide)
			b[o + d->res0_b_str] = (uint8_t)(((uint64_t)v >> 8) & 0xff);
	}
	return 0;
}

int ref_nn_ge(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	if (d->tsk_typ != 3 || d->tsk_eu_typ != 11 || d->opd_typ)
		return -1;
	return ref_nn_elt(d, b, lanes, lane_size, 0);
}

int ref_nn_mul_qm(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	if (d->tsk_typ != 3 || d->tsk_eu_typ != 0 || !d->opt_chl_quan || d->opd_typ)
		return -1;
	return ref_nn_elt(d, b, lanes, lane_size, 1);
}

/* bf16 <-> float, written from the formats: bf16 is the high half of a
 * float; rounding is to nearest, ties to the even bf16 (done here by
 * comparing the discarded half with 0x8000), NaN gives 0x7fc0 and an
 * all-ones exponent after rounding gives 0x7f7f. */
static float bf_in(const uint8_t *p)
{
	uint32_t u = (uint32_t)(p[0] | p[1] << 8) << 16;
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static uint16_t bf_out(float f)
{
	uint32_t u, hi, lo;

	if (f != f)
		return 0x7fc0;
	memcpy(&u, &f, 4);
	hi = u >> 16, lo = u & 0xffff;
	if (lo > 0x8000 || (lo == 0x8000 && (hi & 1)))
		hi++;
	if ((hi & 0x7f80) == 0x7f80)
		hi = 0x7f7f;
	return (uint16_t)hi;
}

/* The bf16 in the low 16 bits of a descriptor field. */
static float bf_of(uint32_t field)
{
	uint8_t k[2] = { (uint8_t)field, (uint8_t)(field >> 8) };

	return bf_in(k);
}

/* A bf16 result: ReLU as d says, then rounded to bf16 at p. */
static void bf_put(const struct tiu_desc *d, uint8_t *p, float v)
{
	uint16_t out;

	if (d->opt_relu_typ == 1 && v < 0)
		v = 0;
	out = bf_out(v);
	p[0] = (uint8_t)out, p[1] = (uint8_t)(out >> 8);
}

/* bf16 tensor arithmetic does its single-precision steps rounding toward
 * zero (docs/datapath.md 3.11): the host's own arithmetic in that mode.
 * The volatiles keep the operation between the two mode switches. */
static float f32_rz(int op, float a, float b)
{
	volatile float x = a, y = b, r;
	int mode = fegetround();

	fesetround(FE_TOWARDZERO);
	r = op ? x + y : x * y;
	fesetround(mode);
	return r;
}

int ref_nn_bf16(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct img dst = { b, lanes, lane_size };
	struct ten res, ta, tb;
	uint64_t n, c, h, w;
	unsigned eu = d->tsk_eu_typ;

	if (d->tsk_typ != 3 || !d->opd_typ || (eu > 5 && eu != 10 && eu != 11))
		return -1;
	/* element-wise in (n, c, h, w) order, as the kernel writes */
	ten_make(&res, d->res0_addr, d->short_res0_str, lanes, d->res0_c, d->res0_h,
		 d->res0_w * 2, d->res0_n_str, d->res0_c_str, d->res0_h_str, d->res0_w_str);
	ten_make(&ta, d->opd0_addr, d->short_opd0_str, lanes, d->opd0_c, d->opd0_h,
		 d->opd0_w * 2, d->opd0_n_str, d->opd0_c_str, d->opd0_h_str, d->opd0_w_str);
	ten_make(&tb, d->opd1_addr, d->short_opd1_str, lanes, d->opd1_c, d->opd1_h,
		 d->opd1_w * 2, d->opd1_n_str, d->opd1_c_str, d->opd1_h_str, d->opd1_w_str);
	/* ten_make's defaults count bytes: the row is 2w bytes; a bf16
	 * element steps 2 bytes */
	if (d->short_res0_str != 3)
		res.ws = 2;
	if (d->short_opd0_str != 3)
		ta.ws = 2;
	if (d->short_opd1_str != 3)
		tb.ws = 2;
	if (d->short_res0_str == 2)
		res.cs = res.hs = 2, res.ns = 2 * cdiv(d->res0_c, lanes);
	if (d->short_opd0_str == 2)
		ta.cs = ta.hs = 2, ta.ns = 2 * cdiv(d->opd0_c, lanes);
	if (d->short_opd1_str == 2)
		tb.cs = tb.hs = 2, tb.ns = 2 * cdiv(d->opd1_c, lanes);
	for (n = 0; n < d->res0_n; n++)
	for (c = 0; c < d->res0_c; c++)
	for (h = 0; h < d->res0_h; h++)
	for (w = 0; w < d->res0_w; w++) {
		int64_t o = ten_off(&dst, &res, n, c, h, w);
		float x = bf_in(b + ten_off(&dst, &ta, n, c, h, w)), y = 0, v;

		if (eu != 10)
			y = d->opt_opd1_const ? bf_of(d->opd1_addr)
					      : bf_in(b + ten_off(&dst, &tb, n, c, h, w));
		switch (eu) {
		case 0: v = f32_rz(0, x, y); break;
		case 1: v = f32_rz(1, f32_rz(0, x, y), bf_in(b + o)); break;
		case 2: v = f32_rz(1, x, y); break;
		case 3: v = f32_rz(1, x, -y); break;
		case 4: v = y < x ? x : y; break;
		case 5: v = y > x ? x : y; break;
		case 11: v = x >= y ? 1.0f : 0.0f; break;
		default: v = x; break;
		}
		bf_put(d, b + o, v);
	}
	return 0;
}

/* bf16 value of win_at's position. */
static float ext_bf16(const struct tiu_desc *d, const struct win *w, uint64_t n, uint64_t c,
		      uint64_t y, uint64_t x, uint64_t ky, uint64_t kx)
{
	int64_t o = win_at(d, w, n, c, y, x, ky, kx);

	return o < 0 ? bf_of(d->opd0_ins_val) : bf_in(w->src.b + o);
}

/* An fp32 value kept as two 16-bit halves, the high one at p and the low
 * one `apart` bytes on (bf16 biases and ps32 partial sums). */
static float f32_halves(const uint8_t *p, uint64_t apart)
{
	uint32_t u = (uint32_t)(p[0] | p[1] << 8) << 16 | (uint32_t)(p[apart] | p[apart + 1] << 8);
	float f;

	memcpy(&f, &u, 4);
	return f;
}

/* A NaN sum is stored as the quiet NaN with the bf16 NaN's bits. */
static void f32_halves_put(uint8_t *p, uint64_t apart, float f)
{
	uint32_t u = 0x7fc00000;

	if (f == f)
		memcpy(&u, &f, 4);
	p[0] = (uint8_t)(u >> 16), p[1] = (uint8_t)(u >> 24);
	p[apart] = (uint8_t)u, p[apart + 1] = (uint8_t)(u >> 8);
}

/* Table lookup, 8-bit (16 x 16 table) or bf16 (32 x 8 table of bf16):
 * the element's first byte is the index, the entry (1 or 2 bytes) the
 * result; the table copy used is the one in the element's input lane. */
int ref_nn_lut(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct img dst = { b, lanes, lane_size }, src = dst;
	struct ten res, in, tab;
	uint64_t n, c, h, w, TW = d->opd1_w, es = d->opd_typ ? 2 : 1, k;
	ten_fn *make = d->opd_typ ? ten_bf16 : ten_make;

	if (d->tsk_typ != 3 || d->tsk_eu_typ != 12 || d->opd1_h * TW != 256)
		return -1;
	if (snap(&src))
		return -1;
	OPD_TEN(make, &res, d, res0, lanes);
	OPD_TEN(make, &in, d, opd0, lanes);
	make(&tab, d->opd1_addr, d->short_opd1_str, lanes, lanes, d->opd1_h, TW, d->opd1_n_str,
	     d->opd1_c_str, d->opd1_h_str, d->opd1_w_str);
	for (n = 0; n < d->res0_n; n++)
	for (c = 0; c < d->res0_c; c++)
	for (h = 0; h < d->res0_h; h++)
	for (w = 0; w < d->res0_w; w++) {
		/* the table channel that lies in this element's input lane */
		uint64_t lane = (in.lane0 + c) % lanes;
		uint64_t t = (lane + lanes - tab.lane0 % lanes) % lanes;
		uint8_t idx = src.b[ten_off(&src, &in, n, c, h, w)];
		int64_t to = ten_off(&dst, &res, n, c, h, w);
		int64_t from = ten_off(&src, &tab, 0, t, idx / TW, idx % TW);

		for (k = 0; k < es; k++)
			dst.b[to + (int64_t)k] = src.b[from + (int64_t)k];
	}
	free(src.b);
	return 0;
}

int ref_nn_pool_bf16(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct win w;
	uint64_t n, c, y, x, ky, kx;
	unsigned eu = d->tsk_eu_typ;
	int has_bias = (eu == 1 || eu == 2) && d->tsk_opd_num == 3;

	if (d->tsk_typ != 1 || eu > 3 || !d->opd_typ)
		return -1;
	if (win_begin(&w, d, b, lanes, lane_size))
		return -1;
	for (n = 0; n < d->res0_n; n++)
	for (c = 0; c < d->res0_c; c++)
	for (y = 0; y < d->res0_h; y++)
	for (x = 0; x < d->res0_w; x++) {
		float v = eu == 0 ? -FLT_MAX : eu == 3 ? FLT_MAX : 0.0f;

		for (ky = 0; ky < d->opd1_h; ky++)
		for (kx = 0; kx < d->opd1_w; kx++) {
			float a = ext_bf16(d, &w, n, c, y, x, ky, kx);
			float m = bf_of(d->opd1_addr), p;

			if (eu == 2 && !d->opt_opd1_const)
				m = bf_in(w.src.b + ten_off(&w.src, &w.wt, 0, c, ky, kx));
			if (eu == 0)
				v = a > v ? a : v;
			else if (eu == 3)
				v = a < v ? a : v;
			else {
				p = f32_rz(0, a, m);
				v = f32_rz(1, v, p);
			}
		}
		if (has_bias)
			v = f32_rz(1, v, f32_halves(w.src.b + ten_off(&w.src, &w.bi, 0, c, 0, 0),
						    d->opd2_b_str));
		bf_put(d, w.dst.b + ten_off(&w.dst, &w.res, n, c, y, x), v);
	}
	free(w.src.b);
	return 0;
}

int ref_nn_conv_bf16(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct win w;
	uint64_t n, oc, ic, y, x, ky, kx;
	uint64_t IC = d->opd0_c, KH = d->opd1_h, KW = d->opd1_w, bs = d->res0_b_str;
	unsigned ps = d->ps32_md;

	if (d->tsk_typ != 0 || !d->opd_typ || (!d->opt_opd1_const && d->short_opd1_str != 1))
		return -1;
	if (win_begin(&w, d, b, lanes, lane_size))
		return -1;
	for (n = 0; n < d->res0_n; n++)
	for (oc = 0; oc < d->res0_c; oc++)
	for (y = 0; y < d->res0_h; y++)
	for (x = 0; x < d->res0_w; x++) {
		int64_t o = ten_off(&w.dst, &w.res, n, oc, y, x);
		/* ps32 modes 3 and 1 continue the stored fp32 sum */
		float v = ps == 1 || ps == 3 ? f32_halves(w.src.b + o, bs) : 0.0f;

		for (ky = 0; ky < KH; ky++)
		for (kx = 0; kx < KW; kx++)
		for (ic = 0; ic < IC; ic++) {
			float a = ext_bf16(d, &w, n, ic, y, x, ky, kx);
			float m = d->opt_opd1_const ? bf_of(d->opd1_addr)
						    : bf_in(conv_wt(d, &w, oc, ic, ky, kx, 2));
			float p = f32_rz(0, a, m);

			v = f32_rz(1, v, p);
		}
		if (ps == 2 || ps == 3) {       /* the fp32 sum as it is */
			f32_halves_put(w.dst.b + o, bs, v);
			continue;
		}
		if (d->tsk_opd_num == 3)
			v = f32_rz(1, v, f32_halves(w.src.b + ten_off(&w.src, &w.bi, 0, oc, 0, 0),
						    d->opd2_b_str));
		bf_put(d, w.dst.b + o, v);
	}
	free(w.src.b);
	return 0;
}

int ref_nn_matmul_bf16(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size)
{
	struct img dst = { b, lanes, lane_size }, src = dst;
	struct ten res, l, r, bi;
	uint64_t row, col, wi, ci, J = (uint64_t)d->res0_c * d->res0_w, W = d->res0_w;
	uint64_t R = d->res0_n, K = d->opd1_n, LW = d->opd0_w, LC = (K + LW - 1) / LW, bhi;
	uint64_t bs = d->res0_b_str;
	unsigned ps = d->ps32_md;

	if (d->tsk_typ != 2 || !d->opd_typ || d->opt_res_add)
		return -1;
	if (snap(&src))
		return -1;
	MAT_TEN(&res, d, res0, lanes, d->res0_c, W);
	MAT_TEN(&l, d, opd0, lanes, d->opd0_c, LW);
	MAT_TEN(&r, d, opd1, lanes, d->res0_c, W);
	MAT_TEN(&bi, d, opd2, lanes, d->res0_c, W);
	bhi = d->short_opd2_str == 3 ? d->opd2_b_str : bi.ns;
	for (row = 0; row < R; row++)
	for (col = 0; col < J; col++) {
		int64_t o = mat_off(&dst, &res, row, col, W);
		/* ps32 modes 3 and 1 continue the stored fp32 sum */
		float v = ps == 1 || ps == 3 ? f32_halves(src.b + o, bs) : 0.0f;

		for (wi = 0; wi < LW; wi++)
		for (ci = 0; ci < LC; ci++) {
			uint64_t k = ci * LW + wi;
			float p;

			if (k >= K)
				continue;
			p = f32_rz(0, bf_in(src.b + mat_off(&src, &l, row, k, LW)),
				   bf_in(src.b + mat_off(&src, &r, k, col, W)));
			v = f32_rz(1, v, p);
		}
		if (ps == 2 || ps == 3) {       /* the fp32 sum as it is */
			f32_halves_put(dst.b + o, bs, v);
			continue;
		}
		if (d->tsk_opd_num == 3)
			v = f32_rz(1, v, f32_halves(src.b + mat_off(&src, &bi, 0, col, W), bhi));
		bf_put(d, dst.b + o, v);
	}
	free(src.b);
	return 0;
}
