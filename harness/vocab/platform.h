// SPDX-License-Identifier: Apache-2.0
//
// platform.h - the machine parameters a scenario may override, defined once.
//
// One row per parameter: X(id, "key", type, lo, hi, "choices", "meaning").  A scenario
// that leaves a parameter out gets the documented default of the model and
// the sim-OS (include/tpu/hwcfg.h, TpuConfig, SimOsConfig): Platform holds
// only what the file set.  From the table come the loader's keys, ranges and
// messages, and the platform table of docs/scenarios.md, whose Default
// column is read from those configs (so it cannot drift).  How a value
// reaches the machine is the parameter's case in platform_param
// (harness/scenario/platform.cpp), a switch over PlatformKey.
//
// Types: choice (one of the space-separated words in "choices"; the value
// is the word's index), integer, number (lo..hi), fraction (lo < x <= hi).
#ifndef TPUSIM_VOCAB_PLATFORM_H
#define TPUSIM_VOCAB_PLATFORM_H

#define TPUSIM_PLATFORM(X)                                                                          \
	X(chip, "chip", choice, 0, 1, "cv181x cv180x",                                              \
	  "SG2002 (8 lanes) or CV180x (2 lanes). Decides how large a tensor may be.")               \
	X(harts, "harts", integer, 1, 8, "", "CPU harts the sim-OS schedules threads on.")              \
	X(tpu_clock_mhz, "tpu_clock_mhz", number, 1, 2000, "", "TPU clock (TIU cycle time).")           \
	X(dram_efficiency, "dram_efficiency", fraction, 0, 1, "",                                       \
	  "Fraction of the DDR peak bandwidth TDMA transfers get.")                                 \
	X(mmio_latency_ns, "mmio_latency_ns", number, 0, 1e9, "", "Cost of one driver register access.") \
	X(irq_latency_ns, "irq_latency_ns", number, 0, 1e9, "",                                         \
	  "From the IRQ line rising to the handler running.")                                       \
	X(hang_window_ms, "hang_window_ms", number, 0, 1e9, "",                                         \
	  "An engine that makes no progress for this long is reported by the `hang` checker.")      \
	X(timeslice_ms, "timeslice_ms", number, 0, 1e9, "", "Sim-OS time slice.")                  \
	X(quantum_ns, "quantum_ns", number, 0, 1e9, "",                                                 \
	  "TLM-2.0 quantum of the CPU side (tlm_quantumkeeper): a thread runs ahead of the model "   \
	  "by up to this much between waits. 0: off, every register access waits for its time. "    \
	  "Runs stay deterministic for a given quantum; what changes: docs/performance.md.")        \
	X(datapath, "datapath", choice, 0, 1, "compute timing",                                     \
	  "`timing`: descriptors take their modelled time, ids and errors and every memory access " \
	  "is checked, but no data is computed (timing studies of long workloads); the checkers "   \
	  "that judge data are off.")                                                               \
	X(regs, "regs", choice, 0, 1, "cpp rtl",                                                    \
	  "Register blocks: the C++ banks, or the RTL regsgen emits, run under Verilator. "         \
	  "Runs are identical either way (`tpusim run --regs cpp,rtl` checks it).")                 \
	X(driver, "driver", choice, 0, 1, "project vendor",                                         \
	  "The TPU driver the machine runs: the project's (`driver/`) or the vendor's Linux "       \
	  "driver on the Linux API layer (docs/vendor-driver.md). A program hosts one driver "      \
	  "(`tpusim`, `tpusim-vendor`) and hands a run that wants the other to its sibling; "       \
	  "`tpusim run --driver project,vendor` runs each scenario on both and reports where "      \
	  "their outcomes differ.")                                                                 \
	X(fail_nth, "fail_nth", integer, 0, 1e8, "",                                                \
	  "Fails the K-th injectable call of the run (docs/fault-injection.md) as `tpusim run "      \
	  "--fail-nth K` does, but the run is judged by its `expect:` like any other: the "         \
	  "scenario is the replay of what that one failure does (a finding's reproducer). 0: "     \
	  "none. `--fail-nth` and `--fail-each` on the command line take its place.")

namespace tpusim {

enum class PlatformType { choice, integer, number, fraction };

enum class PlatformKey {
#define TPUSIM_X(id, ...) id,
	TPUSIM_PLATFORM(TPUSIM_X)
#undef TPUSIM_X
};

struct PlatformInfo {
	const char *key;
	PlatformType type;
	double lo, hi;
	const char *choices;  // choice: the words, space-separated
	const char *meaning;
	unsigned flags;     // none yet (Table::keys_with)
};

} // namespace tpusim

#endif
