/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bits.h - field helpers for the generated *_MASK constants.
 *
 * Masks are in place (already shifted), as the generator emits them, so a
 * field is read with FIELD_GET(TDMA_CTRL_DESNUM_MASK, v) and composed with
 * FIELD_PREP(TDMA_CTRL_DESNUM_MASK, n).  Usable from C and C++.
 */
#ifndef TPU_BITS_H
#define TPU_BITS_H

#include <stdint.h>

#define TPU_BIT(n) (1u << (n))

static inline unsigned tpu_mask_shift(uint32_t mask)
{
	return mask ? (unsigned)__builtin_ctz(mask) : 0u;
}

#define FIELD_GET(mask, reg) \
	((uint32_t)(((uint32_t)(reg) & (uint32_t)(mask)) >> tpu_mask_shift(mask)))
#define FIELD_PREP(mask, val) \
	((uint32_t)(((uint32_t)(val) << tpu_mask_shift(mask)) & (uint32_t)(mask)))

#endif /* TPU_BITS_H */
