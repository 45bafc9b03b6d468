/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_convert.c - int8 <-> bf16 conversion done by TDMA in flight, the
 * exponent index of an L2L copy with mv_lut_idx, the NC transpose
 * permutation, and the kernels' scratch buffer.
 *
 * Conversion rules (docs/datapath.md "Format conversion"): int8 -> bf16 is
 * exact; bf16 -> int8 rounds to nearest-even (int8_rnd_mode 0) or toward
 * zero (1) and saturates to [-128, 127] / [0, 255].  These follow the CPU
 * reference used by the vendor kernel tests (cvikernel test utilities
 * convert_int8_bf16 / _convert_bf16_s8 / _convert_bf16_u8).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern_priv.h"

uint16_t kern_int8_to_bf16(uint8_t v, int is_signed)
{
	float f = is_signed ? (float)(int8_t)v : (float)v;
	uint32_t bits;

	memcpy(&bits, &f, sizeof(bits));
	return (uint16_t)(bits >> 16);  /* exact: at most 8 significant bits */
}

uint8_t kern_bf16_to_int8(uint16_t v, int is_signed, int rnd_mode)
{
	uint32_t bits = (uint32_t)v << 16;
	float f, r;
	float lo = is_signed ? -128.0f : 0.0f;
	float hi = is_signed ? 127.0f : 255.0f;

	memcpy(&f, &bits, sizeof(f));
	if (isnan(f))
		return (uint8_t)(int)((v & 0x8000u) ? lo : hi);
	r = rnd_mode ? truncf(f) : nearbyintf(f);  /* default FE_TONEAREST: ties to even */
	if (r < lo)
		r = lo;
	if (r > hi)
		r = hi;
	return (uint8_t)(int)r;
}

void kern_bf16_exp_index(uint8_t *buf, uint64_t count)
{
	uint64_t i;

	for (i = 0; i < count; i++) {
		unsigned e = (buf[2 * i + 1] & 0x7fu) << 1 | buf[2 * i] >> 7;
		unsigned neg = buf[2 * i + 1] >> 7;

		/* floor(log2 |x|) + 63, + 128 when negative; 0 for a zero (or
		 * subnormal) exponent field */
		buf[2 * i] = e ? (uint8_t)(e - 64u + (neg ? 128u : 0u)) : 0;
		buf[2 * i + 1] = 0;
	}
}

void kern_convert(const uint8_t *src, unsigned ses, uint8_t *dst, unsigned des,
		  uint64_t count, int int8_signed, int rnd_mode)
{
	uint64_t i;

	if (ses == des) {
		memmove(dst, src, (size_t)(count * ses));
	} else if (ses == 1) {          /* int8 -> bf16, little-endian */
		for (i = 0; i < count; i++) {
			uint16_t b = kern_int8_to_bf16(src[i], int8_signed);

			dst[2 * i] = (uint8_t)b;
			dst[2 * i + 1] = (uint8_t)(b >> 8);
		}
	} else {                        /* bf16 -> int8 */
		for (i = 0; i < count; i++) {
			uint16_t b = (uint16_t)(src[2 * i] | (src[2 * i + 1] << 8));

			dst[i] = kern_bf16_to_int8(b, int8_signed, rnd_mode);
		}
	}
}

void kern_nc_transpose(const uint8_t *src, uint8_t *dst, uint64_t n, uint64_t c,
		       uint64_t x, unsigned es)
{
	uint64_t ni, ci;
	size_t row = (size_t)(x * es);

	for (ni = 0; ni < n; ni++)
		for (ci = 0; ci < c; ci++)
			memcpy(dst + (ci * n + ni) * row, src + (ni * c + ci) * row, row);
}

void kern_swap_axes(const uint8_t *src, uint8_t *dst, uint64_t a, uint64_t b, uint64_t m,
		    uint64_t c, uint64_t x, unsigned es)
{
	uint64_t ai, bi, mi, ci;
	size_t blk = (size_t)(x * es);

	for (ai = 0; ai < a; ai++)
		for (bi = 0; bi < b; bi++)
			for (mi = 0; mi < m; mi++)
				for (ci = 0; ci < c; ci++)
					memcpy(dst + (((ai * c + ci) * m + mi) * b + bi) * blk,
					       src + (((ai * b + bi) * m + mi) * c + ci) * blk, blk);
}

static __thread uint8_t *scratch;
static __thread size_t scratch_size;

uint8_t *kern_scratch(size_t bytes)
{
	if (bytes > scratch_size) {
		uint8_t *p = realloc(scratch, bytes);

		if (!p)
			return NULL;
		scratch = p;
		scratch_size = bytes;
	}
	return scratch;
}
