// SPDX-License-Identifier: Apache-2.0
//
// irqc.h - the level-sensitive interrupt controller between the model's
// IRQ lines and the sim-OS.
//
// Each registered line gets an interrupt thread.  While the line is high it
// asks for a hart with priority (taken at the running thread's next
// scheduling point unless that thread has interrupts off), runs the handler
// in interrupt context, and does so again for as long as the line stays
// high, one IRQ latency apart.  A line that stays high through
// irq_storm_limit handler runs in a row is an interrupt storm: a finding is
// made and the line is masked until it drops, so the run ends.
#ifndef TPUSIM_HARNESS_IRQC_H
#define TPUSIM_HARNESS_IRQC_H

#include <map>
#include <string>

#include <systemc>

#include "tpu/os.h"

namespace tpusim {

class SimOs;
struct SimThread;

struct IrqLineStats {
	uint64_t delivered = 0;   // handler invocations
	uint64_t handled = 0;     // returned OSAL_IRQ_HANDLED
	uint64_t dropped = 0;     // lost by fault injection
	uint64_t spurious = 0;    // injected while the device line was low
	uint64_t storms = 0;
};

class IrqController {
public:
	explicit IrqController(SimOs &os);

	// 0 or -errno; one handler per line (no sharing on this SoC).
	int request(int irq, osal_irq_handler_t handler, void *arg, const std::string &name);
	void free(int irq, void *arg);
	bool registered(int irq) const;

	// Fault injection: run the handler once although the line is low.
	void inject_spurious(int irq);

	const IrqLineStats *stats(int irq) const;

private:
	struct Line {
		int irq = -1;
		const sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> *sig = nullptr;
		osal_irq_handler_t handler = nullptr;
		void *arg = nullptr;
		std::string name;
		SimThread *thread = nullptr;
		bool spurious_pending = false;
		sc_core::sc_event changed;   // registration or injection
		IrqLineStats stats;
	};

	const sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> *signal_for(int irq) const;
	int run_line(Line &l);
	void deliver(Line &l);

	SimOs &os_;
	std::map<int, Line> lines_;
};

} // namespace tpusim

#endif
