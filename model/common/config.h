// SPDX-License-Identifier: Apache-2.0
//
// config.h - run-time configuration of one TPU model instance.
//
// Defaults come from include/tpu/hwcfg.h (sources cited there); scenarios
// and benches override individual knobs.
#ifndef TPUSIM_MODEL_CONFIG_H
#define TPUSIM_MODEL_CONFIG_H

#include <cstdint>

#include <systemc>

#include "regbank.h"
#include "tpu/hwcfg.h"

namespace tpusim {

enum class Chip { cv181x, cv180x };

struct TpuConfig {
	Chip chip = Chip::cv181x;
	uint64_t dram_base = TPU_DRAM_BASE;
	uint64_t dram_size = TPU_DRAM_DEFAULT_SIZE;
	double clk_hz = TPU_CLK_HZ_DEFAULT;
	double dram_peak_bytes_per_s = TPU_DRAM_PEAK_BYTES_PER_S;
	double dram_efficiency = TPU_DRAM_EFFICIENCY;
	// Multiplies every DRAM transfer time (fault injection: slow DRAM).
	double dram_slowdown = 1.0;
	// An engine blocked on the other engine's id for this long while the
	// other engine is idle or blocked too is reported as a hang.
	// ASSUMED: 100 ms, far above any real descriptor (largest vendor model
	// latency is 66 ms for a whole network, hardware-reference 7.3).
	sc_core::sc_time hang_window = sc_core::sc_time(100, sc_core::SC_MS);

	// Longest a single descriptor may take.  Absurd shapes (65535^4
	// elements) would otherwise overflow SystemC time (2^64 ps, ~213
	// days); a descriptor taking 1000 s is already a hang to any driver.
	double max_desc_ps = 1e15;

	// Register blocks: the C++ banks, or the RTL regsgen emits run under
	// Verilator (model/rtl).  Runs are identical either way.
	RegImpl regs = RegImpl::cpp;

	// Timing studies: descriptors take their modelled time, ids and
	// errors, every memory access is still checked, and no data is
	// computed or moved (tdma_kctx/tiu_kctx timing_only).
	bool timing_only = false;

	unsigned lanes() const { return chip == Chip::cv181x ? TPU_CV181X_LANES : TPU_CV180X_LANES; }
	sc_core::sc_time ps(double p) const
	{
		return sc_core::sc_time(p < max_desc_ps ? p : max_desc_ps, sc_core::SC_PS);
	}
	sc_core::sc_time cycles(uint64_t n) const
	{
		return ps(static_cast<double>(n) * 1e12 / clk_hz);
	}
};

} // namespace tpusim

#endif
