// SPDX-License-Identifier: Apache-2.0
//
// tpu_top.cpp - wiring of the TPU subsystem.
#include "tpu_top.h"

#include <sstream>
#include <string>

#include "tpu/regblocks.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

namespace tpusim {

TpuTop::TpuTop(sc_core::sc_module_name name, const TpuConfig &cfg)
	: sc_module(name), cfg_(cfg), lmem_(static_cast<size_t>(cfg.lanes()) * TPU_LMEM_LANE_SIZE, 0),
	  dram("dram", cfg_.dram_base, cfg_.dram_size),
	  tdma("tdma", cfg_, dram, lmem_, obs_),
	  tiu("tiu", cfg_, dram, lmem_, obs_),
	  rstc("rstc", cfg_.regs, obs_, tdma, tiu),
	  bus("bus")
{
	tdma.set_peer(&tiu);
	tiu.set_peer(&tdma);
	tiu.set_pmu(&tdma.pmu());
	// Each register window is where its generated table says; a block
	// added to regs/ needs a module here.
	RegTarget *const targets[] = {&tdma, &tiu, &rstc};
	static_assert(sizeof(targets) / sizeof(targets[0]) == TPU_REG_BLOCK_COUNT,
		      "every register block in regs/ needs a model target");
	for (RegTarget *t : targets) {
		const tpu_reg_block &b = t->regs().block();

		bus.map(b.name, b.base, b.size, t->mmio, true);
	}
	bus.map("dram", cfg_.dram_base, cfg_.dram_size, dram.cpu, false);
}

void TpuTop::trace(sc_core::sc_trace_file *tf) const
{
	sc_core::sc_trace(tf, tdma.irq, "irq" + std::to_string(TDMA_IRQ) + "_tdma");
	sc_core::sc_trace(tf, tiu.irq, "irq" + std::to_string(TIU_IRQ) + "_tiu");
	sc_core::sc_trace(tf, tdma.busy, "tdma_busy");
	sc_core::sc_trace(tf, tiu.busy, "tiu_busy");
}

std::string TpuTop::hang_report() const
{
	if (!tdma.hang_detected() && !tiu.hang_detected())
		return std::string();
	return "hang: " + tdma.describe() + "; " + tiu.describe();
}

static void engine_summary(std::ostringstream &os, const EngineBase &e)
{
	const EngineStats &s = e.stats();

	os << engine_name(e.engine()) << ": runs=" << s.runs << " descriptors=" << s.descriptors
	   << " not_executed=" << s.not_executed << " errors=" << s.errors
	   << " busy=" << s.busy_time << " reg_reads=" << e.reg_stats().reads
	   << " reg_writes=" << e.reg_stats().writes << " bus_errors=" << e.reg_stats().bus_errors
	   << "\n";
	for (const auto &kv : s.not_executed_by_op)
		os << "  not executed functionally: " << kv.first << " x" << kv.second << "\n";
	if (!s.last_error.empty())
		os << "  last error: " << s.last_error << "\n";
}

std::string TpuTop::stats_summary() const
{
	std::ostringstream os;

	engine_summary(os, tdma);
	engine_summary(os, tiu);
	os << "dram: pages=" << dram.pages_allocated() << " unmapped_bus_accesses="
	   << bus.unmapped_accesses() << "\n";
	return os.str();
}

} // namespace tpusim
