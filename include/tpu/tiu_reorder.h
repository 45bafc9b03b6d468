/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_reorder.h - the stored form of a 112-byte TIU descriptor.
 *
 * The runtime (bm_dmabuf.c reorder_bd_cmdbuf_reg) ORs the chunk index k
 * into the top nibble of the last byte of each 16-byte chunk k = 0..6, then
 * swaps chunks 0 and 6, so the engine fetches the beat carrying cmd_en
 * last.  The TIU model undoes it; the user-space runtime applies it.
 */
#ifndef TPU_TIU_REORDER_H
#define TPU_TIU_REORDER_H

#include <stdint.h>
#include <string.h>

#define TIU_REORDER_CHUNK  16u
#define TIU_REORDER_CHUNKS 7u

static inline void tiu_swap_chunks_0_6(uint8_t d[112])
{
	uint8_t tmp[TIU_REORDER_CHUNK];

	memcpy(tmp, d, TIU_REORDER_CHUNK);
	memcpy(d, d + 6 * TIU_REORDER_CHUNK, TIU_REORDER_CHUNK);
	memcpy(d + 6 * TIU_REORDER_CHUNK, tmp, TIU_REORDER_CHUNK);
}

/* canonical -> stored (what the runtime writes to DRAM) */
static inline void tiu_desc_to_stored(const uint8_t in[112], uint8_t out[112])
{
	unsigned k;

	memcpy(out, in, 112);
	for (k = 0; k < TIU_REORDER_CHUNKS; k++)
		out[k * TIU_REORDER_CHUNK + TIU_REORDER_CHUNK - 1] |= (uint8_t)(k << 4);
	tiu_swap_chunks_0_6(out);
}

/*
 * stored -> canonical (what the engine decodes).  Returns 0, or -1 when a
 * chunk-index nibble does not match its position (a descriptor that was not
 * reordered, or garbage such as the 128 zero bytes after a chain).
 */
static inline int tiu_desc_from_stored(const uint8_t in[112], uint8_t out[112])
{
	unsigned k;
	int bad = 0;

	memcpy(out, in, 112);
	tiu_swap_chunks_0_6(out);
	for (k = 0; k < TIU_REORDER_CHUNKS; k++) {
		uint8_t *last = &out[k * TIU_REORDER_CHUNK + TIU_REORDER_CHUNK - 1];

		if ((*last >> 4) != k)
			bad = 1;
	}
	return bad ? -1 : 0;
}

#endif /* TPU_TIU_REORDER_H */
