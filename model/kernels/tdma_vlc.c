/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_vlc.c - G2L decompression (compress_en 1): the source is one VLC
 * stream (tdma_vlc_format.h, docs/datapath.md 2.11), decoded whole into a
 * staging buffer and then written to a local tensor, or with sys_dtype 1
 * to a local matrix.  Everything is checked before the first LMEM byte is
 * written; a stream that breaks a rule gives DECERR.
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

/* The symbols of one block; 0, or -1 for a malformed block. */
static int block_symbols(struct vlc_rbits *b, uint8_t kinfo, int bf16_zg,
			 uint8_t sym[VLC_BLOCK_ELEMS])
{
	unsigned k = vlc_order_k(kinfo), ulen = vlc_order_ulen(kinfo), j, i, q, ones;
	unsigned rem[VLC_BLOCK_ELEMS] = { 0 };

	if (k == VLC_RAW_ORDER) {
		for (i = 0; i < VLC_BLOCK_ELEMS; i++) {
			int v = vlc_take(b, 8);

			if (v < 0)
				return -1;
			sym[i] = (uint8_t)v;
		}
		return 0;
	}
	if (k > VLC_MAX_ORDER || vlc_coded_bits(k, ulen, bf16_zg) > VLC_BLOCK_BITS)
		return -1;
	for (j = 0; j < k; j++)
		for (i = 0; i < VLC_BLOCK_ELEMS; i++) {
			int v = vlc_take(b, 1);

			if (v < 0)
				return -1;
			rem[i] |= (unsigned)v << j;
		}
	/* zero count: not needed to decode */
	if (bf16_zg && k && vlc_take(b, VLC_ZCOUNT_BITS) < 0)
		return -1;
	for (i = 0, q = 0, ones = 0; i < ulen; i++) {
		int v = vlc_take(b, 1);

		if (v < 0)
			return -1;
		if (!v) {
			q++;
			continue;
		}
		if (ones == VLC_BLOCK_ELEMS || ((q << k) | rem[ones]) > 0xff)
			return -1;
		sym[ones] = (uint8_t)((q << k) | rem[ones]);
		ones++;
		q = 0;
	}
	return ones == VLC_BLOCK_ELEMS && q == 0 ? 0 : -1;
}

/* Decodes count elements (es 1 or 2) from a whole stream; 0 or -1. */
static int decode(const uint8_t *st, uint64_t len, const struct vlc_hdr *h, unsigned es,
		  uint64_t count, uint8_t *out)
{
	uint64_t blocks = vlc_blocks(count), blk, i;
	struct vlc_rbits b = { st, (VLC_HDR_BYTES + vlc_order_bytes(blocks)) * 8, len * 8 };
	int zg = es == 2 && h->zero_guard;

	for (blk = 0; blk < blocks; blk++) {
		uint64_t first = blk * VLC_BLOCK_ELEMS, m = kern_min_u64(VLC_BLOCK_ELEMS, count - first);
		uint8_t sym[VLC_BLOCK_ELEMS];

		if (block_symbols(&b, st[VLC_HDR_BYTES + blk], zg, sym))
			return -1;
		for (i = 0; i < m; i++) {
			uint8_t v = vlc_unmap(h, sym[i]);
			int f;
			uint16_t x;

			if (es == 1) {
				out[first + i] = v;
				continue;
			}
			f = zg && v == 0 ? 0 : vlc_take(&b, 8);
			if (f < 0)
				return -1;
			x = vlc_bf16_join(v, (uint8_t)f);
			out[2 * (first + i)] = (uint8_t)x;
			out[2 * (first + i) + 1] = (uint8_t)(x >> 8);
		}
	}
	return 0;
}

void tdma_exec_decompress(const struct tdma_desc *d, const struct tdma_kctx *k,
			  struct tdma_kresult *r, uint64_t sa, uint64_t da)
{
	unsigned ses = tdma_fmt_size(d->src_fmt), des = tdma_fmt_size(d->dst_fmt);
	uint64_t dcs = ((uint64_t)d->dst_c_stride_high << 16) | d->dst_c_stride_low;
	uint64_t count, blocks, len, fault = 0;
	uint8_t hdr[VLC_HDR_BYTES], *st, *out, *cur;
	struct vlc_local dst;     /* where the decoded elements go */
	struct tside s;
	struct tcursor sc = { .s = &s };
	struct vlc_hdr h;

	memset(&dst, 0, sizeof(dst));
	dst.matrix = d->sys_dtype;
	if (dst.matrix) {
		count = (uint64_t)d->src_n * d->src_w;
		if (tdma_lmat_init(&dst.m, da, d->src_n, d->src_w, d->dst_c, d->dst_w,
				   d->dst_n_stride, dcs, des, k->lmem.lanes)) {
			tdma_fail(r, ST_DECERR, "matrix decompress: local c is not ceil(cols / w)");
			return;
		}
		if (d->src_n > 1 && !d->dst_n_stride) {
			tdma_fail(r, ST_ZERO, "matrix decompress: zero local n stride");
			return;
		}
	} else {
		count = (uint64_t)d->src_n * d->src_c * d->src_h * d->src_w;
		if (count != (uint64_t)d->src_n * d->dst_c * d->dst_h * d->dst_w) {
			tdma_fail(r, ST_DECERR, "decompress: source and destination element counts differ");
			return;
		}
		if ((d->dst_h > 1 && !d->dst_h_stride) || (d->src_n > 1 && !d->dst_n_stride)) {
			tdma_fail(r, ST_ZERO, "decompress: zero destination h or n stride");
			return;
		}
		tdma_side_tensor(&dst.t, 1, da, d->src_n, d->dst_c, d->dst_h, d->dst_w,
				 d->dst_n_stride, dcs, d->dst_h_stride, des);
		dst.tc.s = &dst.t;
	}
	blocks = vlc_blocks(count);
	if (count > VLC_MAX_ELEMS) {
		r->lmem_bytes = count * des;
		r->dram_bytes = r->dram_bus_bytes = count * ses;
		r->what = "decompress too large (timing only)";
		return;
	}
	/* the header decides how much is read: check and read it first */
	tdma_side_tensor(&s, 0, sa, 1, 1, 1, VLC_HDR_BYTES, 0, 0, 0, 1);
	if (dst.matrix ? tdma_lmat_check(r, k, &dst.m, &s, 0) : tdma_check_sides(r, k, &s, &dst.t))
		return;
	if (tdma_cur_xfer(&sc, k, hdr, VLC_HDR_BYTES, 0, &fault))
		goto buserr;
	vlc_hdr_parse(hdr, &h);
	if (h.is_bf16 != (ses == 2)) {
		tdma_fail(r, ST_DECERR, "decompress: stream header data type differs from src_fmt");
		return;
	}
	if (h.data_bytes > vlc_max_data_bytes(blocks, ses)) {
		tdma_fail(r, ST_DECERR, "decompress: stream header size larger than the data can need");
		return;
	}
	len = VLC_HDR_BYTES + vlc_order_bytes(blocks) + h.data_bytes;
	tdma_side_tensor(&s, 0, sa, 1, 1, 1, len, 0, 0, 0, 1);
	if (tdma_check_sides(r, k, NULL, &s))
		return;
	st = kern_scratch((size_t)(len + count * (ses + des)));
	if (!st) {
		tdma_fail(r, 0, "out of host memory (not executed)");
		return;
	}
	/* the stream's length depends on its header, so even a timing-only
	 * run reads and decodes it: the same errors and byte counts.  The
	 * rest follows the header already read (each byte is read once). */
	memcpy(st, hdr, VLC_HDR_BYTES);
	sc.n = sc.c = sc.h = 0;
	sc.pos = VLC_HDR_BYTES;
	if (tdma_cur_xfer(&sc, k, st + VLC_HDR_BYTES, len - VLC_HDR_BYTES, 0, &fault))
		goto buserr;
	out = st + len;
	if (decode(st, len, &h, ses, count, out)) {
		tdma_fail(r, ST_DECERR, "decompress: malformed VLC stream");
		return;
	}
	tdma_account(r, &s);
	if (dst.matrix)
		tdma_lmat_account(r, &dst.m);
	else
		tdma_account(r, &dst.t);
	r->what = dst.matrix ? "matrix decompress" : "tensor decompress";
	if (k->timing_only)
		return;
	cur = out;
	if (ses != des) {
		kern_convert(out, ses, out + count * ses, des, count, d->int8_sign, d->int8_rnd_mode);
		cur = out + count * ses;
	}
	if (dst.matrix)
		tdma_lmat_xfer(&dst.m, k, cur, 1);
	else
		tdma_cur_xfer(&dst.tc, k, cur, count * des, 1, &fault);
	r->executed = 1;
	return;
buserr:
	tdma_fail(r, ST_BUSERR, "DRAM bus error");
	r->fault_addr = fault;
}
