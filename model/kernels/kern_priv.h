/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kern_priv.h - helpers shared by the datapath kernels (private).
 */
#ifndef TPU_KERN_PRIV_H
#define TPU_KERN_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "kmem.h"

static inline uint64_t kern_min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static inline uint64_t kern_max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }
static inline uint64_t kern_ceil_div(uint64_t a, uint64_t b) { return b ? (a + b - 1) / b : 0; }
static inline uint64_t kern_align_up(uint64_t a, uint64_t b) { return kern_ceil_div(a, b) * b; }

/* ---- tdma_convert.c: in-flight format conversion (hardware-reference 2.2) ---- */

/* int8/uint8 -> bf16 bit pattern (exact for every 8-bit value). */
uint16_t kern_int8_to_bf16(uint8_t v, int is_signed);
/* bf16 -> int8/uint8 with rounding (rnd_mode 0 nearest-even, 1 toward zero)
 * and saturation; NaN/Inf saturate by sign. */
uint8_t kern_bf16_to_int8(uint16_t v, int is_signed, int rnd_mode);
/* mv_lut_idx (L2L bf16): every bf16 element of buf becomes the exponent
 * index of the bf16 exponent/mantissa lookup in its low byte, 0 in its
 * high byte (docs/datapath.md 2.2). */
void kern_bf16_exp_index(uint8_t *buf, uint64_t count);
/* Converts count elements from src (element size ses) to dst (size des). */
void kern_convert(const uint8_t *src, unsigned ses, uint8_t *dst, unsigned des,
		  uint64_t count, int int8_signed, int rnd_mode);
/* NC transpose of a packed (N, C, X) buffer of element size es into a packed
 * (C, N, X) buffer (no overlap). */
void kern_nc_transpose(const uint8_t *src, uint8_t *dst, uint64_t n, uint64_t c,
		       uint64_t x, unsigned es);

/* Grow-only per-thread scratch buffer (never freed; reachable through TLS). */
uint8_t *kern_scratch(size_t bytes);

#endif /* TPU_KERN_PRIV_H */
