/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_desc.h - one whole TIU or TDMA descriptor through the reference
 * oracles: the descriptor's fields decoded from docs/datapath.md, then
 * the per-element statements of ref_tdma.h, ref_tiu.h and ref_nn.h.
 *
 * This is what `tpusim model --reference` replays a compiled model with
 * next to the kernels (model/kernels), so it shares no code with them.
 * Each call returns REF_DESC_OK, REF_DESC_ERROR when the descriptor is one
 * the hardware refuses (the kernels must raise an error status for it
 * too), or REF_DESC_UNSTATED when the reference does not state what the
 * descriptor does (ref_error() says what); m is then unchanged.
 */
#ifndef TPUSIM_REF_DESC_H
#define TPUSIM_REF_DESC_H

#include "ref_mem.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ref_desc_result {
	REF_DESC_OK = 0,
	REF_DESC_ERROR = -1,
	REF_DESC_UNSTATED = -2,
};

/* The TIU descriptor d on m's LMEM (d in canonical field form). */
enum ref_desc_result ref_tiu_desc(const struct tiu_desc *d, struct ref_mem *m);

/* The TDMA descriptor d on m; arraybase[k] is base register k's physical
 * address, global addresses are arraybase + offset (40-bit wrap). */
enum ref_desc_result ref_tdma_desc(const struct tdma_desc *d, struct ref_mem *m,
				   const uint64_t arraybase[8]);

#ifdef __cplusplus
}
#endif

#endif
