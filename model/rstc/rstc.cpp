// SPDX-License-Identifier: Apache-2.0
//
// rstc.cpp - reset assertion edges reset the engines.
#include "rstc.h"

#include "tpu/rstc_regs.h"

namespace tpusim {

Rstc::Rstc(sc_core::sc_module_name name, RegImpl impl, ObserverList &obs, EngineBase &tdma,
	   EngineBase &tiu)
	: RegTarget(name, tpu_regblk_rstc, impl, obs), tdma_(tdma), tiu_(tiu)
{
}

void Rstc::on_write(const RegWrite &w)
{
	// A bit at 0 holds that reset asserted: a 1 -> 0 edge resets the
	// engine, which stays in reset until the bit (and TPUSYS) is 1 again.
	uint32_t low = ~w.new_value;
	bool sys = low & RSTC_SOFT_RSTN_0_TPUSYS_MASK;

	tdma_.set_reset_line(sys || (low & RSTC_SOFT_RSTN_0_TDMA_MASK));
	tiu_.set_reset_line(sys || (low & RSTC_SOFT_RSTN_0_TPU_MASK));
	if (w.old_value & ~w.new_value)
		resets_++;
}

} // namespace tpusim
