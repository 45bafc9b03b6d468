/* SPDX-License-Identifier: Apache-2.0 */
/* ref_tdma.c - TDMA semantics per element (ref_tdma.h). */
#include "ref_tdma.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ref_priv.h"

uint16_t ref_int8_to_bf16(uint8_t v, bool is_signed)
{
	float f = is_signed ? (float)(int8_t)v : (float)v;
	uint32_t u;

	memcpy(&u, &f, 4);
	return (uint16_t)(u >> 16);
}

uint8_t ref_bf16_to_int8(uint16_t b, bool is_signed, bool toward_zero)
{
	uint32_t u = (uint32_t)b << 16;
	double lo = is_signed ? -128 : 0, hi = is_signed ? 127 : 255;
	double v, fl, r;
	float f;

	memcpy(&f, &u, 4);
	if (f != f)
		return (uint8_t)(int)((b & 0x8000) ? lo : hi);
	v = f;
	fl = floor(v);
	if (toward_zero) {
		r = v < 0 ? ceil(v) : fl;
	} else {
		double frac = v - fl;

		if (frac > 0.5)
			r = fl + 1;
		else if (frac < 0.5)
			r = fl;
		else
			r = fmod(fl, 2.0) == 0 ? fl : fl + 1;
	}
	if (r < lo)
		r = lo;
	if (r > hi)
		r = hi;
	return (uint8_t)(int)r;
}

static uint64_t elements(const struct ref_tensor *t)
{
	return (uint64_t)t->n * t->c * t->h * t->w;
}

int ref_tdma_copy(const struct ref_mem *from, struct ref_mem *to, const struct ref_tensor *src,
		  const struct ref_tensor *dst, bool int8_signed, bool toward_zero)
{
	uint64_t total = elements(src), i = 0, n, c, h, w;
	unsigned k;
	uint8_t *staged, *p;

	if (total != elements(dst)) {
		ref_fail("copy of %llu elements into %llu", (unsigned long long)total,
			 (unsigned long long)elements(dst));
		return -1;
	}
	if (src->es != dst->es && !(src->es == 1 && dst->es == 2) && !(src->es == 2 && dst->es == 1)) {
		ref_fail("no conversion from %u-byte to %u-byte elements", src->es, dst->es);
		return -1;
	}
	staged = malloc(total * src->es + 1);
	if (!staged) {
		ref_fail("out of memory");
		return -1;
	}
	for (n = 0; n < src->n; n++)
		for (c = 0; c < src->c; c++)
			for (h = 0; h < src->h; h++)
				for (w = 0; w < src->w; w++)
					for (k = 0; k < src->es; k++) {
						if (!(p = ref_byte(from, src, n, c, h, w, k)))
							goto fail;
						staged[i++] = *p;
					}
	i = 0;
	for (n = 0; n < dst->n; n++)
		for (c = 0; c < dst->c; c++)
			for (h = 0; h < dst->h; h++)
				for (w = 0; w < dst->w; w++, i++) {
					const uint8_t *e = staged + i * src->es;
					uint8_t out[2];

					if (src->es == dst->es) {
						memcpy(out, e, dst->es);
					} else if (src->es == 1) {
						uint16_t b = ref_int8_to_bf16(e[0], int8_signed);

						out[0] = (uint8_t)b;
						out[1] = (uint8_t)(b >> 8);
					} else {
						out[0] = ref_bf16_to_int8((uint16_t)(e[0] | e[1] << 8), int8_signed,
									  toward_zero);
					}
					for (k = 0; k < dst->es; k++) {
						if (!(p = ref_byte(to, dst, n, c, h, w, k)))
							goto fail;
						*p = out[k];
					}
				}
	free(staged);
	return 0;
fail:
	free(staged);
	return -1;
}

int ref_tdma_fill(struct ref_mem *to, const struct ref_tensor *dst, uint16_t value)
{
	uint64_t n, c, h, w;
	unsigned k;
	uint8_t *p;

	for (n = 0; n < dst->n; n++)
		for (c = 0; c < dst->c; c++)
			for (h = 0; h < dst->h; h++)
				for (w = 0; w < dst->w; w++)
					for (k = 0; k < dst->es; k++) {
						if (!(p = ref_byte(to, dst, n, c, h, w, k)))
							return -1;
						*p = (uint8_t)(value >> (8 * k));
					}
	return 0;
}

int ref_general_copy(const struct ref_mem *from, struct ref_mem *to, bool src_local, uint64_t src,
		     bool dst_local, uint64_t dst, uint64_t count)
{
	uint64_t i;

	for (i = 0; i < count; i++) {
		const uint8_t *s = src_local ? ref_lmem_flat(from, src + i) : ref_dram_at(from, src + i);
		uint8_t *d;

		if (!s)
			return -1;
		d = dst_local ? ref_lmem_flat(to, dst + i) : ref_dram_at(to, dst + i);
		if (!d)
			return -1;
		*d = *s;
	}
	return 0;
}
