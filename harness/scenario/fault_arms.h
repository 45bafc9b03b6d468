// SPDX-License-Identifier: Apache-2.0
//
// fault_arms.h - faults armed on an event (`on:`, vocab/triggers.h).
//
// A fault with `on:` is armed when its step runs (or at its top-level `at`,
// 0 by default) and fires on the `count`-th matching event after that.  The
// events come from the model's observer callbacks and, for `in_driver`,
// from the sim-OS ioctl hook.  A fault fires synchronously inside the
// callback of its event: the same simulated instant and delta as the event
// itself, so a schedule decides when it fires only through the event.
#ifndef TPUSIM_SCENARIO_FAULT_ARMS_H
#define TPUSIM_SCENARIO_FAULT_ARMS_H

#include <string>
#include <vector>

#include "observer.h"
#include "scenario.h"

namespace tpusim {
struct SimThread;
}

namespace tpusim::scn {

struct RunCtx;
struct ThreadCtx;

class FaultArms : public TpuObserver {
public:
	explicit FaultArms(RunCtx &rc) : rc_(rc) {}

	// Arm f (its variables evaluated now, in tc's scope when it is a step).
	void arm(const Fault &f, ThreadCtx *tc);

	void engine_start(Engine e) override;
	void desc_start(const DescEvent &ev) override;
	void irq_edge(int line, bool level) override;
	void reg_access(const tpu_reg_block &block, uint32_t offset, uint32_t value, bool is_write,
			bool ok) override;
	// A thread enters the driver (the sim-OS ioctl hook).
	void in_driver(SimThread *t);

private:
	struct Arm {
		Fault f;                    // `armed` cleared: applying it fires it
		ThreadCtx *tc = nullptr;    // the step's thread, or none (top level)
		uint32_t seq = 0;           // Trigger::seq, evaluated when armed
		unsigned seen = 0;
		unsigned count = 0;         // events to see: on.count, or resolved from on.from_end
		bool fired = false;
	};

	// Count one event for every unfired arm of that kind that `matches`;
	// fire those that reach their count, in the order they were armed.
	template <class Match> void event(Trigger::Kind kind, Match matches);

	RunCtx &rc_;
	std::vector<Arm> arms_;
};

// Arm a fault on its event (faults.cpp calls this for a fault with `on:`).
void arm_fault(RunCtx &rc, const Fault &f, ThreadCtx *tc);
// "p/t" names every replica of p/t; "p.1/t.2" one (faults.cpp).
bool names_thread(const std::string &pattern, const std::string &name);

} // namespace tpusim::scn

#endif
