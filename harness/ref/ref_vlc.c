/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_vlc.c - VLC stream reference (ref_vlc.h).
 *
 * Stated from the format (docs/datapath.md 2.11): the forward symbol maps
 * are written out, and the decompressor inverts them by table (every
 * value is mapped once and the table read backwards), so it does not
 * restate the kernel's inverse formulas.
 */
#include "ref_vlc.h"

#include <stdlib.h>
#include <string.h>

#include "ref_priv.h"

#define HDR 16u

/* ---- symbol maps (value -> symbol) ---- */

static unsigned zigzag(int x)
{
	return x >= 0 ? 2u * (unsigned)x : 2u * (unsigned)(-x) - 1u;
}

/* Signed int8: magnitudes rotate down by bias0 (positives, within 1..127)
 * or bias1 (negatives, within 1..128), then zigzag. */
static unsigned map_int8(uint8_t byte, unsigned bias0, unsigned bias1)
{
	int v = (int8_t)byte, m;

	if (v == 0)
		return 0;
	if (v > 0) {
		m = v - (int)bias0;
		if (m <= 0)
			m += 127;
		return zigzag(m);
	}
	m = -v - (int)bias1;
	if (m <= 0)
		m += 128;
	return zigzag(-m);
}

/* bf16 exponent e around bias b: e - b zigzagged within the symmetric
 * range 2*half around b, values outside that range kept (b <= 128) or
 * mirrored above it (b > 128); zero guard reserves symbol 0 for e = 0. */
static unsigned map_exp(unsigned e, unsigned b, unsigned zg)
{
	unsigned half = b <= 128 ? b : 255 - b;

	if (zg && e == 0)
		return 0;
	if (b <= 128)
		return e >= 2 * half ? e : zigzag((int)e - (int)b) + zg;
	return e < b - half ? half + b - e + zg : zigzag((int)e - (int)b) + zg;
}

/* symbol -> value table of a map; -1 when the map is not one to one. */
static int invert(unsigned (*fwd)(unsigned, const unsigned *), const unsigned *arg, int inv[256])
{
	unsigned v;

	for (v = 0; v < 256; v++)
		inv[v] = -1;
	for (v = 0; v < 256; v++) {
		unsigned s = fwd(v, arg);

		if (s > 255 || inv[s] >= 0) {
			ref_fail("symbol map is not one to one (value %u)", v);
			return -1;
		}
		inv[s] = (int)v;
	}
	return 0;
}

static unsigned fwd_int8(unsigned v, const unsigned *a) { return map_int8((uint8_t)v, a[0], a[1]); }
static unsigned fwd_exp(unsigned v, const unsigned *a) { return map_exp(v, a[0], a[1]); }
static unsigned fwd_plain(unsigned v, const unsigned *a) { (void)a; return v; }

/* ---- bits, least significant bit of each byte first ---- */

struct wbits {
	uint8_t *p;
	size_t at, cap;      /* bits */
};

static void put(struct wbits *w, unsigned v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++, w->at++)
		if (w->at < w->cap && ((v >> i) & 1))
			w->p[w->at / 8] |= (uint8_t)(1u << (w->at % 8));
}

struct rbits {
	const uint8_t *p;
	size_t at, end;
	bool over;           /* a read went past end */
};

static unsigned get(struct rbits *r, unsigned n)
{
	unsigned v = 0, i;

	for (i = 0; i < n; i++, r->at++) {
		if (r->at >= r->end) {
			r->over = true;
			return 0;
		}
		v |= (unsigned)((r->p[r->at / 8] >> (r->at % 8)) & 1) << i;
	}
	return v;
}

/* ---- compressor ---- */

size_t ref_vlc_max_size(size_t bytes, bool bf16)
{
	size_t blocks = (bytes / (bf16 ? 2 : 1) + 15) / 16;

	return HDR + (blocks + 15) / 16 * 16 + blocks * (bf16 ? 32 : 16);
}

/* Bits of a block of symbols s coded with order k (zero count: zc). */
static unsigned coded_bits(const unsigned s[16], unsigned k, bool zc)
{
	unsigned i, unary = 0;

	for (i = 0; i < 16; i++)
		unary += (s[i] >> k) + 1;
	if (unary > 47)
		return 1000;
	return 16 * k + unary + (zc && k ? 4 : 0);
}

size_t ref_vlc_compress(const uint8_t *data, size_t bytes, const struct ref_vlc_params *p,
			uint8_t *out, size_t cap)
{
	unsigned es = p->bf16 ? 2 : 1, arg[2], i, k;
	size_t count = bytes / es, blocks = (count + 15) / 16, kmap = (blocks + 15) / 16 * 16;
	size_t blk, data_bytes;
	struct wbits w;
	bool zc = p->bf16 && p->zero_guard;

	if (bytes % es || count == 0 || (!p->bf16 && p->is_signed && (p->bias0 > 127 || p->bias1 > 127)) ||
	    (p->bf16 && (p->is_signed || p->bias1))) {
		ref_fail("vlc: parameters out of range");
		return 0;
	}
	if (cap < ref_vlc_max_size(bytes, p->bf16)) {
		ref_fail("vlc: output buffer too small");
		return 0;
	}
	memset(out, 0, ref_vlc_max_size(bytes, p->bf16));
	w.p = out + HDR + kmap;
	w.at = 0;
	w.cap = blocks * 16 * es * 8;
	arg[0] = p->bias0;
	arg[1] = p->bf16 ? p->zero_guard : p->bias1;
	for (blk = 0; blk < blocks; blk++) {
		unsigned sym[16] = { 0 }, exps[16] = { 0 }, lo[16] = { 0 }, best = 0, bits = 1000;
		size_t n = count - blk * 16 < 16 ? count - blk * 16 : 16;

		for (i = 0; i < 16; i++) {
			unsigned v = 0;

			if (i < n)
				v = es == 1 ? data[blk * 16 + i]
					    : (unsigned)(data[2 * (blk * 16 + i)] | data[2 * (blk * 16 + i) + 1] << 8);
			if (p->bf16) {
				exps[i] = (v >> 7) & 0xff;
				lo[i] = ((v >> 8) & 0x80) | (v & 0x7f);
				sym[i] = fwd_exp(exps[i], arg);
			} else {
				sym[i] = p->is_signed ? fwd_int8(v, arg) : v;
			}
		}
		for (k = 0; k <= 5; k++)
			if (coded_bits(sym, k, zc) < bits)
				bits = coded_bits(sym, k, zc), best = k;
		if (bits > 128) {
			out[HDR + blk] = 7u << 5;
			for (i = 0; i < 16; i++)
				put(&w, sym[i], 8);
		} else {
			unsigned zeros = 0;

			out[HDR + blk] = (uint8_t)(best << 5 | (bits - 16 * best - (zc && best ? 4 : 0) - 16));
			for (k = 0; k < best; k++)
				for (i = 0; i < 16; i++)
					put(&w, sym[i] >> k, 1);
			for (i = 0; i < 16; i++)
				zeros += sym[i] == 0;
			if (zc && best)
				put(&w, zeros, 4);
			for (i = 0; i < 16; i++) {
				put(&w, 0, sym[i] >> best);
				put(&w, 1, 1);
			}
		}
		/* a short last block's padding gets its byte too (0) unless the
		 * zero guard drops it, as the vendor's encoder lays it out;
		 * decompressors read only the elements' bytes */
		if (p->bf16)
			for (i = 0; i < 16; i++)
				if (!(p->zero_guard && exps[i] == 0))
					put(&w, lo[i], 8);
	}
	data_bytes = (w.at + 127) / 128 * 16;
	out[0] = (uint8_t)data_bytes;
	out[1] = (uint8_t)(data_bytes >> 8);
	out[2] = (uint8_t)(data_bytes >> 16);
	out[3] = (uint8_t)((p->is_signed ? 1u : 0u) << 4 | (p->bf16 ? 1u : 0u) << 5);
	out[4] = p->bias0;
	out[5] = (uint8_t)((p->bias1 & 0x7f) | (p->zero_guard ? 0x80 : 0));
	return HDR + kmap + data_bytes;
}

/* ---- decompressor ---- */

static uint32_t hdr_data_bytes(const uint8_t *st)
{
	return st[0] | (uint32_t)st[1] << 8 | (uint32_t)st[2] << 16;
}

size_t ref_vlc_stream_size(const uint8_t *st, size_t bytes)
{
	bool bf16 = (st[3] >> 5) & 1;
	size_t blocks = (bytes / (bf16 ? 2 : 1) + 15) / 16;

	return HDR + (blocks + 15) / 16 * 16 + hdr_data_bytes(st);
}

/* One block's 16 symbols; false when it breaks a rule. */
static bool block(struct rbits *r, unsigned kinfo, bool zc, unsigned sym[16])
{
	unsigned k = kinfo >> 5, ubits = (kinfo & 31) + 16, i, j, bit, q;
	unsigned rem[16] = { 0 };
	unsigned char field[64];

	if (k == 7) {
		for (i = 0; i < 16; i++)
			sym[i] = get(r, 8);
		return !r->over;
	}
	if (k > 5) {
		ref_fail("vlc: order %u", k);
		return false;
	}
	if (16 * k + (zc && k ? 4 : 0) + ubits > 128) {
		ref_fail("vlc: block of %u bits", 16 * k + (zc && k ? 4 : 0) + ubits);
		return false;
	}
	for (j = 0; j < k; j++)
		for (i = 0; i < 16; i++)
			rem[i] |= get(r, 1) << j;
	if (zc && k)
		get(r, 4);
	for (i = 0; i < ubits; i++)
		field[i] = (unsigned char)get(r, 1);
	if (r->over) {
		ref_fail("vlc: block data runs past the stream");
		return false;
	}
	/* symbol i: the zeros before its one bit, then the remainder */
	for (i = 0, bit = 0; i < 16; i++) {
		for (q = 0; bit < ubits && !field[bit]; bit++)
			q++;
		if (bit == ubits) {
			ref_fail("vlc: unary field has %u of 16 symbols", i);
			return false;
		}
		bit++;
		sym[i] = (q << k) + rem[i];
		if (sym[i] > 255) {
			ref_fail("vlc: symbol %u too large", sym[i]);
			return false;
		}
	}
	if (bit != ubits) {
		ref_fail("vlc: unary field has bits after the 16th symbol");
		return false;
	}
	return true;
}

int ref_vlc_decompress(const uint8_t *st, size_t len, bool bf16, uint8_t *out, size_t bytes)
{
	unsigned es = bf16 ? 2 : 1, arg[2], i;
	size_t count = bytes / es, blocks = (count + 15) / 16, kmap = (blocks + 15) / 16 * 16, blk;
	bool is_signed = (st[3] >> 4) & 1, zg = st[5] >> 7;
	uint32_t data_bytes;
	int inv[256];
	struct rbits r;

	if (len < HDR || ((st[3] >> 5) & 1) != bf16) {
		ref_fail("vlc: header type differs");
		return -1;
	}
	data_bytes = hdr_data_bytes(st);
	if (data_bytes > blocks * 16 * es) {
		ref_fail("vlc: header size %u too large", data_bytes);
		return -1;
	}
	if (len < HDR + kmap + data_bytes) {
		ref_fail("vlc: stream shorter than its header says");
		return -1;
	}
	arg[0] = st[4];
	arg[1] = bf16 ? zg : (st[5] & 0x7fu);
	if (invert(bf16 ? fwd_exp : is_signed ? fwd_int8 : fwd_plain, arg, inv))
		return -1;
	r.p = st + HDR + kmap;
	r.at = 0;
	r.end = (size_t)data_bytes * 8;
	r.over = false;
	for (blk = 0; blk < blocks; blk++) {
		unsigned sym[16];
		size_t n = count - blk * 16 < 16 ? count - blk * 16 : 16;

		if (!block(&r, st[HDR + blk], bf16 && zg, sym))
			return -1;
		for (i = 0; i < n; i++) {
			unsigned v = (unsigned)inv[sym[i]];

			if (!bf16) {
				out[blk * 16 + i] = (uint8_t)v;
				continue;
			}
			{
				unsigned lo = zg && v == 0 ? 0 : get(&r, 8);
				unsigned b16 = (lo & 0x80) << 8 | v << 7 | (lo & 0x7f);

				if (r.over) {
					ref_fail("vlc: mantissa bytes run past the stream");
					return -1;
				}
				out[2 * (blk * 16 + i)] = (uint8_t)b16;
				out[2 * (blk * 16 + i) + 1] = (uint8_t)(b16 >> 8);
			}
		}
	}
	return 0;
}
