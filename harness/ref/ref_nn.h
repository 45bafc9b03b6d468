/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_nn.h - the reference statement of what the TIU's neural-network
 * operations compute, one output element at a time, written from the
 * formulas of docs/datapath.md 3.3-3.14 and sharing no code with
 * model/kernels.  Each function applies descriptor d to the LMEM image img
 * (lanes x lane_size bytes, lane-major) as the kernel should, and returns
 * 0, or -1 when the descriptor is outside what the reference states (the
 * test then does not use it).
 */
#ifndef TPUSIM_REF_NN_H
#define TPUSIM_REF_NN_H

#include <stdint.h>

#include "tpu/tiu_desc.h"

int ref_nn_pool(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_conv(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_matmul(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_lut(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_ge(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_mul_qm(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_bf16(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_pool_bf16(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_conv_bf16(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);
int ref_nn_matmul_bf16(const struct tiu_desc *d, uint8_t *img, unsigned lanes, uint32_t lane_size);

#endif /* TPUSIM_REF_NN_H */
