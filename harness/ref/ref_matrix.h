/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_matrix.h - TDMA matrix mode per element (docs/datapath.md 2.10).
 *
 *   global element (r, j):  addr + r*row_stride + j*es
 *   local element (r, j):   local tensor element (n = r, c = j / w, h = 0,
 *                           w = j % w) of a tensor with strides ns, cs
 *                           (ref_mem.h), so a row fills ceil(cols / w)
 *                           lanes, the last one partly
 */
#ifndef TPUSIM_REF_MATRIX_H
#define TPUSIM_REF_MATRIX_H

#include "ref_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

struct ref_matrix {
	bool local;
	uint64_t addr;          /* physical DRAM address, or local address */
	uint32_t rows, cols;
	uint64_t row_stride;    /* global */
	uint32_t w;             /* local: elements per lane */
	uint64_t ns, cs;        /* local */
	unsigned es;            /* 1 or 2 */
};

/* The byte k of element (r, j) of m; NULL outside the image (ref_error()). */
uint8_t *ref_matrix_byte(const struct ref_mem *mem, const struct ref_matrix *m, uint64_t r,
			 uint64_t j, unsigned k);

/* dst(r, j) := src(r, j), or src(j, r) when transposed; int8 <-> bf16
 * conversion as ref_tdma_copy.  Every source element is read before any
 * is written.  0, or -1 (ref_error()) when the shapes do not match or an
 * element lies outside its image. */
int ref_matrix_copy(const struct ref_mem *from, struct ref_mem *to, const struct ref_matrix *src,
		    const struct ref_matrix *dst, bool transposed, bool int8_signed, bool toward_zero);

#ifdef __cplusplus
}
#endif

#endif
