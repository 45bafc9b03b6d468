// SPDX-License-Identifier: Apache-2.0
//
// tpu_top.h - the SG2002 TPU subsystem as the CPU sees it.
//
// Instantiates DRAM (the sparse DMA memory space), LMEM (lanes x 32 KiB),
// the TDMA and TIU engines, the reset controller and the bus that maps
// them at their physical addresses (from the generated register tables).
// The CPU side binds one initiator to bus.in; the IRQ lines are
// tdma.irq (76) and tiu.irq (75).
#ifndef TPUSIM_MODEL_TPU_TOP_H
#define TPUSIM_MODEL_TPU_TOP_H

#include <string>
#include <vector>

#include <systemc>

#include "bus.h"
#include "config.h"
#include "dram.h"
#include "observer.h"
#include "rstc.h"
#include "tdma.h"
#include "tiu.h"

namespace tpusim {

class TpuTop : public sc_core::sc_module {
public:
	explicit TpuTop(sc_core::sc_module_name name, const TpuConfig &cfg = TpuConfig());

	const TpuConfig &config() const { return cfg_; }
	// Fault injection: every DRAM transfer takes factor times longer.
	void set_dram_slowdown(double factor) { cfg_.dram_slowdown = factor; }
	ObserverList &observers() { return obs_; }
	std::vector<uint8_t> &lmem() { return lmem_; }

	// The engine an observer event or a fault names.
	EngineBase &engine(Engine e)
	{
		return e == Engine::tdma ? static_cast<EngineBase &>(tdma) : static_cast<EngineBase &>(tiu);
	}

	// IRQ lines and engine-busy signals into a VCD (or any trace file).
	void trace(sc_core::sc_trace_file *tf) const;

	// Empty when no hang was detected; else both engines' state.
	std::string hang_report() const;

	// Multi-line human summary of counters (descriptors, not executed
	// functionally by op, errors, busy time, register accesses).
	std::string stats_summary() const;

private:
	TpuConfig cfg_;
	ObserverList obs_;
	std::vector<uint8_t> lmem_;

public:
	Dram dram;
	Tdma tdma;
	Tiu tiu;
	Rstc rstc;
	Bus bus;
};

} // namespace tpusim

#endif
