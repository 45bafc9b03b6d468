// SPDX-License-Identifier: Apache-2.0
//
// tdma_modes.h - the TDMA modes the model tells apart, defined once: the
// universe of `tpusim client --ops` / `tpusim model --ops` and of
// docs/clients-coverage.md.
//
// One row per mode: X(id, "what", directions, flags, "cvikernel operations").
// "what" is the description the TDMA kernels give a descriptor (struct
// tdma_kresult's `what`, model/kernels/tdma_*.c: the descriptor events'
// op); directions are the generated trans_dir values (regs/tdma_desc.yaml)
// in which a cvikernel operation emits that mode: a feature is one
// direction of one mode.  TPUSIM_TDMA_LIMIT rows are not features: the
// kernels' fallbacks for a descriptor beyond a size limit or an encoding
// they do not compute; they are listed so that a run showing one is
// recognised.  A run showing a name that is no row here fails
// clients.coverage (tests/clients/coverage.cmake): the kernels named a
// new mode, add its row.
#ifndef TPUSIM_VOCAB_TDMA_MODES_H
#define TPUSIM_VOCAB_TDMA_MODES_H

extern "C" {
#include "tpu/tdma_desc.h"
}

#define TPUSIM_TDMA_G2L (1u << TDMA_DESC_TRANS_DIR_G2L)
#define TPUSIM_TDMA_L2G (1u << TDMA_DESC_TRANS_DIR_L2G)
#define TPUSIM_TDMA_G2G (1u << TDMA_DESC_TRANS_DIR_G2G)
#define TPUSIM_TDMA_L2L (1u << TDMA_DESC_TRANS_DIR_L2L)
#define TPUSIM_TDMA_ANY (TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G | TPUSIM_TDMA_G2G | TPUSIM_TDMA_L2L)

// Flags: a fallback of the model, not a feature.
#define TPUSIM_TDMA_LIMIT 1u

#define TPUSIM_TDMA_MODES(X)                                                                        \
	X(tensor_copy, "tensor copy", TPUSIM_TDMA_ANY, 0,                                          \
	  "tdma_{g2l,l2g,l2l,g2g}[_bf16]_tensor_copy, tdma_l2l_tensor_lrn_shift")                  \
	X(tensor_convert, "tensor copy with format conversion",                                    \
	  TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G | TPUSIM_TDMA_L2L, 0,                                  \
	  "the bf16 tensor copies between int8 and bf16 (a G2G copy keeps its format)")            \
	X(exp_index, "tensor copy to exponent indices (mv_lut_idx)", TPUSIM_TDMA_L2L, 0,          \
	  "tdma_l2l_bf16_tensor_copy with mv_lut_idx (the bf16 lookup's helper)")                  \
	X(nc_transpose, "NC-transposed tensor copy", TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G, 0,         \
	  "tdma_{g2l,l2g}[_bf16]_tensor_copy_nc_transposed")                                       \
	X(cw_transpose, "CW-transposed tensor copy", TPUSIM_TDMA_L2G, 0,                          \
	  "tdma_l2g[_bf16]_tensor_copy_cw_transposed")                                             \
	X(chw_rotate, "CHW-rotated tensor copy", TPUSIM_TDMA_G2L, 0,                              \
	  "tdma_g2l_tensor_copy_chw_rotated")                                                      \
	X(general_copy, "general copy", TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G | TPUSIM_TDMA_G2G, 0,    \
	  "tdma_{g2l,l2g,g2g}[_bf16]_general_copy")                                                \
	X(fill, "constant fill", TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G, 0,                             \
	  "tdma_{g2l,l2g}[_bf16]_tensor_fill_constant")                                            \
	X(matrix_copy, "matrix copy", TPUSIM_TDMA_G2L | TPUSIM_TDMA_L2G, 0,                        \
	  "tdma_{g2l,l2g}[_bf16]_matrix_copy")                                                     \
	X(matrix_transpose, "matrix copy, rows and columns transposed", TPUSIM_TDMA_G2L, 0,        \
	  "tdma_g2l_matrix_copy_row_col_transposed")                                               \
	X(tensor_decompress, "tensor decompress", TPUSIM_TDMA_G2L, 0,                              \
	  "tdma_g2l_tensor_copy_decompressed (VLC)")                                               \
	X(matrix_decompress, "matrix decompress", TPUSIM_TDMA_G2L, 0,                              \
	  "tdma_g2l_matrix_copy_decompressed (VLC)")                                               \
	X(tensor_compress, "tensor compress", TPUSIM_TDMA_L2G, 0,                                  \
	  "tdma_l2g[_bf16]_tensor_copy_compressed (VLC)")                                          \
	X(matrix_compress, "matrix compress", TPUSIM_TDMA_L2G, 0,                                  \
	  "tdma_l2g[_bf16]_matrix_copy_compressed (VLC)")                                          \
	X(matrix_other, "matrix copy (timing only)", TPUSIM_TDMA_ANY, TPUSIM_TDMA_LIMIT,           \
	  "a matrix descriptor in a direction cvikernel never emits")                             \
	X(compress_other, "compressed copy (timing only)", TPUSIM_TDMA_ANY, TPUSIM_TDMA_LIMIT,     \
	  "compression in a direction or mode cvikernel never emits")                             \
	X(rotate_from_lmem, "CHW rotate from LMEM (timing only)", TPUSIM_TDMA_ANY,                 \
	  TPUSIM_TDMA_LIMIT, "a CHW rotate whose source is local (no source defines it)")         \
	X(compress_too_large, "compress too large (timing only)", TPUSIM_TDMA_ANY,                 \
	  TPUSIM_TDMA_LIMIT, "a compression beyond the kernels' element limit")                   \
	X(compress_signed_bias, "compress with signed bias0 over 127 (timing only)",               \
	  TPUSIM_TDMA_ANY, TPUSIM_TDMA_LIMIT, "signed int8 whose symbol map is not one to one")   \
	X(tensor_too_large, "tensor copy too large (timing only)", TPUSIM_TDMA_ANY,                \
	  TPUSIM_TDMA_LIMIT, "a tensor copy beyond the kernels' element limit")                   \
	X(fill_too_large, "constant fill too large (timing only)", TPUSIM_TDMA_ANY,                \
	  TPUSIM_TDMA_LIMIT, "a constant fill beyond the kernels' element limit")                 \
	X(matrix_too_large, "matrix copy too large (timing only)", TPUSIM_TDMA_ANY,                \
	  TPUSIM_TDMA_LIMIT, "a matrix copy beyond the kernels' element limit")                   \
	X(decompress_too_large, "decompress too large (timing only)", TPUSIM_TDMA_ANY,             \
	  TPUSIM_TDMA_LIMIT, "a decompression beyond the kernels' element limit")                 \
	X(no_memory, "out of host memory (not executed)", TPUSIM_TDMA_ANY, TPUSIM_TDMA_LIMIT,      \
	  "the simulator could not allocate its staging buffer")

namespace tpusim {

struct TdmaModeInfo {
	const char *what;
	unsigned directions;   // bit (1 << trans_dir) per direction
	unsigned flags;
	const char *operations;
};

inline constexpr TdmaModeInfo kTdmaModes[] = {
#define TPUSIM_X(id, what, dirs, flags, ops) {what, dirs, flags, ops},
	TPUSIM_TDMA_MODES(TPUSIM_X)
#undef TPUSIM_X
};

} // namespace tpusim

#endif
