// SPDX-License-Identifier: Apache-2.0
//
// cvm_cost.h - the timing model's inputs for every descriptor of a
// cvimodel, without running it: TIU cycles from the cost formulas and the
// bytes each TDMA descriptor moves (its DRAM bus bytes with the burst and
// 64-byte accounting, its payload, its LMEM bytes), from the same kernel
// functions the model calls (docs/timing.md "Checking the port").
#ifndef TPUSIM_CVM_COST_H
#define TPUSIM_CVM_COST_H

#include <cstdint>
#include <vector>

#include "cvm_file.h"

namespace tpusim::cvm {

struct DescCost {
	bool tiu = false;           // else TDMA
	unsigned routine = 0, segment = 0;
	uint32_t id = 0;            // the descriptor's own id
	uint32_t wait = 0;          // the other engine's id it waits for (0: none)
	uint64_t formula_cycles = 0;   // TIU: tiu_kernel_formula_cycles
	uint64_t cost_ps = 0;       // the model's duration at 500 MHz (tiu_kernel_cost / tdma_kernel_cost_ps)
	uint64_t dram_bytes = 0, dram_bus_bytes = 0, lmem_bytes = 0;   // TDMA
	unsigned dir = 0;           // TDMA trans_dir
	bool bf16 = false;          // TIU opd_typ 1
};

struct CostSummary {
	uint64_t tiu = 0, tdma = 0;           // descriptors
	uint64_t tiu_formula_cycles = 0;      // Σ formula cycles (no per-descriptor overhead)
	uint64_t tiu_bf16_cycles = 0;
	uint64_t dram_bytes = 0, dram_bus_bytes = 0, lmem_bytes = 0;
	uint64_t l2l_lmem_bytes = 0;          // of which L2L moves (tpu-mlir charges them as DRAM bytes)
	double tiu_ps = 0, tdma_ps = 0;       // Σ model durations at 500 MHz
};

// Every descriptor of every routine, in command-buffer order.
std::vector<DescCost> desc_costs(const Model &m);
CostSummary summarize(const std::vector<DescCost> &d);

} // namespace tpusim::cvm

#endif
