// SPDX-License-Identifier: Apache-2.0
//
// vendor_seq.cpp - VendorSeq (vendor_seq.h), transcribed from
// driver/tpu_hw.c: keep the two in step.
#include "vendor_seq.h"

extern "C" {
#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
}

namespace tpusim {

// BD_CTRL bits that are write-1-to-clear: read-modify-write sequences
// strip them so that they clear status only where they mean to.
static constexpr uint32_t kTiuBdCtrlW1c = TIU_BD_CTRL_INT_STATUS_MASK | TIU_BD_CTRL_ERR_MASK;

uint32_t tdma_ctrl_desc_run(uint32_t count)
{
	return TDMA_CTRL_ENABLE_MASK | TDMA_CTRL_MODESEL_MASK | TDMA_CTRL_FORCE_1ARRAY_MASK |
	       FIELD_PREP(TDMA_CTRL_BURSTLEN_MASK, TDMA_CTRL_BURSTLEN_VAL_BEATS_16) |
	       TDMA_CTRL_ALIGN64_EN_MASK | TDMA_CTRL_INTRA_CMD_OFF_MASK |
	       FIELD_PREP(TDMA_CTRL_DESNUM_MASK, count);
}

void VendorSeq::resync()
{
	uint32_t v = rd(TIU_BASE + TIU_CTRL2_REG);

	wr(TIU_BASE + TIU_CTRL2_REG, v | TIU_CTRL2_RESET_ID_MASK);
	wr(TIU_BASE + TIU_CTRL2_REG, v & ~TIU_CTRL2_RESET_ID_MASK);
	v = rd(TIU_BASE + TIU_BD_CTRL_REG) & ~kTiuBdCtrlW1c;
	wr(TIU_BASE + TIU_BD_CTRL_REG, v & ~(TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK));
	v = rd(TIU_BASE + TIU_BD_CTRL_REG);
	wr(TIU_BASE + TIU_BD_CTRL_REG, v | kTiuBdCtrlW1c);
	wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_RESET_SYNCID_MASK);
	wr(TDMA_BASE + TDMA_CTRL_REG, 0);
	wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_MASK);
}

void VendorSeq::set_arraybase(unsigned i, uint64_t base)
{
	unsigned sh = 8 * (i % 4);

	wr(TDMA_BASE + TDMA_ARRAYBASE_L_REG(i), static_cast<uint32_t>(base));
	uint32_t h = rd(TDMA_BASE + TDMA_ARRAYBASE_H_REG(i / 4));
	h = (h & ~(0xFFu << sh)) | static_cast<uint32_t>((base >> 32) & 0xFF) << sh;
	wr(TDMA_BASE + TDMA_ARRAYBASE_H_REG(i / 4), h);
}

void VendorSeq::fire_tiu(uint64_t desc_addr)
{
	wr(TIU_BASE + TIU_DESC_ADDR_L_REG,
	   FIELD_PREP(TIU_DESC_ADDR_L_ADDR_MASK, static_cast<uint32_t>(desc_addr)));
	uint32_t v = rd(TIU_BASE + TIU_DESC_ADDR_H_REG) & ~TIU_DESC_ADDR_H_ADDR_MASK;
	wr(TIU_BASE + TIU_DESC_ADDR_H_REG, v | FIELD_PREP(TIU_DESC_ADDR_H_ADDR_MASK, desc_addr >> 32));
	wr(TIU_BASE + TIU_CTRL2_REG, rd(TIU_BASE + TIU_CTRL2_REG) | TIU_CTRL2_PRE_EXE_DISABLE_MASK);
	v = rd(TIU_BASE + TIU_BD_CTRL_REG) & ~(kTiuBdCtrlW1c | TIU_BD_CTRL_LANE_NUM_MASK);
	v |= FIELD_PREP(TIU_BD_CTRL_LANE_NUM_MASK, TIU_BD_CTRL_LANE_NUM_VAL_LANES_8);
	wr(TIU_BASE + TIU_BD_CTRL_REG, v);
	wr(TIU_BASE + TIU_BD_CTRL_REG,
	   v | TIU_BD_CTRL_DES_ADDR_VLD_MASK | TIU_BD_CTRL_INTR_EN_MASK | TIU_BD_CTRL_TPU_EN_MASK);
}

void VendorSeq::fire_tdma(uint64_t desc_addr, uint32_t count)
{
	wr(TDMA_BASE + TDMA_DES_BASE_REG,
	   FIELD_PREP(TDMA_DES_BASE_ADDR_MASK, desc_addr >> TPU_TDMA_DESC_ALIGN_SHIFT));
	wr(TDMA_BASE + TDMA_DEBUG_MODE_REG, 0);
	wr(TDMA_BASE + TDMA_DCM_DISABLE_REG, 0);
	wr(TDMA_BASE + TDMA_INT_MASK_REG, FIELD_PREP(TDMA_INT_MASK_MASK_MASK, TDMA_INT_MASK_STATUS_VAL_ZERO));
	wr(TDMA_BASE + TDMA_CTRL_REG, tdma_ctrl_desc_run(count));
}

} // namespace tpusim
