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
	// A bit going 1 -> 0 asserts that reset.
	uint32_t asserted = w.old_value & ~w.new_value;
	bool sys = asserted & RSTC_SOFT_RSTN_0_TPUSYS_MASK;

	if (sys || (asserted & RSTC_SOFT_RSTN_0_TDMA_MASK))
		tdma_.hw_reset();
	if (sys || (asserted & RSTC_SOFT_RSTN_0_TPU_MASK))
		tiu_.hw_reset();
	if (asserted)
		resets_++;
}

} // namespace tpusim
