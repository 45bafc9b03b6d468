/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_vlc_format.c - the VLC stream's header, bits and symbol maps
 * (tdma_vlc_format.h, docs/datapath.md 2.11).
 *
 * The symbol maps are stated once, in the direction the decoder needs
 * (symbol -> value); the encoder's direction is that map inverted by
 * table, so the two can never disagree.
 */
#include <string.h>

#include "tdma_vlc_format.h"

/* Header: bits 23:0 block data size, 28 signed, 29 bf16, 39:32 bias0,
 * 46:40 bias1, 47 zero guard; every other bit 0. */
void vlc_hdr_parse(const uint8_t h[VLC_HDR_BYTES], struct vlc_hdr *v)
{
	v->data_bytes = h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16;
	v->is_signed = (h[3] >> 4) & 1;
	v->is_bf16 = (h[3] >> 5) & 1;
	v->bias0 = h[4];
	v->bias1 = h[5] & 0x7f;
	v->zero_guard = h[5] >> 7;
}

void vlc_hdr_pack(const struct vlc_hdr *v, uint8_t h[VLC_HDR_BYTES])
{
	memset(h, 0, VLC_HDR_BYTES);
	h[0] = (uint8_t)v->data_bytes;
	h[1] = (uint8_t)(v->data_bytes >> 8);
	h[2] = (uint8_t)(v->data_bytes >> 16);
	h[3] = (uint8_t)((v->is_signed ? 1u : 0u) << 4 | (v->is_bf16 ? 1u : 0u) << 5);
	h[4] = v->bias0;
	h[5] = (uint8_t)((v->bias1 & 0x7f) | (v->zero_guard ? 0x80 : 0));
}

int vlc_take(struct vlc_rbits *b, unsigned n)
{
	unsigned v = 0, i;

	if (b->end - b->at < n)
		return -1;
	for (i = 0; i < n; i++, b->at++)
		v |= ((b->p[b->at >> 3] >> (b->at & 7)) & 1u) << i;
	return (int)v;
}

void vlc_put(struct vlc_wbits *b, uint32_t v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++, b->at++)
		b->p[b->at >> 3] |= (uint8_t)(((v >> i) & 1u) << (b->at & 7));
}

/* Signed int8: the symbols zigzag (0, -1, 1, -2, ...), and the magnitude
 * was rotated down by bias0 within 1..127 (positives) or by bias1 within
 * 1..128 (negatives). */
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

/* bf16 exponents around bias0: within half = min(bias0, 255 - bias0) of
 * it zigzagged, the others kept (bias0 <= 128) or mirrored above them;
 * with the zero guard symbol 0 is exponent 0 and the others move up by
 * one. */
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

uint8_t vlc_unmap(const struct vlc_hdr *h, uint8_t sym)
{
	if (h->is_bf16)
		return unmap_exp(sym, h->bias0, h->zero_guard);
	return h->is_signed ? unmap_int8(sym, h->bias0, h->bias1) : sym;
}

int vlc_map_table(const struct vlc_hdr *h, uint8_t fwd[256])
{
	uint8_t seen[256];
	unsigned s;

	memset(seen, 0, sizeof(seen));
	for (s = 0; s < 256; s++) {
		uint8_t v = vlc_unmap(h, (uint8_t)s);

		if (seen[v])
			return -1;
		seen[v] = 1;
		fwd[v] = (uint8_t)s;
	}
	return 0;
}
