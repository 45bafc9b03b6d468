/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_vlc.c - G2L decompression (compress_en 1): the source is one VLC
 * stream (docs/datapath.md 2.11), decoded whole into a staging buffer and
 * then written to a local tensor, or with sys_dtype 1 to a local matrix.
 *
 * Stream: a 16-byte header, one order byte per block (padded to 16
 * bytes), then the blocks' bits back to back, least significant bit of
 * each byte first.  A block is 16 symbols: k bit planes of remainders,
 * then the quotients in unary (q zeros and a one each); k = 7 marks a raw
 * block of 16 bytes.  bf16 blocks carry the 16 exponents this way and the
 * sign+mantissa bytes after them.  Everything is checked before the first
 * LMEM byte is written; a stream that breaks a rule gives DECERR.
 */
#include <string.h>

#include "kern_priv.h"
#include "tdma_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"

#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

#define VLC_HDR_BYTES   16u
#define VLC_RAW_ORDER   7u
#define VLC_MAX_ORDER   5u
#define VLC_BLOCK_BITS  128u    /* largest coded exponent/int8 block */
/* Decoded elements staged per descriptor (as matrix mode). */
#define VLC_MAX_ELEMS   (1ull << 20)

struct vlc_hdr {
	uint32_t data_bytes;    /* bits 23:0, block data size */
	int is_signed;          /* bit 28 */
	int is_bf16;            /* bit 29 */
	uint8_t bias0;          /* bits 39:32 */
	uint8_t bias1;          /* bits 46:40 */
	int zero_guard;         /* bit 47 */
};

static void parse_hdr(const uint8_t *h, struct vlc_hdr *v)
{
	v->data_bytes = h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16;
	v->is_signed = (h[3] >> 4) & 1;
	v->is_bf16 = (h[3] >> 5) & 1;
	v->bias0 = h[4];
	v->bias1 = h[5] & 0x7f;
	v->zero_guard = h[5] >> 7;
}

struct bits {
	const uint8_t *p;
	uint64_t at, end;       /* in bits */
};

/* Next n (<= 8) bits, first bit lowest; -1 past the end of the data. */
static int take(struct bits *b, unsigned n)
{
	unsigned v = 0, i;

	if (b->end - b->at < n)
		return -1;
	for (i = 0; i < n; i++, b->at++)
		v |= ((b->p[b->at >> 3] >> (b->at & 7)) & 1u) << i;
	return (int)v;
}

/* 16 symbols of one block; 0, or -1 for a malformed block. */
static int block_symbols(struct bits *b, uint8_t kinfo, int bf16_zg, uint8_t sym[16])
{
	unsigned k = kinfo >> 5, ulen = (kinfo & 31u) + 16, j, i, q, ones;
	unsigned rem[16] = { 0 };

	if (k == VLC_RAW_ORDER) {
		for (i = 0; i < 16; i++) {
			int v = take(b, 8);

			if (v < 0)
				return -1;
			sym[i] = (uint8_t)v;
		}
		return 0;
	}
	if (k > VLC_MAX_ORDER || 16 * k + (bf16_zg && k ? 4 : 0) + ulen > VLC_BLOCK_BITS)
		return -1;
	for (j = 0; j < k; j++)
		for (i = 0; i < 16; i++) {
			int v = take(b, 1);

			if (v < 0)
				return -1;
			rem[i] |= (unsigned)v << j;
		}
	if (bf16_zg && k && take(b, 4) < 0)     /* zero count: not needed to decode */
		return -1;
	for (i = 0, q = 0, ones = 0; i < ulen; i++) {
		int v = take(b, 1);

		if (v < 0)
			return -1;
		if (!v) {
			q++;
			continue;
		}
		if (ones == 16 || ((q << k) | rem[ones]) > 0xff)
			return -1;
		sym[ones] = (uint8_t)((q << k) | rem[ones]);
		ones++;
		q = 0;
	}
	return ones == 16 && q == 0 ? 0 : -1;
}

/* Inverse of the signed int8 mapping: zigzag, then the rotation of the
 * positive values by bias0 and of the negative ones by bias1. */
static uint8_t unmap_int8(uint8_t s, uint8_t bias0, uint8_t bias1)
{
	int neg = s & 1, mag = (s + 1) >> 1, lim = 127 + neg;

	if (mag == 0)
		return 0;
	mag += neg ? bias1 : bias0;
	if (mag > lim)
		mag -= lim;
	return (uint8_t)(neg ? -mag : mag);
}

/* Inverse of the bf16 exponent mapping around bias0 (zero guard: symbol
 * 0 is exponent 0 and the others are shifted up by one). */
static uint8_t unmap_exp(uint8_t s, uint8_t bias, int zg)
{
	unsigned half = bias <= 128 ? bias : 255u - bias;
	unsigned u = (uint8_t)(s - zg);

	if (zg && s == 0)
		return 0;
	if (bias <= 128 ? s >= 2 * half : u > 2 * half)
		return bias <= 128 ? s : (uint8_t)(half + bias + zg - s);
	return (uint8_t)((u & 1 ? -(int)((u + 1) >> 1) : (int)(u >> 1)) + bias);
}

/* Decodes count elements (es 1 or 2) from a whole stream; 0 or -1. */
static int decode(const uint8_t *st, uint64_t len, const struct vlc_hdr *h, unsigned es,
		  uint64_t count, uint8_t *out)
{
	uint64_t blocks = kern_ceil_div(count, 16), kmap = kern_align_up(blocks, 16), blk, i;
	struct bits b = { st, (VLC_HDR_BYTES + kmap) * 8, len * 8 };
	int zg = es == 2 && h->zero_guard;

	for (blk = 0; blk < blocks; blk++) {
		uint64_t first = blk * 16, m = kern_min_u64(16, count - first);
		uint8_t sym[16];

		if (block_symbols(&b, st[VLC_HDR_BYTES + blk], zg, sym))
			return -1;
		for (i = 0; i < m; i++) {
			if (es == 1) {
				out[first + i] = h->is_signed ? unmap_int8(sym[i], h->bias0, h->bias1)
							      : sym[i];
			} else {
				uint8_t e = unmap_exp(sym[i], h->bias0, h->zero_guard);
				int f = zg && e == 0 ? 0 : take(&b, 8);
				uint16_t v;

				if (f < 0)
					return -1;
				v = (uint16_t)((f & 0x80) << 8 | e << 7 | (f & 0x7f));
				out[2 * (first + i)] = (uint8_t)v;
				out[2 * (first + i) + 1] = (uint8_t)(v >> 8);
			}
		}
	}
	return 0;
}

/* Where the decoded elements go: a local tensor or a local matrix. */
struct vlc_dst {
	int matrix;
	struct tside t;
	struct tcursor tc;
	struct tlmat m;
};

void tdma_exec_decompress(const struct tdma_desc *d, const struct tdma_kctx *k,
			  struct tdma_kresult *r, uint64_t sa, uint64_t da)
{
	unsigned ses = tdma_fmt_size(d->src_fmt), des = tdma_fmt_size(d->dst_fmt);
	uint64_t dcs = ((uint64_t)d->dst_c_stride_high << 16) | d->dst_c_stride_low;
	uint64_t count, blocks, len, fault = 0;
	uint8_t hdr[VLC_HDR_BYTES], *st, *out, *cur;
	struct vlc_dst dst;
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
	blocks = kern_ceil_div(count, 16);
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
	parse_hdr(hdr, &h);
	if (h.is_bf16 != (ses == 2)) {
		tdma_fail(r, ST_DECERR, "decompress: stream header data type differs from src_fmt");
		return;
	}
	if (h.data_bytes > blocks * (ses == 2 ? 32 : 16)) {
		tdma_fail(r, ST_DECERR, "decompress: stream header size larger than the data can need");
		return;
	}
	len = VLC_HDR_BYTES + kern_align_up(blocks, 16) + h.data_bytes;
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
