/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bits.h - field helpers for the generated *_MASK constants, and
 * little-endian loads.
 *
 * Masks are in place (already shifted), as the generator emits them, so a
 * field is read with FIELD_GET(TDMA_CTRL_DESNUM_MASK, v) and composed with
 * FIELD_PREP(TDMA_CTRL_DESNUM_MASK, n).  Usable from C and C++.
 */
#ifndef TPU_BITS_H
#define TPU_BITS_H

#include <stdint.h>

#define TPU_BIT(n) (1u << (n))

/* Little-endian loads from a byte buffer (file formats, descriptor bytes). */
static inline uint16_t tpu_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t tpu_le32(const uint8_t *p)
{
	return (uint32_t)tpu_le16(p) | (uint32_t)tpu_le16(p + 2) << 16;
}

static inline unsigned tpu_mask_shift(uint32_t mask)
{
	return mask ? (unsigned)__builtin_ctz(mask) : 0u;
}

/*
 * Build-time range check of FIELD_PREP, as Linux's __BF_FIELD_CHECK does it:
 * when the compiler sees the value and the mask as constants (literally, or
 * after inlining and constant propagation), a value wider than the field
 * leaves a call to tpu_field_prep_overflow() in the code, and its error
 * attribute fails the build.  Values known only at run time are truncated
 * as before; code packing untrusted numbers must range-check them itself
 * (the generated *_pack() report it).
 */
#if defined(__GNUC__) && (!defined(__clang__) || __clang_major__ >= 14)
void tpu_field_prep_overflow(void) __attribute__((error("FIELD_PREP: value does not fit the field")));
#define TPU_FIELD_CHECK(mask, val)                                                             \
	((__builtin_constant_p(val) && __builtin_constant_p(mask) &&                               \
	  ((uint64_t)(val) & ~(uint64_t)((uint32_t)(mask) >>                                       \
					  __builtin_ctz((uint32_t)(mask) | 0x80000000u))))         \
		 ? tpu_field_prep_overflow()                                                        \
		 : (void)0)
#else
#define TPU_FIELD_CHECK(mask, val) ((void)0)
#endif

#define FIELD_GET(mask, reg) \
	((uint32_t)(((uint32_t)(reg) & (uint32_t)(mask)) >> tpu_mask_shift(mask)))
#define FIELD_PREP(mask, val)          \
	(TPU_FIELD_CHECK(mask, val), \
	 (uint32_t)(((uint32_t)(val) << tpu_mask_shift(mask)) & (uint32_t)(mask)))

#endif /* TPU_BITS_H */
