// SPDX-License-Identifier: Apache-2.0
//
// counters.cpp - where each counter of vocab/counters.h is read at the end
// of a run.
#include "irqc.h"
#include "run_ctx.h"

extern "C" {
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
}

namespace tpusim::scn {

namespace {

uint64_t irq_stat(Host &h, int line, uint64_t IrqLineStats::*field)
{
	const IrqLineStats *st = h.os.irqc().stats(line);
	return st ? st->*field : 0;
}

} // namespace

uint64_t counter_value(Counter c, Host &h)
{
	switch (c) {
	case Counter::irq_tdma_registered: return h.os.irqc().registered(TDMA_IRQ);
	case Counter::irq_tdma_delivered: return irq_stat(h, TDMA_IRQ, &IrqLineStats::delivered);
	case Counter::irq_tdma_handled: return irq_stat(h, TDMA_IRQ, &IrqLineStats::handled);
	case Counter::irq_tdma_dropped: return irq_stat(h, TDMA_IRQ, &IrqLineStats::dropped);
	case Counter::irq_tdma_spurious: return irq_stat(h, TDMA_IRQ, &IrqLineStats::spurious);
	case Counter::irq_tiu_registered: return h.os.irqc().registered(TIU_IRQ);
	case Counter::irq_tiu_delivered: return irq_stat(h, TIU_IRQ, &IrqLineStats::delivered);
	case Counter::irq_tiu_handled: return irq_stat(h, TIU_IRQ, &IrqLineStats::handled);
	case Counter::irq_tiu_dropped: return irq_stat(h, TIU_IRQ, &IrqLineStats::dropped);
	case Counter::irq_tiu_spurious: return irq_stat(h, TIU_IRQ, &IrqLineStats::spurious);
	case Counter::tdma_descriptors: return h.top.tdma.stats().descriptors;
	case Counter::tdma_errors: return h.top.tdma.stats().errors;
	case Counter::tiu_descriptors: return h.top.tiu.stats().descriptors;
	case Counter::tiu_errors: return h.top.tiu.stats().errors;
	case Counter::tiu_timed_only: return h.top.tiu.stats().not_executed;
	}
	return 0;
}

} // namespace tpusim::scn
