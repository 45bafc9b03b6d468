/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernel_input.h - the input format of fuzz_kernels, shared with the seed
 * generator (gen_kernel_seeds.c).
 *
 *   byte 0      flags (KIN_*)
 *   bytes 1-8   seed of the memory contents (xorshift64, little-endian)
 *   then        one descriptor: TDMA_DESC_SIZE packed bytes, or
 *               TIU_DESC_SIZE bytes in canonical (un-reordered) form;
 *               missing bytes are 0
 *   then        with KIN_BASES: eight 5-byte ARRAYBASE values
 *               (little-endian, 40 bits); else ARRAYBASE i = KIN_DRAM_BASE +
 *               i * KIN_BASE_STEP
 * DRAM is the window [KIN_DRAM_BASE, KIN_DRAM_BASE + KIN_DRAM_SIZE);
 * LMEM has 8 lanes, or 2 with KIN_TWO_LANES, of TPU_LMEM_LANE_SIZE bytes.
 */
#ifndef TPUSIM_LIBFUZZER_KERNEL_INPUT_H
#define TPUSIM_LIBFUZZER_KERNEL_INPUT_H

#define KIN_TIU        0x01u  /* a TIU descriptor, else TDMA */
#define KIN_TWO_LANES  0x02u  /* cv180x: 2 lanes */
#define KIN_NO_PROBE   0x04u  /* kmem_ops without probe and touch */
#define KIN_BASES      0x08u  /* ARRAYBASE values follow the descriptor */

#define KIN_HEADER     9u
#define KIN_DRAM_BASE  0x100000000ull
#define KIN_DRAM_SIZE  0x10000u
#define KIN_BASE_STEP  0x2000u

#endif
