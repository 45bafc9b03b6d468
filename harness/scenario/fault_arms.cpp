// SPDX-License-Identifier: Apache-2.0
//
// fault_arms.cpp - what each trigger kind watches, and firing the faults
// armed on it.
#include "fault_arms.h"

#include <climits>

#include "run_ctx.h"

extern "C" {
#include "tpu/regblocks.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
}

namespace tpusim::scn {

void arm_fault(RunCtx &rc, const Fault &f, ThreadCtx *tc)
{
	if (!rc.arms) {
		// Registered after the run's own observer: a descriptor is
		// already mapped to its job instance when a trigger sees it.
		rc.arms = new FaultArms(rc);  // lives as long as the run context
		rc.h.top.observers().add(rc.arms);
	}
	rc.arms->arm(f, tc);
}

void FaultArms::arm(const Fault &f, ThreadCtx *tc)
{
	Arm a;
	a.f = f;
	a.f.armed = false;
	a.tc = tc;
	// Values are the thread's when the step runs, not when the fault fires.
	if (tc) {
		a.f.seq.add = eval_value(*tc, f.seq);
		a.f.seq.var.clear();
	}
	if (f.on.has_seq)
		a.seq = static_cast<uint32_t>(tc ? eval_value(*tc, f.on.seq) : f.on.seq.add);
	// from_end: resolved at the instance's first descriptor, when its
	// length is known.
	a.count = f.on.from_end ? 0 : f.on.count;
	arms_.push_back(std::move(a));
}

template <class Match> void FaultArms::event(Trigger::Kind kind, Match matches)
{
	// By index: firing a fault may raise another event (a status bit
	// raises the interrupt line) and so come back here.
	for (size_t i = 0; i < arms_.size(); i++) {
		Arm &a = arms_[i];
		if (a.fired || a.f.on.kind != kind || !matches(a))
			continue;
		if (++a.seen < a.count)
			continue;
		a.fired = true;
		Fault f = a.f;
		apply_fault(rc_, f, a.tc);
	}
}

void FaultArms::engine_start(Engine e)
{
	event(Trigger::Kind::engine_start, [&](const Arm &a) { return a.f.on.engine == engine_name(e); });
}

void FaultArms::desc_start(const DescEvent &ev)
{
	const Instance *inst = nullptr;
	bool looked = false;

	event(Trigger::Kind::descriptor, [&](Arm &a) {
		const Trigger &t = a.f.on;
		if (t.engine != engine_name(ev.engine))
			return false;
		if (!t.has_seq)
			return true;
		if (!looked) {
			inst = rc_.instance_at(ev.addr);
			looked = true;
		}
		if (!inst || inst->seq != a.seq)
			return false;
		// A step's job is its own thread's unless `thread` names another.
		if (!t.thread.empty() ? !names_thread(t.thread, inst->thread)
				      : a.tc && inst->thread != a.tc->name)
			return false;
		if (t.from_end && !a.count) {
			const unsigned n = ev.engine == Engine::tdma ? inst->cj->tdma_count
								     : inst->cj->tiu_count;
			a.count = t.from_end <= n ? n - t.from_end + 1 : UINT_MAX;
		}
		return true;
	});
}

void FaultArms::irq_edge(int line, bool level)
{
	if (!level)
		return;
	const char *eng = line == tpu_regblk_tdma.irq ? "tdma" : line == tpu_regblk_tiu.irq ? "tiu" : nullptr;
	if (!eng)
		return;
	event(Trigger::Kind::irq_rise, [&](const Arm &a) { return a.f.on.engine == eng; });
}

void FaultArms::reg_access(const tpu_reg_block &block, uint32_t offset, uint32_t, bool is_write, bool ok)
{
	if (!ok)
		return;
	event(Trigger::Kind::mmio, [&](const Arm &a) {
		const Trigger &t = a.f.on;
		if (block.base != tpu_regblk_all[t.reg_block]->base || offset != t.reg_offset)
			return false;
		return t.access == Trigger::Access::any || (t.access == Trigger::Access::write) == is_write;
	});
}

void FaultArms::in_driver(SimThread *t)
{
	if (!t)
		return;
	const std::string *name = nullptr;
	for (const auto &tc : rc_.threads)
		if (tc->t == t)
			name = &tc->name;
	if (!name)
		return;
	event(Trigger::Kind::in_driver, [&](const Arm &a) { return names_thread(a.f.on.thread, *name); });
}

} // namespace tpusim::scn
