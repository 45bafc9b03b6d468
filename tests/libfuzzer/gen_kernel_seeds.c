/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gen_kernel_seeds.c - writes the seed corpus of fuzz_kernels
 * (corpus/kernels/) from the runtime's descriptor builders
 * (harness/runtime/rt_desc.h): the descriptors real jobs use, with
 * addresses inside the fuzz target's memories.
 *
 *   gen_kernel_seeds DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_input.h"
#include "rt_desc.h"
#include "tpu/hwcfg.h"

static const char *g_dir;

static void put(const char *name, unsigned flags, uint64_t seed, const uint8_t *raw, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", g_dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputc((int)flags, f);
	for (unsigned i = 0; i < 8; i++)
		fputc((int)(seed >> (8 * i) & 0xff), f);
	fwrite(raw, 1, len, f);
	fclose(f);
}

static void tdma(const char *name, unsigned flags, const struct tdma_desc *d)
{
	uint8_t raw[TDMA_DESC_SIZE];

	tdma_desc_pack(d, raw);
	put(name, flags, 0x1234567 + strlen(name), raw, sizeof raw);
}

static void tiu(const char *name, unsigned flags, const struct tiu_desc *d)
{
	uint8_t raw[TIU_DESC_SIZE];

	tiu_desc_pack(d, raw);
	put(name, flags | KIN_TIU, 0x7654321 + strlen(name), raw, sizeof raw);
}

int main(int argc, char **argv)
{
	struct tdma_desc d;
	struct tiu_desc t;
	struct rt_tensor g, l, l2, l3;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_kernel_seeds DIR\n");
		return 2;
	}
	g_dir = argv[1];

	/* Global addresses are relative to ARRAYBASE sel (KIN_DRAM_BASE + sel * KIN_BASE_STEP). */
	rt_tensor_global(&g, 0x100, 1, 1, 16, 4, 8);
	rt_tensor_local(&l, 0x40, 1, 16, 4, 8, TPU_CV181X_LANES, true);
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
	tdma("tdma_g2l", 0, &d);
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &l, &g);
	tdma("tdma_l2g", 0, &d);
	rt_tensor_global(&g, 0x80, 2, 2, 3, 5, 7);
	rt_tensor_global(&l2, 0x40, 5, 2, 3, 5, 7);
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2G, &g, &l2);
	tdma("tdma_g2g", KIN_NO_PROBE, &d);
	rt_tensor_local(&l, 0x1 << TPU_LMEM_ADDR_SHIFT | 0x100, 2, 3, 2, 9, TPU_CV180X_LANES, false);
	rt_tensor_local(&l2, 0x0, 2, 3, 2, 9, TPU_CV180X_LANES, true);
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2L, &l2, &l);
	tdma("tdma_l2l_two_lanes", KIN_TWO_LANES, &d);
	rt_tdma_general_copy(&d, TDMA_DESC_TRANS_DIR_G2G, 0x10, 0, 0x400, 3, 777);
	tdma("tdma_general_g2g", 0, &d);
	rt_tdma_general_copy(&d, TDMA_DESC_TRANS_DIR_G2L, 0x10, 4, 0x7ff0, 0, 100);
	tdma("tdma_general_g2l_lane_cross", 0, &d);
	rt_tensor_local(&l, 0x1 << TPU_LMEM_ADDR_SHIFT, 1, 9, 3, 3, TPU_CV181X_LANES, true);
	rt_tdma_fill(&d, TDMA_DESC_TRANS_DIR_G2L, &l, 0xA5);
	tdma("tdma_fill_local", 0, &d);
	rt_tensor_global(&g, 0x200, 6, 1, 2, 3, 4);
	g.esize = 2;
	rt_tdma_fill(&d, TDMA_DESC_TRANS_DIR_L2G, &g, 0x3F80);
	tdma("tdma_fill_global", 0, &d);
	/* int8 -> bf16 on the way in, bf16 -> int8 on the way out */
	rt_tensor_global(&g, 0x300, 0, 1, 4, 2, 8);
	rt_tensor_local(&l, 0x200, 1, 4, 2, 8, TPU_CV181X_LANES, true);
	l.esize = 2;
	l.h_stride *= 2, l.c_stride *= 2, l.n_stride *= 2;
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
	d.src_fmt = 1, d.dst_fmt = 2, d.int8_sign = 1;
	tdma("tdma_g2l_int8_to_bf16", 0, &d);
	rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &l, &g);
	d.src_fmt = 2, d.dst_fmt = 1, d.int8_rnd_mode = 1;
	tdma("tdma_l2g_bf16_to_int8", 0, &d);

	/* TIU element-wise ops of the runtime, all operands in LMEM */
	for (unsigned op = 0; op <= 10; op++) {
		struct rt_tiu_eltwise_args e;
		char name[64];

		memset(&e, 0, sizeof e);
		rt_tensor_local(&l, 0x000, 1, 12, 3, 5, TPU_CV181X_LANES, true);
		rt_tensor_local(&l2, 0x400, 1, 12, 3, 5, TPU_CV181X_LANES, true);
		rt_tensor_local(&l3, 0x800, 1, 12, 3, 5, TPU_CV181X_LANES, true);
		e.op = op;
		e.res = &l;
		e.a = &l2;
		e.b = &l3;
		e.b_is_const = op == 2 || op == 6;
		e.b_const = op == 6 ? -2 : 77;
		e.rshift = op < 2 ? 3 : 0;
		e.lshift = op == 1 ? 2 : 0;
		e.accumulate = op == 1;
		e.relu = op == 4;
		e.res_signed = op != 8;
		e.a_signed = 1;
		e.b_signed = op != 3;
		if (rt_tiu_eltwise(&t, &e)) {
			fprintf(stderr, "rt_tiu_eltwise refused op %u\n", op);
			return 1;
		}
		snprintf(name, sizeof name, "tiu_eltwise_%u", op);
		tiu(name, op % 3 == 0 ? KIN_TWO_LANES : 0, &t);
	}
	return 0;
}
