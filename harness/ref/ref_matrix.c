/* SPDX-License-Identifier: Apache-2.0 */
/* ref_matrix.c - matrix mode per element (ref_matrix.h). */
#include "ref_matrix.h"

#include <stdlib.h>

#include "ref_priv.h"
#include "ref_tdma.h"

uint8_t *ref_matrix_byte(const struct ref_mem *mem, const struct ref_matrix *m, uint64_t r,
			 uint64_t j, unsigned k)
{
	if (m->local) {
		struct ref_tensor t = { true, m->addr, m->rows, (m->cols + m->w - 1) / m->w, 1, m->w,
					m->ns, m->cs, 0, m->es };

		return ref_byte(mem, &t, r, j / m->w, 0, j % m->w, k);
	}
	return ref_dram_at(mem, m->addr + r * m->row_stride + j * m->es + k);
}

int ref_matrix_copy(const struct ref_mem *from, struct ref_mem *to, const struct ref_matrix *src,
		    const struct ref_matrix *dst, bool transposed, bool int8_signed, bool toward_zero)
{
	uint64_t r, j, total = (uint64_t)src->rows * src->cols;
	uint16_t *v;
	uint8_t *p;

	if (transposed ? (dst->rows != src->cols || dst->cols != src->rows)
		       : (dst->rows != src->rows || dst->cols != src->cols)) {
		ref_fail("matrix %ux%u into %ux%u", src->rows, src->cols, dst->rows, dst->cols);
		return -1;
	}
	v = malloc(total * sizeof(*v) + 1);
	if (!v) {
		ref_fail("out of memory");
		return -1;
	}
	/* v[r * cols + j] := src(r, j), as a bf16 or an 8-bit value */
	for (r = 0; r < src->rows; r++)
		for (j = 0; j < src->cols; j++) {
			uint16_t x = 0;
			unsigned k;

			for (k = 0; k < src->es; k++) {
				if (!(p = ref_matrix_byte(from, src, r, j, k)))
					goto fail;
				x |= (uint16_t)(*p << (8 * k));
			}
			v[r * src->cols + j] = x;
		}
	for (r = 0; r < dst->rows; r++)
		for (j = 0; j < dst->cols; j++) {
			uint16_t x = transposed ? v[j * src->cols + r] : v[r * src->cols + j];
			unsigned k;

			if (src->es == 1 && dst->es == 2)
				x = ref_int8_to_bf16((uint8_t)x, int8_signed);
			else if (src->es == 2 && dst->es == 1)
				x = ref_bf16_to_int8(x, int8_signed, toward_zero);
			for (k = 0; k < dst->es; k++) {
				if (!(p = ref_matrix_byte(to, dst, r, j, k)))
					goto fail;
				*p = (uint8_t)(x >> (8 * k));
			}
		}
	free(v);
	return 0;
fail:
	free(v);
	return -1;
}
