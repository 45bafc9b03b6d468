// SPDX-License-Identifier: Apache-2.0
//
// checker_names.cpp - every finding a run can produce, by checker name.
// Scenarios may name these under expect.findings; docs/checkers.md
// describes each and the scenario that proves it.
#include "scenario.h"

namespace tpusim::scn {

const std::vector<std::string> &known_checkers()
{
	static const std::vector<std::string> names = {
		// driver-visible behaviour (harness/checkers)
		"lost-completion", "wrong-thread", "done-list-overflow", "drop-without-warning",
		"drop-without-release", "waiter-stuck", "output-mismatch", "step-failed",
		"log-missing", "sim-time",
		// sim-OS and host
		"deadlock", "irq-storm", "irq-deadlock", "sleep-in-atomic", "spinlock-recursion",
		"spinlock-unbalanced", "lock-not-held", "mutex-recursion", "bad-free",
		"bad-dma-free", "bad-free-irq", "clk-unbalanced", "clk-leak", "leak", "probe",
		"mmio-bus-error", "dma-use-after-free", "wild-dma", "coherence",
		// model
		"hang",
	};
	return names;
}

} // namespace tpusim::scn
