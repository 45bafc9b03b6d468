/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_vlc_compress.c - L2G compression (compress_en 1): a local tensor,
 * or with sys_dtype 1 a local matrix, is read whole, converted to
 * dst_fmt, and stored as one VLC stream (tdma_vlc_format.h,
 * docs/datapath.md 2.12) at the destination address.
 *
 * The stream's parameters come from the descriptor (cmprs_fmt,
 * compress_bias0/1, compress_zero_guard) and go into its header; each
 * block takes the order with the fewest bits, the lowest on a tie, and
 * is stored raw when no order fits 128 bits.  The stream is built in a
 * staging buffer and its range checked before the first DRAM byte is
 * written.
 */
#include <string.h>

#include "kern_priv.h"
#include "tdma_kernel.h"
#include "tdma_vlc_format.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"

#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

/* Codes one block's symbols; returns its order byte. */
static uint8_t put_block(struct vlc_wbits *b, const uint8_t sym[VLC_BLOCK_ELEMS], int zc)
{
	unsigned k, i, best = VLC_RAW_ORDER, best_bits = VLC_BLOCK_BITS + 1, best_ulen = 0, zeros = 0;

	for (k = 0; k <= VLC_MAX_ORDER; k++) {
		unsigned ulen = 0;

		for (i = 0; i < VLC_BLOCK_ELEMS; i++)
			ulen += (sym[i] >> k) + 1u;
		if (ulen <= VLC_ULEN_BASE + VLC_ULEN_MASK && vlc_coded_bits(k, ulen, zc) < best_bits) {
			best = k;
			best_bits = vlc_coded_bits(k, ulen, zc);
			best_ulen = ulen;
		}
	}
	if (best == VLC_RAW_ORDER) {
		for (i = 0; i < VLC_BLOCK_ELEMS; i++)
			vlc_put(b, sym[i], 8);
		return vlc_order_byte(VLC_RAW_ORDER, VLC_ULEN_BASE);
	}
	for (k = 0; k < best; k++)
		for (i = 0; i < VLC_BLOCK_ELEMS; i++)
			vlc_put(b, sym[i] >> k, 1);
	if (zc && best) {
		/* an all-zero block always takes order 0, so this fits */
		for (i = 0; i < VLC_BLOCK_ELEMS; i++)
			zeros += sym[i] == 0;
		vlc_put(b, zeros, VLC_ZCOUNT_BITS);
	}
	for (i = 0; i < VLC_BLOCK_ELEMS; i++) {
		vlc_put(b, 0, sym[i] >> best);
		vlc_put(b, 1, 1);
	}
	return vlc_order_byte(best, best_ulen);
}

/* Encodes count elements of es bytes into st (zeroed, large enough for
 * the largest stream) under h (its data size is filled in here); the
 * stream's length. */
static uint64_t encode(const uint8_t *in, unsigned es, uint64_t count, struct vlc_hdr *h,
		       const uint8_t fwd[256], uint8_t *st)
{
	uint64_t blocks = vlc_blocks(count), kmap = vlc_order_bytes(blocks), blk, i;
	struct vlc_wbits b = { st + VLC_HDR_BYTES + kmap, 0 };
	int zg = es == 2 && h->zero_guard;

	for (blk = 0; blk < blocks; blk++) {
		uint64_t first = blk * VLC_BLOCK_ELEMS, m = kern_min_u64(VLC_BLOCK_ELEMS, count - first);
		/* a short last block is padded with the value 0 */
		uint8_t val[VLC_BLOCK_ELEMS] = { 0 }, frac[VLC_BLOCK_ELEMS] = { 0 }, sym[VLC_BLOCK_ELEMS];

		for (i = 0; i < m; i++) {
			if (es == 1) {
				val[i] = in[first + i];
			} else {
				uint16_t x = (uint16_t)(in[2 * (first + i)] | in[2 * (first + i) + 1] << 8);

				val[i] = vlc_bf16_exp(x);
				frac[i] = vlc_bf16_frac(x);
			}
		}
		for (i = 0; i < VLC_BLOCK_ELEMS; i++)
			sym[i] = fwd[val[i]];
		st[VLC_HDR_BYTES + blk] = put_block(&b, sym, zg);
		/* the padding's bytes too, as the vendor's encoder lays the
		 * block out (a decoder reads only the elements') */
		if (es == 2)
			for (i = 0; i < VLC_BLOCK_ELEMS; i++)
				if (!(zg && val[i] == 0))
					vlc_put(&b, frac[i], 8);
	}
	h->data_bytes = (uint32_t)kern_align_up(kern_ceil_div(b.at, 8), VLC_DATA_ALIGN);
	vlc_hdr_pack(h, st);
	return VLC_HDR_BYTES + kmap + h->data_bytes;
}

void tdma_exec_compress(const struct tdma_desc *d, const struct tdma_kctx *k,
			struct tdma_kresult *r, uint64_t sa, uint64_t da)
{
	unsigned ses = tdma_fmt_size(d->src_fmt), des = tdma_fmt_size(d->dst_fmt);
	uint64_t scs = ((uint64_t)d->src_c_stride_high << 16) | d->src_c_stride_low;
	uint64_t count, cap, len, fault = 0;
	uint8_t fwd[256], *in, *cur, *st;
	struct vlc_local src;     /* where the elements come from */
	struct vlc_hdr h;
	struct tside g;
	struct tcursor gc = { .s = &g };

	memset(&src, 0, sizeof(src));
	src.matrix = d->sys_dtype;
	if (src.matrix) {
		count = (uint64_t)d->dst_c * d->dst_w;
		if (d->src_n != d->dst_c) {
			tdma_fail(r, ST_DECERR, "matrix compress: src_n differs from the global rows (dst_c)");
			return;
		}
		if (tdma_lmat_init(&src.m, sa, d->src_n, d->dst_w, d->src_c, d->src_w, d->src_n_stride,
				   scs, ses, k->lmem.lanes)) {
			tdma_fail(r, ST_DECERR, "matrix compress: local c is not ceil(cols / w)");
			return;
		}
		if (d->src_n > 1 && !d->src_n_stride) {
			tdma_fail(r, ST_ZERO, "matrix compress: zero local n stride");
			return;
		}
	} else {
		count = (uint64_t)d->src_n * d->src_c * d->src_h * d->src_w;
		if (count != (uint64_t)d->src_n * d->dst_c * d->dst_h * d->dst_w) {
			tdma_fail(r, ST_DECERR, "compress: source and destination element counts differ");
			return;
		}
		if (d->src_n > 1 && !d->src_n_stride) {
			tdma_fail(r, ST_ZERO, "compress: zero source n stride");
			return;
		}
		tdma_side_tensor(&src.t, 1, sa, d->src_n, d->src_c, d->src_h, d->src_w, d->src_n_stride,
				 scs, d->src_h_stride, ses);
		src.tc.s = &src.t;
	}
	memset(&h, 0, sizeof(h));
	h.is_signed = d->cmprs_fmt;
	h.is_bf16 = des == 2;
	h.bias0 = (uint8_t)d->compress_bias0;
	h.bias1 = (uint8_t)(d->compress_bias1 & 0x7f);     /* what the header holds */
	h.zero_guard = d->compress_zero_guard;
	if (count > VLC_MAX_ELEMS || vlc_map_table(&h, fwd)) {
		r->lmem_bytes = count * ses;
		r->dram_bytes = r->dram_bus_bytes = count * des;
		r->what = count > VLC_MAX_ELEMS ? "compress too large (timing only)"
						: "compress with signed bias0 over 127 (timing only)";
		return;
	}
	/* the stream's length depends on the data: the source and the
	 * header's place first, the whole stream once it is built */
	tdma_side_tensor(&g, 0, da, 1, 1, 1, VLC_HDR_BYTES, 0, 0, 0, 1);
	if (src.matrix ? tdma_lmat_check(r, k, &src.m, &g, 1) : tdma_check_sides(r, k, &src.t, &g))
		return;
	cap = VLC_HDR_BYTES + vlc_order_bytes(vlc_blocks(count)) +
	      vlc_max_data_bytes(vlc_blocks(count), des);
	in = kern_scratch((size_t)(count * (ses + des) + cap));
	if (!in) {
		tdma_fail(r, 0, "out of host memory (not executed)");
		return;
	}
	if (src.matrix)
		tdma_lmat_xfer(&src.m, k, in, 0);
	else
		tdma_cur_xfer(&src.tc, k, in, count * ses, 0, &fault);    /* LMEM: cannot fail */
	cur = in;
	if (ses != des) {
		kern_convert(in, ses, in + count * ses, des, count, d->int8_sign, d->int8_rnd_mode);
		cur = in + count * ses;
	}
	st = in + count * (ses + des);
	memset(st, 0, (size_t)cap);
	len = encode(cur, des, count, &h, fwd, st);
	tdma_side_tensor(&g, 0, da, 1, 1, 1, len, 0, 0, 0, 1);
	if (tdma_check_sides(r, k, NULL, &g))
		return;
	if (src.matrix)
		tdma_lmat_account(r, &src.m);
	else
		tdma_account(r, &src.t);
	tdma_account(r, &g);
	r->what = src.matrix ? "matrix compress" : "tensor compress";
	/* timing only: the source was read and encoded for the length (the
	 * same checks and byte counts); the stream is not written */
	if (tdma_cur_xfer(&gc, k, k->timing_only ? NULL : st, len, 1, &fault)) {
		tdma_fail(r, ST_BUSERR, "DRAM bus error");
		r->fault_addr = fault;
		return;
	}
	r->executed = !k->timing_only;
}
