/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_desc.c - a whole descriptor through the reference (ref_desc.h):
 * the fields are decoded here from docs/datapath.md 2 (TDMA) and 3.2
 * (TIU operands), and the element work is left to the per-element
 * statements of ref_tdma.c, ref_tiu.c and ref_nn.c.
 */
#include <stdlib.h>
#include <string.h>

#include "ref_desc.h"
#include "ref_matrix.h"
#include "ref_nn.h"
#include "ref_priv.h"
#include "ref_tdma.h"
#include "ref_tiu.h"
#include "ref_vlc.h"

#define ADDR40 ((1ull << 40) - 1)

/* ---------------- TDMA (docs/datapath.md 2) ---------------- */

static uint64_t cdiv(uint64_t a, uint64_t b)
{
	return (a + b - 1) / b;
}

static unsigned fmt_bytes(uint32_t fmt)
{
	return fmt == 1 ? 1 : fmt == 2 ? 2 : 0;
}

static uint64_t join(uint32_t high, uint32_t low)
{
	return (uint64_t)high << 32 | low;
}

static uint64_t side_addr(bool local, const uint64_t ab[8], uint32_t sel, uint32_t high, uint32_t low)
{
	return local ? join(high, low) : (ab[sel & 7] + join(high, low)) & ADDR40;
}

static enum ref_desc_result unstated(const char *what)
{
	ref_fail("not stated by the reference: %s", what);
	return REF_DESC_UNSTATED;
}

static enum ref_desc_result refused(const char *what)
{
	ref_fail("%s", what);
	return REF_DESC_ERROR;
}

/* Every source element of s, in (n, c, h, w) order: a transpose reads
 * its whole source before it writes (2.4).  NULL when an element is out
 * of memory (*res says so). */
static uint8_t *staged_source(struct ref_mem *m, const struct ref_tensor *s, enum ref_desc_result *res)
{
	uint64_t total = (uint64_t)s->n * s->c * s->h * s->w, i = 0, n, c, h, w;
	uint8_t *staged = malloc(total * s->es + 1), *p;
	unsigned k;

	*res = staged ? REF_DESC_OK : refused("out of memory");
	for (n = 0; staged && n < s->n; n++)
		for (c = 0; c < s->c; c++)
			for (h = 0; h < s->h; h++)
				for (w = 0; w < s->w; w++)
					for (k = 0; k < s->es; k++) {
						if (!(p = ref_byte(m, s, n, c, h, w, k))) {
							free(staged);
							*res = REF_DESC_ERROR;
							return NULL;
						}
						staged[i++] = *p;
					}
	return staged;
}

/* Store source element e at (n, c, h, w) of t, converted between int8
 * and bf16 when the formats differ; 0, or -1 outside memory. */
static int put_element(struct ref_mem *m, const struct ref_tensor *s, const struct ref_tensor *t,
		       const struct tdma_desc *d, const uint8_t *e, uint64_t n, uint64_t c, uint64_t h, uint64_t w)
{
	uint8_t out[2] = { e[0], s->es == 2 ? e[1] : 0 }, *p;
	unsigned k;

	if (s->es == 1 && t->es == 2) {
		uint16_t b = ref_int8_to_bf16(e[0], d->int8_sign);

		out[0] = (uint8_t)b, out[1] = (uint8_t)(b >> 8);
	} else if (s->es == 2 && t->es == 1) {
		out[0] = ref_bf16_to_int8((uint16_t)(e[0] | e[1] << 8), d->int8_sign, d->int8_rnd_mode);
	}
	for (k = 0; k < t->es; k++) {
		if (!(p = ref_byte(m, t, n, c, h, w, k)))
			return -1;
		*p = out[k];
	}
	return 0;
}

/* NC transpose: source (n, c, h, w) goes to destination (c, n, h', w')
 * with h'*w' = h*w (2.4). */
static enum ref_desc_result nc_transpose(struct ref_mem *m, const struct ref_tensor *s,
					 const struct ref_tensor *t, const struct tdma_desc *d)
{
	uint64_t hw = (uint64_t)s->h * s->w, i = 0, n, c, x;
	enum ref_desc_result res;
	uint8_t *staged = staged_source(m, s, &res);

	for (n = 0; staged && n < s->n; n++)
		for (c = 0; c < s->c; c++)
			for (x = 0; x < hw; x++, i++)
				if (put_element(m, s, t, d, staged + i * s->es, c, n, x / t->w, x % t->w)) {
					res = REF_DESC_ERROR;
					goto out;
				}
out:
	free(staged);
	return res;
}

/* CW transpose (transpose_md cw): destination (n, c, h, w) is source
 * (n, w, h, c).  CHW rotate (chw3, chw4): s describes the HWC image as
 * rows (n, h, 1, w * C), and destination (n, ch, y, x) is its row (n, y)
 * element x * C + ch (2.13). */
static enum ref_desc_result cw_or_rotate(struct ref_mem *m, const struct ref_tensor *s,
					 const struct ref_tensor *t, const struct tdma_desc *d)
{
	enum ref_desc_result res;
	uint8_t *staged = staged_source(m, s, &res);
	uint64_t n, c, h, w;

	for (n = 0; staged && n < t->n; n++)
		for (c = 0; c < t->c; c++)
			for (h = 0; h < t->h; h++)
				for (w = 0; w < t->w; w++) {
					uint64_t from = d->transpose_md == TDMA_DESC_TRANSPOSE_MD_CW
						? ((n * s->c + w) * s->h + h) * s->w + c
						: (n * s->c + h) * s->w + w * t->c + c;

					if (put_element(m, s, t, d, staged + from * s->es, n, c, h, w)) {
						res = REF_DESC_ERROR;
						goto out;
					}
				}
out:
	free(staged);
	return res;
}

/* The local and global matrices of a G2L or L2G matrix descriptor (2.10);
 * 0, or -1 when the lanes do not hold the columns. */
static int matrices(const struct tdma_desc *d, uint64_t sa, uint64_t da, struct ref_matrix *g,
		    struct ref_matrix *l, bool *to_local)
{
	bool g2l = (d->trans_dir & 3u) == TDMA_DESC_TRANS_DIR_G2L;
	bool tr = d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE;

	memset(g, 0, sizeof(*g));
	memset(l, 0, sizeof(*l));
	*to_local = g2l;
	g->local = false;
	l->local = true;
	if (g2l) {
		g->addr = sa, g->rows = d->src_n, g->cols = d->src_w;
		g->row_stride = (uint64_t)d->src_c_stride_high << 16 | d->src_c_stride_low;
		g->es = fmt_bytes(d->src_fmt);
		l->addr = da;
		l->rows = tr ? d->src_w : d->src_n;
		l->cols = tr ? d->src_n : d->src_w;
		l->w = d->dst_w;
		l->ns = d->dst_n_stride;
		l->cs = (uint64_t)d->dst_c_stride_high << 16 | d->dst_c_stride_low;
		l->es = fmt_bytes(d->dst_fmt);
		return l->w && cdiv(l->cols, l->w) == d->dst_c ? 0 : -1;
	}
	l->addr = sa, l->rows = d->src_n, l->cols = d->dst_w, l->w = d->src_w;
	l->ns = d->src_n_stride;
	l->cs = (uint64_t)d->src_c_stride_high << 16 | d->src_c_stride_low;
	l->es = fmt_bytes(d->src_fmt);
	g->addr = da, g->rows = d->dst_c, g->cols = d->dst_w;
	g->row_stride = (uint64_t)d->dst_c_stride_high << 16 | d->dst_c_stride_low;
	g->es = fmt_bytes(d->dst_fmt);
	return l->w && d->src_n == d->dst_c && cdiv(l->cols, l->w) == d->src_c ? 0 : -1;
}

/* Matrix copies (2.10): G2L (plain or row/column transposed) and L2G. */
static enum ref_desc_result matrix(const struct tdma_desc *d, struct ref_mem *m, uint64_t sa, uint64_t da)
{
	unsigned dir = d->trans_dir & 3u;
	struct ref_matrix g, l;
	bool to_local;

	if (dir != TDMA_DESC_TRANS_DIR_G2L && dir != TDMA_DESC_TRANS_DIR_L2G)
		return unstated("matrix copy other than G2L and L2G");
	if (dir == TDMA_DESC_TRANS_DIR_L2G && d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE)
		return unstated("L2G row/column-transposed matrix copy");
	if (matrices(d, sa, da, &g, &l, &to_local))
		return refused("matrix lanes do not hold its columns");
	if (to_local)
		return ref_matrix_copy(m, m, &g, &l, d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE, d->int8_sign,
				       d->int8_rnd_mode) ? REF_DESC_ERROR : REF_DESC_OK;
	return ref_matrix_copy(m, m, &l, &g, false, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR
										    : REF_DESC_OK;
}

/* G2L decompression (2.11): the stream decoded, then written in the
 * destination's order like a copy from a contiguous source. */
static enum ref_desc_result decompress(const struct tdma_desc *d, struct ref_mem *m, uint64_t sa, uint64_t da,
				       const struct ref_tensor *t)
{
	unsigned ses = fmt_bytes(d->src_fmt);
	uint64_t elems = d->sys_dtype ? (uint64_t)d->src_n * d->src_w
				      : (uint64_t)d->src_n * d->src_c * d->src_h * d->src_w;
	uint64_t bytes = elems * ses, avail;
	const uint8_t *st = ref_dram_at(m, sa);
	enum ref_desc_result rr = REF_DESC_OK;
	struct ref_mem tmp;
	uint8_t *buf;

	if ((d->trans_dir & 3u) != TDMA_DESC_TRANS_DIR_G2L || d->spec_func != TDMA_DESC_SPEC_FUNC_PLAIN)
		return unstated("compression other than a plain G2L decompression");
	if (!st)
		return refused("compressed stream outside DRAM");
	avail = m->dram_base + m->dram_size - sa;
	buf = malloc(bytes + 1);
	if (!buf)
		return refused("out of memory");
	if (ref_vlc_decompress(st, (size_t)avail, ses == 2, buf, (size_t)bytes)) {
		free(buf);
		return REF_DESC_ERROR;
	}
	tmp = *m;
	tmp.dram = buf, tmp.dram_base = 0, tmp.dram_size = bytes;
	if (d->sys_dtype) {
		struct ref_matrix g, l;
		bool to_local;

		if (matrices(d, 0, da, &g, &l, &to_local)) {
			rr = refused("matrix lanes do not hold its columns");
		} else {
			g.row_stride = (uint64_t)g.cols * ses;
			rr = ref_matrix_copy(&tmp, m, &g, &l, false, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR
												     : REF_DESC_OK;
		}
	} else {
		struct ref_tensor s = { false, 0, 1, 1, 1, (uint32_t)elems, 0, 0, 0, ses };

		if (elems > UINT32_MAX)
			rr = unstated("decompression of more than 2^32 elements");
		else
			rr = ref_tdma_copy(&tmp, m, &s, t, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR : REF_DESC_OK;
	}
	free(buf);
	return rr;
}

/* L2G compression (2.12): the source read like a copy into a packed
 * buffer of dst_fmt elements (tensor or matrix), compressed by the
 * reference compressor with the descriptor's parameters, the stream
 * written at the destination. */
static enum ref_desc_result compress(const struct tdma_desc *d, struct ref_mem *m, uint64_t sa, uint64_t da,
				     const struct ref_tensor *s)
{
	unsigned des = fmt_bytes(d->dst_fmt);
	uint64_t elems = d->sys_dtype ? (uint64_t)d->dst_c * d->dst_w
				      : (uint64_t)d->src_n * d->src_c * d->src_h * d->src_w;
	uint64_t bytes = elems * des;
	struct ref_vlc_params p = { des == 2, d->cmprs_fmt, (uint8_t)d->compress_bias0,
				    (uint8_t)(d->compress_bias1 & 0x7f), d->compress_zero_guard };
	enum ref_desc_result rr = REF_DESC_OK;
	struct ref_mem tmp;
	uint8_t *buf, *st, *at = ref_dram_at(m, da);
	size_t cap, len;

	if ((d->trans_dir & 3u) != TDMA_DESC_TRANS_DIR_L2G || d->spec_func != TDMA_DESC_SPEC_FUNC_PLAIN)
		return unstated("compression other than a plain L2G compression");
	if (elems > UINT32_MAX)
		return unstated("compression of more than 2^32 elements");
	if (p.bf16 ? p.is_signed || p.bias1 : p.is_signed && p.bias0 > 127)
		return unstated("compression parameters the reference compressor does not take");
	cap = ref_vlc_max_size((size_t)bytes, p.bf16);
	buf = malloc(bytes + cap);
	if (!buf)
		return refused("out of memory");
	st = buf + bytes;
	tmp = *m;
	tmp.dram = buf, tmp.dram_base = 0, tmp.dram_size = bytes;
	if (d->sys_dtype) {
		struct ref_matrix g, l;
		bool to_local;

		if (matrices(d, sa, 0, &g, &l, &to_local)) {
			rr = refused("matrix lanes do not hold its columns");
		} else {
			g.row_stride = (uint64_t)g.cols * des;
			rr = ref_matrix_copy(m, &tmp, &l, &g, false, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR
												     : REF_DESC_OK;
		}
	} else {
		struct ref_tensor t = { false, 0, 1, 1, 1, (uint32_t)elems, 0, 0, 0, des };

		if (elems != (uint64_t)d->src_n * d->dst_c * d->dst_h * d->dst_w)
			rr = refused("compression: element counts differ");
		else
			rr = ref_tdma_copy(m, &tmp, s, &t, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR
											       : REF_DESC_OK;
	}
	if (rr == REF_DESC_OK) {
		len = ref_vlc_compress(buf, (size_t)bytes, &p, st, cap);
		if (!len)
			rr = REF_DESC_ERROR;
		else if (!at || len > m->dram_base + m->dram_size - da)
			rr = refused("compressed stream outside DRAM");
		else
			memcpy(at, st, len);
	}
	free(buf);
	return rr;
}

/* The exponent index mv_lut_idx writes for a bf16 value (2.2): the
 * lookup's index floor(log2 |x|) + 63, plus 128 when negative, modulo
 * 256, in the low byte; 0 for a zero exponent field. */
static uint16_t lut_exponent_index(uint16_t v)
{
	int e = (v >> 7) & 0xff, neg = v >> 15;

	if (!e)
		return 0;
	return (uint16_t)(((e - 127) + 63 + 128 * neg + 256) % 256);
}

/* An L2L bf16 copy with mv_lut_idx: the copy, then each destination
 * element replaced by its exponent index. */
static enum ref_desc_result exponent_index_copy(const struct tdma_desc *d, struct ref_mem *m,
						const struct ref_tensor *s, const struct ref_tensor *t)
{
	uint64_t n, c, h, w;

	if (ref_tdma_copy(m, m, s, t, d->int8_sign, d->int8_rnd_mode))
		return REF_DESC_ERROR;
	for (n = 0; n < t->n; n++)
		for (c = 0; c < t->c; c++)
			for (h = 0; h < t->h; h++)
				for (w = 0; w < t->w; w++) {
					uint8_t *lo = ref_byte(m, t, n, c, h, w, 0), *hi = ref_byte(m, t, n, c, h, w, 1);
					uint16_t x;

					if (!lo || !hi)
						return REF_DESC_ERROR;
					x = lut_exponent_index((uint16_t)(*lo | *hi << 8));
					*lo = (uint8_t)x, *hi = (uint8_t)(x >> 8);
				}
	return REF_DESC_OK;
}

enum ref_desc_result ref_tdma_desc(const struct tdma_desc *d, struct ref_mem *m, const uint64_t ab[8])
{
	unsigned dir = d->trans_dir & 3u;
	bool src_local = dir == TDMA_DESC_TRANS_DIR_L2G || dir == TDMA_DESC_TRANS_DIR_L2L;
	bool dst_local = dir == TDMA_DESC_TRANS_DIR_G2L || dir == TDMA_DESC_TRANS_DIR_L2L;
	uint64_t sa = side_addr(src_local, ab, d->src_base_reg_sel, d->src_base_addr_high, d->src_base_addr_low);
	uint64_t da = side_addr(dst_local, ab, d->dst_base_reg_sel, d->dst_base_addr_high, d->dst_base_addr_low);
	bool transpose = d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE;
	struct ref_tensor s, t;

	if (d->trans_fmt) {     /* 2.6: a linear copy of src_n_stride bytes */
		if (d->spec_func || d->sys_dtype || d->compress_en || !fmt_bytes(d->src_fmt) ||
		    d->src_fmt != d->dst_fmt)
			return refused("general copy with a mode or differing formats");
		if (!d->src_n_stride)
			return refused("general copy of 0 bytes");
		return ref_general_copy(m, m, src_local, sa, dst_local, da, d->src_n_stride) ? REF_DESC_ERROR
											       : REF_DESC_OK;
	}
	if (d->spec_func != TDMA_DESC_SPEC_FUNC_PLAIN && !transpose &&
	    d->spec_func != TDMA_DESC_SPEC_FUNC_CONST_FILL)
		return refused("reserved spec_func");
	memset(&t, 0, sizeof(t));
	t.local = dst_local;
	t.addr = da;
	t.n = transpose ? d->src_c : d->src_n;
	t.c = d->dst_c, t.h = d->dst_h, t.w = d->dst_w;
	t.ns = d->dst_n_stride;
	t.cs = (uint64_t)d->dst_c_stride_high << 16 | d->dst_c_stride_low;
	t.hs = d->dst_h_stride;
	t.es = fmt_bytes(d->dst_fmt);
	if (d->spec_func == TDMA_DESC_SPEC_FUNC_CONST_FILL) {   /* 2.5 */
		if (!t.es || d->sys_dtype || d->compress_en)
			return refused("constant fill with a mode or an invalid format");
		t.n = d->src_n;
		if (!t.n || !t.c || !t.h || !t.w)
			return refused("constant fill with a zero dimension");
		return ref_tdma_fill(m, &t, (uint16_t)d->const_val) ? REF_DESC_ERROR : REF_DESC_OK;
	}
	memset(&s, 0, sizeof(s));
	s.local = src_local;
	s.addr = sa;
	s.n = d->src_n, s.c = d->src_c, s.h = d->src_h, s.w = d->src_w;
	s.ns = d->src_n_stride;
	s.cs = (uint64_t)d->src_c_stride_high << 16 | d->src_c_stride_low;
	s.hs = d->src_h_stride;
	s.es = fmt_bytes(d->src_fmt);
	if (!s.es || !t.es)
		return refused("reserved src_fmt/dst_fmt");
	if (!s.n || !s.c || !s.h || !s.w || !t.c || !t.h || !t.w)
		return refused("zero dimension");
	if (d->compress_en && (d->trans_dir & 3u) == TDMA_DESC_TRANS_DIR_L2G)
		return compress(d, m, sa, da, &s);
	if (d->compress_en)
		return decompress(d, m, sa, da, &t);
	if (d->sys_dtype)
		return matrix(d, m, sa, da);
	if (transpose) {
		if (d->transpose_md == TDMA_DESC_TRANSPOSE_MD_CW) {
			t.n = s.n;
			if (t.c != s.w || t.h != s.h || t.w != s.c)
				return refused("CW transpose with mismatched shapes");
			return cw_or_rotate(m, &s, &t, d);
		}
		if (d->transpose_md != TDMA_DESC_TRANSPOSE_MD_NC) {
			uint32_t ch = d->transpose_md == TDMA_DESC_TRANSPOSE_MD_CHW3 ? 3 : 4;

			if (s.local)
				return unstated("CHW rotate from LMEM");
			t.n = s.n;
			if (s.c != ch || t.c != ch || t.h != s.h || t.w != s.w)
				return refused("CHW rotate with mismatched shapes");
			/* the HWC rows: pixels of ch adjacent elements; the
			 * source c stride is not used */
			s.c = s.h, s.h = 1, s.w *= ch;
			s.cs = s.hs, s.hs = 0;
			return cw_or_rotate(m, &s, &t, d);
		}
		if (t.c != s.n || (uint64_t)s.h * s.w != (uint64_t)t.h * t.w)
			return refused("NC transpose with mismatched shapes");
		return nc_transpose(m, &s, &t, d);
	}
	if (d->mv_lut_idx && (d->trans_dir & 3u) == TDMA_DESC_TRANS_DIR_L2L && s.es == 2 && t.es == 2 &&
	    d->spec_func == TDMA_DESC_SPEC_FUNC_PLAIN)
		return exponent_index_copy(d, m, &s, &t);
	return ref_tdma_copy(m, m, &s, &t, d->int8_sign, d->int8_rnd_mode) ? REF_DESC_ERROR : REF_DESC_OK;
}

/* ---------------- TIU (docs/datapath.md 3) ---------------- */

/* An element-wise operand from its address, stride mode (3.2) and fields;
 * -1 for the conv-weight mode 1 or a segment other than 8/16 bits. */
static int opd_of(struct ref_tiu_opd *o, unsigned lanes, uint32_t addr, unsigned mode, unsigned seg,
		  bool sign, uint32_t c, uint32_t h, uint32_t w, const uint32_t str[5])
{
	uint64_t s[4];

	memset(o, 0, sizeof(*o));
	if (mode == 1 || seg > 1)
		return -1;
	o->addr = addr;
	o->wide = seg == 0;
	o->is_signed = sign;
	o->bs = str[4];
	ref_tiu_strides(mode, lanes, c, h, w, str, s);
	o->ns = s[0], o->cs = s[1], o->hs = s[2], o->ws = s[3];
	return 0;
}

/* tsk_typ 3, tsk_eu_typ 0..10 on fixed-point data (3.2, 3.3). */
static enum ref_desc_result eltwise_i8(const struct tiu_desc *d, struct ref_mem *m)
{
	const uint32_t rs[5] = { d->res0_n_str, d->res0_c_str, d->res0_h_str, d->res0_w_str, d->res0_b_str };
	const uint32_t as[5] = { d->opd0_n_str, d->opd0_c_str, d->opd0_h_str, d->opd0_w_str, d->opd0_b_str };
	const uint32_t bs[5] = { d->opd1_n_str, d->opd1_c_str, d->opd1_h_str, d->opd1_w_str, d->opd1_b_str };
	unsigned eu = d->tsk_eu_typ;
	struct ref_tiu_opd res, a, b;
	struct ref_eltwise e;
	bool copy = eu == REF_TIU_COPY;
	int64_t bc = 0;

	if (d->opt_chl_quan)
		return unstated("element-wise with channel quantisation (mul_qm)");
	if (d->opt_opd0_const)
		return unstated("element-wise with a scalar opd0");
	if (d->opt_relu_typ > 1)
		return unstated("element-wise with opt_relu_typ > 1");
	if (opd_of(&res, m->lanes, d->res0_addr, d->short_res0_str, d->opt_res0_seg, d->opt_res0_sign, d->res0_c,
		   d->res0_h, d->res0_w, rs) ||
	    opd_of(&a, m->lanes, d->opd0_addr, d->short_opd0_str, d->opt_opd0_seg, d->opt_opd0_sign, d->opd0_c,
		   d->opd0_h, d->opd0_w, as))
		return unstated("element-wise operand in stride mode 1 or a segment other than 8/16 bits");
	if (!copy && !d->opt_opd1_const &&
	    opd_of(&b, m->lanes, d->opd1_addr, d->short_opd1_str, d->opt_opd1_seg, d->opt_opd1_sign, d->opd1_c,
		   d->opd1_h, d->opd1_w, bs))
		return unstated("element-wise operand in stride mode 1 or a segment other than 8/16 bits");
	if (!copy && d->opt_opd1_const) {
		if (d->opt_opd1_seg > 1)
			return unstated("scalar opd1 with a segment other than 8/16 bits");
		bc = d->opt_opd1_seg ? (d->opt_opd1_sign ? (int8_t)d->opd1_addr : (uint8_t)d->opd1_addr)
				     : (d->opt_opd1_sign ? (int16_t)d->opd1_addr : (uint16_t)d->opd1_addr);
	}
	memset(&e, 0, sizeof(e));
	/* mac without opt_res_add does not accumulate: it is a mul. */
	e.op = eu == REF_TIU_MAC && !d->opt_res_add ? REF_TIU_MUL : (enum ref_tiu_op)eu;
	e.rshift = d->opt_res_shift;
	e.round = d->opt_rshift_typ;
	e.lshift = d->opt_left_shift;
	e.relu = d->opt_relu_typ;
	e.res_wide = res.wide;
	e.res_signed = res.is_signed;
	if (ref_tiu_eltwise(m, m, &e, &res, &a, copy || d->opt_opd1_const ? NULL : &b, bc, d->res0_n, d->res0_c,
			    d->res0_h, d->res0_w))
		return REF_DESC_ERROR;
	return REF_DESC_OK;
}

/* ref_nn says -1 for both "outside LMEM" and "not stated"; the caller
 * tells them apart by whether the kernels raised an error. */
static enum ref_desc_result nn(int rc)
{
	return rc ? REF_DESC_UNSTATED : REF_DESC_OK;
}

enum ref_desc_result ref_tiu_desc(const struct tiu_desc *d, struct ref_mem *m)
{
	bool bf16 = d->opd_typ;

	switch (d->tsk_typ) {
	case 0:
		return nn(bf16 ? ref_nn_conv_bf16(d, m->lmem, m->lanes, m->lane_size)
			       : ref_nn_conv(d, m->lmem, m->lanes, m->lane_size));
	case 1:
		return nn(bf16 ? ref_nn_pool_bf16(d, m->lmem, m->lanes, m->lane_size)
			       : ref_nn_pool(d, m->lmem, m->lanes, m->lane_size));
	case 2:
		return nn(bf16 ? ref_nn_matmul_bf16(d, m->lmem, m->lanes, m->lane_size)
			       : ref_nn_matmul(d, m->lmem, m->lanes, m->lane_size));
	case 3:
		if (d->tsk_eu_typ == 12)
			return nn(ref_nn_lut(d, m->lmem, m->lanes, m->lane_size));
		if (bf16)
			return nn(ref_nn_bf16(d, m->lmem, m->lanes, m->lane_size));
		if (d->tsk_eu_typ == 11)
			return nn(ref_nn_ge(d, m->lmem, m->lanes, m->lane_size));
		if (d->tsk_eu_typ == REF_TIU_MUL && d->opt_chl_quan)
			return nn(ref_nn_mul_qm(d, m->lmem, m->lanes, m->lane_size));
		if (d->tsk_eu_typ <= REF_TIU_COPY)
			return eltwise_i8(d, m);
		return unstated("tensor arithmetic tsk_eu_typ other than 0..10 and 12");
	}
	return unstated("reserved tsk_typ");
}
