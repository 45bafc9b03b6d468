/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_regs.c - checks the generated register and descriptor headers against
 * values transcribed by hand from the vendor facts in the spec
 * (hardware reference notes 2.1, 3.1, 4.1;
 * driver-reference.md device tree and reset controller).
 *
 * The expected numbers are deliberately literal, not derived from the
 * generated macros, so a typo in the YAML under regs/ (or a generator bug) fails CI
 * instead of silently changing the model.  The pack/unpack tests cover the
 * generated bit helpers, including the fields that straddle 32-bit words.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "rng.h"
#include "tpu/bits.h"
#include "tpu/regblocks.h"
#include "tpu/regdesc.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_regs.h"

/* ---- register blocks: hardware-reference.md 4.1 ---- */

START_TEST(test_tdma_block)
{
	ck_assert_uint_eq(TDMA_BASE, 0x0C100000ull);
	ck_assert_uint_eq(TDMA_SIZE, 0x1000);
	ck_assert_int_eq(TDMA_IRQ, 76); /* DT interrupts <75>, <76> "tdma_irq" */
	ck_assert_uint_eq(TDMA_CTRL_REG, 0x000);
	ck_assert_uint_eq(TDMA_DES_BASE_REG, 0x004);
	ck_assert_uint_eq(TDMA_INT_MASK_REG, 0x008);
	ck_assert_uint_eq(TDMA_SYNC_STATUS_REG, 0x00C);
	ck_assert_uint_eq(TDMA_CMD_ACCP_REG(0), 0x010);
	ck_assert_uint_eq(TDMA_CMD_ACCP_REG(15), 0x04C);
	ck_assert_uint_eq(TDMA_CMD_ACCP_COUNT, 16);
	ck_assert_uint_eq(TDMA_ARRAYBASE_L_REG(0), 0x070);
	ck_assert_uint_eq(TDMA_ARRAYBASE_L_REG(7), 0x08C);
	ck_assert_uint_eq(TDMA_ARRAYBASE_L_COUNT, 8);
	ck_assert_uint_eq(TDMA_ARRAYBASE_L_STRIDE, 4);
	ck_assert_uint_eq(TDMA_ARRAYBASE_H_REG(0), 0x090);
	ck_assert_uint_eq(TDMA_ARRAYBASE_H_REG(1), 0x094);
	ck_assert_uint_eq(TDMA_DEBUG_MODE_REG, 0x0A0);
	ck_assert_uint_eq(TDMA_DCM_DISABLE_REG, 0x0A4);
	ck_assert_uint_eq(TDMA_STATUS_REG, 0x0EC);
	ck_assert_uint_eq(TDMA_PMU_CTRL_REG, 0x200);
	ck_assert_uint_eq(TDMA_PMU_BUFBASE_REG, 0x20C);
	ck_assert_uint_eq(TDMA_PMU_BUFSIZE_REG, 0x210);
}
END_TEST

START_TEST(test_tdma_fields)
{
	ck_assert_uint_eq(TDMA_CTRL_ENABLE_MASK, 0x00000001u);
	ck_assert_uint_eq(TDMA_CTRL_MODESEL_MASK, 0x00000002u);
	ck_assert_uint_eq(TDMA_CTRL_RESET_SYNCID_MASK, 0x00000004u);
	ck_assert_uint_eq(TDMA_CTRL_FORCE_1ARRAY_MASK, 0x00000020u);
	ck_assert_uint_eq(TDMA_CTRL_FORCE_2ARRAY_MASK, 0x00000040u);
	ck_assert_uint_eq(TDMA_CTRL_BURSTLEN_MASK, 0x00000300u);
	ck_assert_uint_eq(TDMA_CTRL_ALIGN64_EN_MASK, 0x00000400u);
	ck_assert_uint_eq(TDMA_CTRL_INTRA_CMD_OFF_MASK, 0x00002000u);
	ck_assert_int_eq(TDMA_CTRL_DESNUM_SHIFT, 16);
	ck_assert_int_eq(TDMA_CTRL_DESNUM_WIDTH, 16);
	ck_assert_uint_eq(TDMA_CTRL_DESNUM_MASK, 0xFFFF0000u);
	ck_assert_uint_eq(TDMA_INT_MASK_MASK_MASK, 0x0000FFFFu);
	ck_assert_uint_eq(TDMA_INT_MASK_STATUS_MASK, 0xFFFF0000u);
	ck_assert_uint_eq(TDMA_INT_MASK_STATUS_VAL_EOD, 0x1);
	ck_assert_uint_eq(TDMA_INT_MASK_STATUS_VAL_ZERO, 0x20);
	ck_assert_uint_eq(TDMA_INT_MASK_STATUS_VAL_EOPMU, 0x8000);
	ck_assert_uint_eq(TDMA_INT_MASK_RESVAL, 0x00000020u); /* TDMA_MASK_INIT */
	ck_assert_uint_eq(TDMA_SYNC_STATUS_ID_MASK, 0xFFFF0000u);
	ck_assert_uint_eq(TDMA_STATUS_IDLE_MASK, 0x0000001Fu); /* TDMA_ALL_IDLE */
	ck_assert_uint_eq(TDMA_CTRL_BURSTLEN_VAL_BEATS_16, 3);      /* the driver's 0x2723 */
	ck_assert_uint_eq(TDMA_PMU_CTRL_EVENT_VAL_BANKCONFLICT, 0); /* enum TPU_PMUEVENT */
	ck_assert_uint_eq(TDMA_PMU_CTRL_EVENT_VAL_STALLCNT, 1);
	ck_assert_uint_eq(TDMA_PMU_CTRL_EVENT_VAL_TDMABW, 2);
	ck_assert_uint_eq(TDMA_PMU_CTRL_EVENT_VAL_TDMAWSTRB, 3);
	ck_assert_uint_eq(TDMA_PMU_CTRL_BURST_VAL_BEATS_16, 3);
	/* The driver's "writing 0xFFFF0000 clears" and the bits.h helpers. */
	ck_assert_uint_eq(FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, 0xFFFF), 0xFFFF0000u);
	ck_assert_uint_eq(FIELD_GET(TDMA_CTRL_DESNUM_MASK, 0x00050301u), 5);
}
END_TEST

START_TEST(test_tiu_block)
{
	ck_assert_uint_eq(TIU_BASE, 0x0C101000ull);
	ck_assert_uint_eq(TIU_SIZE, 0x1000);
	ck_assert_int_eq(TIU_IRQ, 75);
	ck_assert_uint_eq(TIU_BD_CTRL_REG, 0x100);
	ck_assert_uint_eq(TIU_DESC_ADDR_L_REG, 0x104);
	ck_assert_uint_eq(TIU_DESC_ADDR_H_REG, 0x108);
	ck_assert_uint_eq(TIU_CTRL2_REG, 0x10C);
	ck_assert_uint_eq(TIU_BD_CTRL_TPU_EN_MASK, 0x00000001u);
	ck_assert_uint_eq(TIU_BD_CTRL_INT_STATUS_MASK, 0x00000002u);
	ck_assert_uint_eq(TIU_BD_CTRL_CMD_ID_MASK, 0x003FFFC0u);
	ck_assert_int_eq(TIU_BD_CTRL_CMD_ID_SHIFT, 6);
	ck_assert_uint_eq(TIU_BD_CTRL_LANE_NUM_MASK, 0x3FC00000u);
	ck_assert_uint_eq(TIU_BD_CTRL_LANE_NUM_VAL_LANES_2, 1);
	ck_assert_uint_eq(TIU_BD_CTRL_LANE_NUM_VAL_LANES_8, 3);
	ck_assert_uint_eq(TIU_BD_CTRL_LANE_NUM_VAL_LANES_64, 6);
	ck_assert_uint_eq(TIU_BD_CTRL_DES_ADDR_VLD_MASK, 0x40000000u);
	ck_assert_uint_eq(TIU_BD_CTRL_INTR_EN_MASK, 0x80000000u);
	ck_assert_uint_eq(TIU_DESC_ADDR_H_ADDR_MASK, 0x000000FFu);
	ck_assert_uint_eq(TIU_CTRL2_RESET_ID_MASK, 0x00000001u);
	ck_assert_uint_eq(TIU_CTRL2_DCM_DISABLE_MASK, 0x0000001Eu);
	ck_assert_uint_eq(TIU_CTRL2_PRE_EXE_DISABLE_MASK, 0x00000800u);
}
END_TEST

START_TEST(test_rstc_block)
{
	ck_assert_uint_eq(RSTC_BASE, 0x03003000ull);
	ck_assert_uint_eq(RSTC_SIZE, 0x10);
	ck_assert_uint_eq(RSTC_SOFT_RSTN_0_REG, 0x000);
	ck_assert_uint_eq(RSTC_SOFT_RSTN_0_TDMA_MASK, 1u << 7);   /* RST_TDMA 7 */
	ck_assert_uint_eq(RSTC_SOFT_RSTN_0_TPU_MASK, 1u << 8);    /* RST_TPU 8 */
	ck_assert_uint_eq(RSTC_SOFT_RSTN_0_TPUSYS_MASK, 1u << 9); /* RST_TPUSYS 9 */
	ck_assert_int_eq(tpu_regblk_rstc.irq, -1);
}
END_TEST

/* ---- the generated tables ---- */

START_TEST(test_tables)
{
	const struct tpu_reg_desc *r;

	/* tools/CMakeLists.txt TPU_REG_BLOCKS order */
	ck_assert_uint_eq(TPU_REG_BLOCK_COUNT, 3);
	ck_assert_ptr_eq(tpu_regblk_all[0], &tpu_regblk_tdma);
	ck_assert_ptr_eq(tpu_regblk_all[1], &tpu_regblk_tiu);
	ck_assert_ptr_eq(tpu_regblk_all[2], &tpu_regblk_rstc);
	ck_assert_str_eq(tpu_regblk_tdma.name, "tdma");
	ck_assert_uint_eq(tpu_regblk_tdma.base, 0x0C100000ull);
	ck_assert_int_eq(tpu_regblk_tdma.irq, 76);
	/* 4 singles + 16 CMD_ACCP + 8 ARRAYBASE_L + 2 ARRAYBASE_H + 6 singles */
	ck_assert_uint_eq(tpu_regblk_tdma.nregs, 36);

	r = tpu_reg_lookup(&tpu_regblk_tdma, 0x008);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->name, "INT_MASK");
	ck_assert_uint_eq(r->w1c_mask, 0xFFFF0000u);
	ck_assert_uint_eq(r->rw_mask, 0x0000FFFFu);
	ck_assert_uint_eq(r->resval, 0x20);
	ck_assert_uint_eq(r->defined_mask, 0xFFFFFFFFu);
	ck_assert_int_eq(r->assumed, 1);

	r = tpu_reg_lookup(&tpu_regblk_tdma, 0x000);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->sc_mask, 0x4u);
	ck_assert_uint_eq(r->defined_mask, 0xFFFF2767u);
	ck_assert_uint_eq(r->rw_mask, 0xFFFF2763u);

	r = tpu_reg_lookup(&tpu_regblk_tdma, 0x07C);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->name, "ARRAYBASE_L3");
	r = tpu_reg_lookup(&tpu_regblk_tdma, 0x04C);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->name, "CMD_ACCP15");
	r = tpu_reg_lookup(&tpu_regblk_tdma, 0x00C);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->ro_mask, 0xFFFF0000u);
	ck_assert_uint_eq(r->defined_mask, 0xFFFF0000u);
	ck_assert_ptr_null(tpu_reg_lookup(&tpu_regblk_tdma, 0x050));

	r = tpu_reg_lookup(&tpu_regblk_tiu, 0x100);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->ro_mask, 0x003FFFC0u);
	ck_assert(r->w1c_mask & 0x2u);
	r = tpu_reg_lookup(&tpu_regblk_tiu, 0x10C);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->sc_mask, 0x1u);

	r = tpu_reg_lookup(&tpu_regblk_rstc, 0x000);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->resval, 0x00000380u);
	ck_assert_uint_eq(r->rw_mask, 0x00000380u);
}
END_TEST

/* ---- descriptor layouts: hardware-reference.md 2.1 and 3.1 ---- */

START_TEST(test_tdma_desc_layout)
{
	ck_assert_int_eq(TDMA_DESC_SIZE, 64);
	ck_assert_int_eq(TDMA_DESC_VLD_BIT, 0);
	ck_assert_int_eq(TDMA_DESC_TRANS_DIR_BIT, 6);
	ck_assert_int_eq(TDMA_DESC_TRANS_DIR_WIDTH, 2);
	ck_assert_int_eq(TDMA_DESC_CMD_ID_BIT, 16);
	ck_assert_int_eq(TDMA_DESC_SPEC_FUNC_BIT, 32);
	ck_assert_int_eq(TDMA_DESC_SPEC_FUNC_WIDTH, 3);
	ck_assert_int_eq(TDMA_DESC_DST_FMT_BIT, 35);
	ck_assert_int_eq(TDMA_DESC_SRC_FMT_BIT, 37);
	ck_assert_int_eq(TDMA_DESC_WAIT_ID_TPU_BIT, 48);
	ck_assert_int_eq(TDMA_DESC_WAIT_ID_TPU_WIDTH, 16);
	ck_assert_int_eq(TDMA_DESC_CONST_VAL_BIT, 96);
	ck_assert_int_eq(TDMA_DESC_SRC_BASE_REG_SEL_BIT, 112);
	ck_assert_int_eq(TDMA_DESC_DST_BASE_REG_SEL_BIT, 116);
	ck_assert_int_eq(TDMA_DESC_DST_N_STRIDE_BIT, 160);
	ck_assert_int_eq(TDMA_DESC_SRC_N_STRIDE_BIT, 224);
	ck_assert_int_eq(TDMA_DESC_SRC_N_STRIDE_WIDTH, 32);
	ck_assert_int_eq(TDMA_DESC_DST_BASE_ADDR_LOW_BIT, 352);
	ck_assert_int_eq(TDMA_DESC_SRC_N_BIT, 416);
	ck_assert_int_eq(TDMA_DESC_SRC_BASE_ADDR_HIGH_BIT, 440);
	ck_assert_int_eq(TDMA_DESC_DST_C_STRIDE_HIGH_BIT, 464);
	ck_assert_int_eq(TDMA_DESC_LAYER_ID_BIT, 496);
	ck_assert_uint_eq(TDMA_DESC_TRANS_DIR_G2L, 0);
	ck_assert_uint_eq(TDMA_DESC_TRANS_DIR_L2G, 1);
	ck_assert_uint_eq(TDMA_DESC_TRANS_DIR_G2G, 2);
	ck_assert_uint_eq(TDMA_DESC_TRANS_DIR_L2L, 3);
	ck_assert_uint_eq(TDMA_DESC_TRANS_FMT_GENERAL, 1);
	ck_assert_uint_eq(TDMA_DESC_SPEC_FUNC_CONST_FILL, 4);
	ck_assert_uint_eq(TDMA_DESC_SRC_FMT_BF16, 2);
	ck_assert_uint_eq(TDMA_DESC_DST_FMT_INT8, 1);
}
END_TEST

START_TEST(test_tiu_desc_layout)
{
	ck_assert_int_eq(TIU_DESC_SIZE, 112);
	ck_assert_int_eq(TIU_DESC_TSK_TYP_BIT, 5);
	ck_assert_int_eq(TIU_DESC_TSK_TYP_WIDTH, 4);
	ck_assert_int_eq(TIU_DESC_TSK_EU_TYP_BIT, 9);
	ck_assert_int_eq(TIU_DESC_CMD_ID_TPU_BIT, 32);
	ck_assert_int_eq(TIU_DESC_CMD_ID_GDMA_BIT, 48);
	ck_assert_int_eq(TIU_DESC_QUAN_M_BIT, 64);
	ck_assert_int_eq(TIU_DESC_RSVD0_BIT, 124);
	ck_assert_int_eq(TIU_DESC_RES0_H_BIT, 216);
	ck_assert_int_eq(TIU_DESC_RES0_H_WIDTH, 12);
	ck_assert_int_eq(TIU_DESC_RES0_W_BIT, 228);
	ck_assert_int_eq(TIU_DESC_RES0_ADDR_BIT, 256);
	ck_assert_int_eq(TIU_DESC_OPD0_ADDR_BIT, 280);
	ck_assert_int_eq(TIU_DESC_OPD0_ADDR_WIDTH, 24);
	ck_assert_int_eq(TIU_DESC_OPD1_ADDR_BIT, 304);
	ck_assert_int_eq(TIU_DESC_OPD1_N_BIT, 408);
	ck_assert_int_eq(TIU_DESC_OPD1_H_BIT, 432);
	ck_assert_int_eq(TIU_DESC_OPD1_W_BIT, 444);
	ck_assert_int_eq(TIU_DESC_OPD1_W_WIDTH, 12);
	ck_assert_int_eq(TIU_DESC_LAYER_INFO_BIT, 512);
	ck_assert_int_eq(TIU_DESC_RES0_C_STR_BIT, 544);
	ck_assert_int_eq(TIU_DESC_RES0_H_STR_BIT, 560);
	ck_assert_int_eq(TIU_DESC_RSVD4_BIT, 636);
	ck_assert_int_eq(TIU_DESC_OPD2_B_STR_BIT, 864);
	ck_assert_int_eq(TIU_DESC_RSVD6_BIT, 892);
	ck_assert_int_eq(TIU_DESC_RSVD6_WIDTH, 4);
	ck_assert_uint_eq(TIU_DESC_TSK_TYP_CONV, 0);
	ck_assert_uint_eq(TIU_DESC_TSK_TYP_DEPTHWISE_POOL, 1);
	ck_assert_uint_eq(TIU_DESC_TSK_TYP_MATRIX, 2);
	ck_assert_uint_eq(TIU_DESC_TSK_TYP_TENSOR_ARITH, 3);
	/* cvikernel TENSOR_*_FIX8B and the pooling literals */
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MUL, 0);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MAC, 1);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_ADD, 2);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_SUB, 3);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MAX, 4);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MIN, 5);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_SHIFT, 6);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_AND, 7);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_OR, 8);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_XOR, 9);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_COPY, 10);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_GE, 11);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_LUT, 12);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MAX_POOL, 0);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_AVG_POOL, 1);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_DEPTHWISE_CONV, 2);
	ck_assert_uint_eq(TIU_DESC_TSK_EU_TYP_MIN_POOL, 3);
}
END_TEST

static uint32_t word(const uint8_t *raw, unsigned i)
{
	return (uint32_t)raw[4 * i] | (uint32_t)raw[4 * i + 1] << 8 | (uint32_t)raw[4 * i + 2] << 16 |
	       (uint32_t)raw[4 * i + 3] << 24;
}

START_TEST(test_tdma_desc_reset)
{
	/* Word 1: dst_fmt=1 @35, src_fmt=1 @37; 4: dst_h_stride,
	 * dst_c_stride_low; 5: dst_n_stride; 8: dst_c, src_c; 13: src_n. */
	static const uint32_t want[16] = {
		0, (1u << 3) | (1u << 5), 0, 0, 0x00010001u, 1, 0x00010001u, 1,
		0x00010001u, 0x00010001u, 0x00010001u, 0, 0, 1, 0, 0,
	};
	struct tdma_desc d;
	uint8_t raw[64];
	unsigned i;

	memset(raw, 0xA5, sizeof(raw));
	tdma_desc_reset(&d);
	tdma_desc_pack(&d, raw);
	for (i = 0; i < 16; i++)
		ck_assert_msg(word(raw, i) == want[i], "word %u = 0x%08x, want 0x%08x", i, word(raw, i), want[i]);
}
END_TEST

START_TEST(test_tiu_desc_reset)
{
	struct tiu_desc d;
	uint8_t raw[112];
	unsigned k;

	memset(raw, 0x5A, sizeof(raw));
	tiu_desc_reset(&d);
	tiu_desc_pack(&d, raw);
	/* tsk_opd_num 3 @14, opt_res_shift 10 @16, opt_left_shift 2 @22,
	 * opt_shift_typ 1 @27, opt_rshift_typ 1 @28 */
	ck_assert_uint_eq(word(raw, 0), (3u << 14) | (10u << 16) | (2u << 22) | (1u << 27) | (1u << 28));
	/* opd1/opd2 sign 1 @98/99, res0/opd0/opd1 seg 1 @100/102/104 */
	ck_assert_uint_eq(word(raw, 3), (1u << 2) | (1u << 3) | (1u << 4) | (1u << 6) | (1u << 8));
	/* res0_n 1, res0_c 1, res0_h 1 (split: low byte of it in word 6) */
	ck_assert_uint_eq(word(raw, 6), 1u | (1u << 12) | (1u << 24));
	/* res0_w 16 @4, x/y str 1 @16/21, rsvd1 = 1 @28 */
	ck_assert_uint_eq(word(raw, 7), (16u << 4) | (1u << 16) | (1u << 21) | (1u << 28));
	/* The chunk-index nibbles: top nibble of byte 16k+15 is k (3.3). */
	for (k = 0; k < 7; k++)
		ck_assert_uint_eq(raw[16 * k + 15] >> 4, k);
	ck_assert_uint_eq(word(raw, 27), 16u | (6u << 28)); /* opd2_b_str 16, rsvd6 6 */
}
END_TEST

/* Known descriptors packed by hand from the tables. */
START_TEST(test_tdma_desc_known)
{
	struct tdma_desc d;
	uint8_t raw[64];

	memset(&d, 0, sizeof(d));
	d.vld = 1;
	d.eod = 1;
	d.intp_en = 1;
	d.trans_dir = TDMA_DESC_TRANS_DIR_G2G;
	d.trans_fmt = TDMA_DESC_TRANS_FMT_GENERAL;
	d.cmd_id = 5;
	d.src_fmt = 2;
	d.wait_id_tpu = 0xBEEF;
	d.src_n_stride = 0x12345678;
	d.src_base_addr_high = 0xAB;
	d.layer_id = 0xCAFE;
	tdma_desc_pack(&d, raw);
	ck_assert_uint_eq(word(raw, 0), 0x0005048Du);
	ck_assert_uint_eq(word(raw, 1), 0xBEEF0040u);
	ck_assert_uint_eq(word(raw, 7), 0x12345678u);
	ck_assert_uint_eq(word(raw, 13), 0xAB000000u);
	ck_assert_uint_eq(word(raw, 15), 0xCAFE0000u);
}
END_TEST

START_TEST(test_tiu_desc_known)
{
	struct tiu_desc d, e;
	uint8_t raw[112];

	memset(&d, 0, sizeof(d));
	d.res0_h = 0xABC;       /* 6[31:24] + 7[3:0] */
	d.opd0_addr = 0x345678; /* 8[31:24] + 9[15:0] */
	d.opd1_n = 0x9DE;       /* 12[31:24] + 13[3:0] */
	d.opd1_w = 0x123;       /* 13[31:28] + 14[7:0] */
	d.tsk_typ = TIU_DESC_TSK_TYP_TENSOR_ARITH;
	d.opd2_h_str = 0x1111;
	d.opd2_w_str = 0x2222;
	tiu_desc_pack(&d, raw);
	ck_assert_uint_eq(word(raw, 0), 3u << 5);
	ck_assert_uint_eq(word(raw, 6), 0xBC000000u);
	ck_assert_uint_eq(word(raw, 7), 0x0000000Au);
	ck_assert_uint_eq(word(raw, 8), 0x78000000u);
	ck_assert_uint_eq(word(raw, 9), 0x00003456u);
	ck_assert_uint_eq(word(raw, 12), 0xDE000000u);
	ck_assert_uint_eq(word(raw, 13), 0x30000009u);
	ck_assert_uint_eq(word(raw, 14), 0x00000012u);
	ck_assert_uint_eq(word(raw, 26), 0x22221111u);
	tiu_desc_unpack(&e, raw);
	ck_assert_uint_eq(e.res0_h, 0xABC);
	ck_assert_uint_eq(e.opd0_addr, 0x345678);
	ck_assert_uint_eq(e.opd1_n, 0x9DE);
	ck_assert_uint_eq(e.opd1_w, 0x123);
}
END_TEST

START_TEST(test_pack_truncates)
{
	struct tdma_desc d;
	uint8_t raw[64];
	unsigned i;

	memset(&d, 0, sizeof(d));
	d.eod = 0xFFFFFFFFu;      /* 1 bit at 2 */
	d.spec_func = 0xFFFFFFFFu; /* 3 bits at 32 */
	/* Reported, and still written truncated (the fuzzers rely on it). */
	ck_assert_int_eq(tdma_desc_pack(&d, raw), -1);
	ck_assert_uint_eq(word(raw, 0), 0x4u);
	ck_assert_uint_eq(word(raw, 1), 0x7u);
	for (i = 2; i < 16; i++)
		ck_assert_uint_eq(word(raw, i), 0);
	/* The widest values that fit. */
	d.eod = 1;
	d.spec_func = 7;
	ck_assert_int_eq(tdma_desc_pack(&d, raw), 0);
	d.spec_func = 8;
	ck_assert_int_eq(tdma_desc_pack(&d, raw), -1);
}
END_TEST

/* Both layouts cover every bit, so raw -> struct -> raw must be exact too. */
START_TEST(test_tdma_roundtrip)
{
	struct test_rng r;
	int iter;

	test_rng_seed(&r, 64);
	for (iter = 0; iter < 2000; iter++) {
		struct tdma_desc d, e;
		uint8_t raw[64], raw2[64];

		test_rng_fill(&r, raw, sizeof(raw));
		tdma_desc_unpack(&d, raw);
		ck_assert_uint_lt(d.dst_fmt, 4);
		ck_assert_uint_lt(d.rsv4_5, 256);
		tdma_desc_pack(&d, raw2);
		ck_assert_mem_eq(raw, raw2, sizeof(raw));
		tdma_desc_unpack(&e, raw2);
		ck_assert_mem_eq(&d, &e, sizeof(d));
	}
}
END_TEST

START_TEST(test_tiu_roundtrip)
{
	struct test_rng r;
	int iter;

	test_rng_seed(&r, 112);
	for (iter = 0; iter < 2000; iter++) {
		struct tiu_desc d, e;
		uint8_t raw[112], raw2[112];

		test_rng_fill(&r, raw, sizeof(raw));
		tiu_desc_unpack(&d, raw);
		ck_assert_uint_lt(d.res0_h, 4096);
		ck_assert_uint_lt(d.opd0_addr, 1u << 24);
		tiu_desc_pack(&d, raw2);
		ck_assert_mem_eq(raw, raw2, sizeof(raw));
		tiu_desc_unpack(&e, raw2);
		ck_assert_mem_eq(&d, &e, sizeof(d));
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("regsgen");
	TCase *tc = tcase_create("generated");

	tcase_add_test(tc, test_tdma_block);
	tcase_add_test(tc, test_tdma_fields);
	tcase_add_test(tc, test_tiu_block);
	tcase_add_test(tc, test_rstc_block);
	tcase_add_test(tc, test_tables);
	tcase_add_test(tc, test_tdma_desc_layout);
	tcase_add_test(tc, test_tiu_desc_layout);
	tcase_add_test(tc, test_tdma_desc_reset);
	tcase_add_test(tc, test_tiu_desc_reset);
	tcase_add_test(tc, test_tdma_desc_known);
	tcase_add_test(tc, test_tiu_desc_known);
	tcase_add_test(tc, test_pack_truncates);
	tcase_add_test(tc, test_tdma_roundtrip);
	tcase_add_test(tc, test_tiu_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}
