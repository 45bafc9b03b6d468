/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_window.c - the extended input plane that conv, depthwise and pooling
 * slide their kernel over: the input with ins0 zeros inserted between rows
 * and columns, pads around it, and the kernel dilated (docs/datapath.md
 * 3.5).  The plane is materialised once per input channel as int32 (or
 * float for bf16) so the multiply-accumulate loops read it as a plain
 * array.
 */
#include "kern_priv.h"
#include "tiu_priv.h"

int tiu_win_init(struct tiu_win *w, const struct tiu_desc *d)
{
	w->ih = d->opd0_h, w->iw = d->opd0_w;
	w->oh = d->res0_h, w->ow = d->res0_w;
	w->kh = d->opd1_h, w->kw = d->opd1_w;
	w->sh = d->conv_op_y_str, w->sw = d->conv_op_x_str;
	w->dh = d->conv_opd1_y_ins0 + 1u, w->dw = d->conv_opd1_x_ins0 + 1u;
	w->pt = d->conv_opd0_up_pad, w->pl = d->conv_opd0_lf_pad;
	w->yi = d->conv_opd0_y_ins0 + 1u, w->xi = d->conv_opd0_x_ins0 + 1u;
	if (!w->kh || !w->kw)
		return -1;
	if (!w->oh || !w->ow) {
		w->rows = w->cols = 0;
		return 0;
	}
	w->rows = (w->oh - 1) * w->sh + (w->kh - 1) * w->dh + 1;
	w->cols = (w->ow - 1) * w->sw + (w->kw - 1) * w->dw + 1;
	return w->rows * w->cols > TIU_NN_MAX_PLANE ? -1 : 0;
}

/* Input index of extended position e along one axis, or -1 for a pad or
 * an inserted zero.  Bottom/right pads and the ins0_last zeros need no
 * fields of their own: everything past the last input element is one. */
static int64_t src_index(uint64_t e, uint64_t pad, uint64_t period, uint64_t n)
{
	uint64_t y;

	if (e < pad)
		return -1;
	y = e - pad;
	if (y % period || y / period >= n)
		return -1;
	return (int64_t)(y / period);
}

/* The body of tiu_win_plane and tiu_win_plane_bf16: pad everywhere, then
 * every input element of channel (n, c) at its extended position, read as
 * LOAD(p) into a plane of T. */
#define WIN_PLANE(T, LOAD)                                                                  \
	const uint8_t *base = tiu_opd_at(in, lm, n, c);                                     \
	uint64_t r, x;                                                                       \
                                                                                             \
	for (r = 0; r < w->rows; r++) {                                                      \
		T *row = plane + r * w->cols;                                                \
		int64_t sy = src_index(r, w->pt, w->yi, w->ih);                              \
                                                                                             \
		for (x = 0; x < w->cols; x++)                                                \
			row[x] = pad;                                                        \
		if (sy < 0)                                                                  \
			continue;                                                            \
		for (x = 0; x < w->cols; x++) {                                              \
			int64_t sx = src_index(x, w->pl, w->xi, w->iw);                      \
                                                                                             \
			if (sx >= 0)                                                         \
				row[x] = LOAD(base + (uint64_t)sy * in->hs + (uint64_t)sx * in->ws); \
		}                                                                            \
	}

#define LOAD_I8(p) (in->is_signed ? (int32_t)(int8_t)*(p) : (int32_t)*(p))

void tiu_win_plane(const struct tiu_win *w, const struct tiu_opd *in,
		   const struct kmem_lmem *lm, uint64_t n, uint64_t c, int32_t pad,
		   int32_t *plane)
{
	WIN_PLANE(int32_t, LOAD_I8)
}

void tiu_win_plane_bf16(const struct tiu_win *w, const struct tiu_opd *in,
			const struct kmem_lmem *lm, uint64_t n, uint64_t c, float pad,
			float *plane)
{
	WIN_PLANE(float, tiu_bf16_at)
}

void tiu_win_store_bf16(const struct tiu_win *w, const struct tiu_opd *res,
			const struct kmem_lmem *lm, const uint32_t *out, uint64_t N, uint64_t C,
			int keep32, uint64_t bs)
{
	uint64_t n, c, y, x;

	for (n = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			uint8_t *pr = tiu_opd_at(res, lm, n, c);
			const uint32_t *o = out + (n * C + c) * w->oh * w->ow;

			for (y = 0; y < w->oh; y++)
				for (x = 0; x < w->ow; x++) {
					uint8_t *e = pr + y * res->hs + x * res->ws;
					uint32_t v = o[y * w->ow + x];

					if (keep32)
						tiu_f32_split_store(e, bs, v);
					else
						e[0] = (uint8_t)v, e[1] = (uint8_t)(v >> 8);
				}
		}
}

void tiu_win_mac(const struct tiu_win *w, const int32_t *restrict plane,
		 const int32_t *restrict wt, uint32_t *restrict acc)
{
	uint64_t oy, ox, ky, kx;

	for (oy = 0; oy < w->oh; oy++) {
		uint32_t *restrict arow = acc + oy * w->ow;

		for (ky = 0; ky < w->kh; ky++) {
			const int32_t *prow = plane + (oy * w->sh + ky * w->dh) * w->cols;

			for (kx = 0; kx < w->kw; kx++) {
				const int32_t *restrict p = prow + kx * w->dw;
				uint32_t k = (uint32_t)wt[ky * w->kw + kx];

				if (!k)
					continue;
				if (w->sw == 1)     /* the common case, contiguous */
					for (ox = 0; ox < w->ow; ox++)
						arow[ox] += k * (uint32_t)p[ox];
				else
					for (ox = 0; ox < w->ow; ox++)
						arow[ox] += k * (uint32_t)p[ox * w->sw];
			}
		}
	}
}
