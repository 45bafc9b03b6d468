// SPDX-License-Identifier: Apache-2.0
//
// faults.cpp - inject a scenario fault into the model or the sim-OS (or,
// for a fault with `on:`, arm it: fault_arms.cpp fires it on its event).
#include <cstring>

#include "fault_arms.h"
#include "irqc.h"
#include "run_ctx.h"

extern "C" {
#include "tpu/tdma_regs.h"
}

namespace tpusim::scn {

// "p.2/t.5" -> "p/t": a fault naming "p/t" reaches every replica.
static std::string base_name(const std::string &full)
{
	std::string out;
	size_t i = 0;

	while (i < full.size()) {
		size_t end = full.find('/', i);
		std::string part = full.substr(i, end == std::string::npos ? std::string::npos : end - i);
		size_t dot = part.rfind('.');
		if (dot != std::string::npos && dot + 1 < part.size() &&
		    part.find_first_not_of("0123456789", dot + 1) == std::string::npos)
			part.resize(dot);
		out += part;
		if (end == std::string::npos)
			break;
		out += '/';
		i = end + 1;
	}
	return out;
}

bool names_thread(const std::string &pattern, const std::string &name)
{
	return pattern == name || pattern == base_name(name);
}

void apply_fault(RunCtx &rc, const Fault &f, ThreadCtx *tc, bool traced)
{
	Host &h = rc.h;
	TraceEvent e;

	if (f.armed) {
		arm_fault(rc, f, tc);
		return;
	}

	e.kind = TraceEvent::Kind::instant;
	e.ts_ps = RunCtx::now_ps();
	e.track = tc ? tc->name : "faults";
	switch (f.kind) {
	case Fault::Kind::drop_irq:
		h.os.faults().drop_irq += f.count;
		e.name = "fault: drop irq";
		break;
	case Fault::Kind::spurious_irq:
		h.os.irqc().inject_spurious(TDMA_IRQ);
		e.name = "fault: spurious irq";
		break;
	case Fault::Kind::stuck_irq:
		h.top.tdma.inject_stuck_status(TDMA_INT_MASK_STATUS_VAL_EOD);
		e.name = "fault: stuck irq";
		break;
	case Fault::Kind::hang: {
		EngineBase &eng = h.top.engine(f.engine == "tdma" ? Engine::tdma : Engine::tiu);
		eng.inject_hang(f.duration_ms > 0 ? sc_core::sc_time(f.duration_ms, sc_core::SC_MS)
						  : sc_core::SC_ZERO_TIME);
		e.name = "fault: hang " + f.engine;
		break;
	}
	case Fault::Kind::tdma_status:
		h.top.tdma.inject_status(f.bits);
		e.name = "fault: tdma status " + std::to_string(f.bits);
		break;
	case Fault::Kind::engine_error: {
		EngineBase &eng = h.top.engine(f.engine == "tdma" ? Engine::tdma : Engine::tiu);
		eng.inject_error(f.bits);
		e.name = "fault: " + f.engine + " error " + std::to_string(f.bits);
		break;
	}
	case Fault::Kind::slow_dram:
		h.top.set_dram_slowdown(f.factor);
		e.name = "fault: slow dram x" + std::to_string(f.factor);
		break;
	case Fault::Kind::fail_alloc:
		h.os.faults().fail_dma_alloc += f.count;
		e.name = "fault: fail dma alloc";
		break;
	case Fault::Kind::fail_kzalloc:
		h.os.faults().fail_kzalloc += f.count;
		e.name = "fault: fail kzalloc";
		break;
	case Fault::Kind::fail_request_irq:
		h.os.faults().fail_request_irq += f.count;
		e.name = "fault: fail request_irq";
		break;
	case Fault::Kind::fail_kthread:
		h.os.faults().fail_kthread += f.count;
		e.name = "fault: fail kthread";
		break;
	case Fault::Kind::signal:
		for (auto &t : rc.threads)
			if (names_thread(f.thread, t->name))
				h.os.send_signal(t->t);
		e.name = "fault: signal " + f.thread;
		break;
	case Fault::Kind::misalign_alloc:
		h.os.faults().dma_alloc_misalign += f.count;
		e.name = "fault: misaligned dma alloc";
		break;
	case Fault::Kind::corrupt_output:
		for (auto &inst : rc.instances) {
			// A step hits its own thread's job, a timed fault the named
			// thread's (or every thread's).
			if (tc ? inst->thread != tc->name
			       : !f.thread.empty() && !names_thread(f.thread, inst->thread))
				continue;
			if (inst->seq != static_cast<uint32_t>(tc ? eval_value(*tc, f.seq) : f.seq.add) ||
			    !inst->data_alive())
				continue;
			// Flip the first byte of the first output tensor in DRAM.
			for (const Tensor &t : inst->job->tensors)
				if (t.output) {
					uint64_t a = inst->data_buf().paddr + inst->data_base() +
						     inst->cj->offset.at(t.name);
					uint8_t b;
					h.top.dram.read(a, &b, 1);
					b ^= 0xFF;
					h.top.dram.write(a, &b, 1);
					inst->corrupted = true;
					break;
				}
		}
		e.name = "fault: corrupt output";
		break;
	}
	if (traced)
		rc.trace(std::move(e));
}

} // namespace tpusim::scn
