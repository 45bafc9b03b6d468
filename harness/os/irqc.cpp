// SPDX-License-Identifier: Apache-2.0
//
// irqc.cpp - interrupt threads and storm detection.
#include "irqc.h"

#include <sstream>

#include "simos.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

namespace tpusim {

IrqController::IrqController(SimOs &os) : os_(os)
{
}

const sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> *IrqController::signal_for(int irq) const
{
	if (irq == TDMA_IRQ)
		return &os_.top().tdma.irq;
	if (irq == TIU_IRQ)
		return &os_.top().tiu.irq;
	return nullptr;
}

bool IrqController::registered(int irq) const
{
	auto it = lines_.find(irq);
	return it != lines_.end() && it->second.handler;
}

const IrqLineStats *IrqController::stats(int irq) const
{
	auto it = lines_.find(irq);
	return it == lines_.end() ? nullptr : &it->second.stats;
}

int IrqController::request(int irq, osal_irq_handler_t handler, void *arg, const std::string &name)
{
	const auto *sig = signal_for(irq);

	if (!sig || !handler)
		return -EINVAL;
	// request_irq allocates the line's action: -ENOMEM when that fails.
	if (os_.inject(InjectKind::request_irq, name.c_str()))
		return -ENOMEM;
	if (os_.faults().fail_request_irq) {
		os_.faults().fail_request_irq--;
		return -EBUSY;
	}
	Line &l = lines_[irq];
	if (l.handler)
		return -EBUSY;
	l.irq = irq;
	l.sig = sig;
	l.handler = handler;
	l.arg = arg;
	l.name = name;
	if (!l.thread)
		l.thread = os_.spawn("irq" + std::to_string(irq), ThreadKind::irq, nullptr,
				     [this, &l]() { return run_line(l); });
	l.changed.notify(sc_core::SC_ZERO_TIME);
	os_.kobj_made(InjectKind::request_irq);
	return 0;
}

void IrqController::free(int irq, void *arg)
{
	auto it = lines_.find(irq);

	if (it == lines_.end() || it->second.arg != arg) {
		os_.findings().add(Checker::bad_free_irq, "free_irq(" + std::to_string(irq) +
				   ") of a handler that was not requested");
		return;
	}
	if (it->second.handler)
		os_.kobj_gone(InjectKind::request_irq);
	it->second.handler = nullptr;
	it->second.changed.notify(sc_core::SC_ZERO_TIME);
}

void IrqController::inject_spurious(int irq)
{
	Line &l = lines_[irq];

	l.irq = irq;
	l.sig = signal_for(irq);
	l.spurious_pending = true;
	l.changed.notify(sc_core::SC_ZERO_TIME);
}

void IrqController::deliver(Line &l)
{
	SimThread *t = l.thread;

	os_.busy(os_.config().irq_latency);
	os_.acquire_hart(t);
	t->in_irq = true;
	l.stats.delivered++;
	if (l.handler && l.handler(l.irq, l.arg) == OSAL_IRQ_HANDLED)
		l.stats.handled++;
	t->in_irq = false;
	os_.sync(t);
	os_.release_hart(t);
}

int IrqController::run_line(Line &l)
{
	for (;;) {
		bool high = l.sig && l.sig->read();

		if (l.handler && l.spurious_pending) {
			l.spurious_pending = false;
			if (!high)
				l.stats.spurious++;
			deliver(l);
			continue;
		}
		if (!l.handler || !high) {
			if (l.sig)
				sc_core::wait(l.sig->value_changed_event() | l.changed);
			else
				sc_core::wait(l.changed);
			continue;
		}
		if (os_.faults().drop_irq) {
			// A lost interrupt: this assertion of the line never reaches
			// the CPU; the next one (after the line drops) will.
			os_.faults().drop_irq--;
			l.stats.dropped++;
			while (l.sig->read())
				sc_core::wait(l.sig->negedge_event());
			continue;
		}
		unsigned in_a_row = 0;
		while (l.handler && l.sig->read()) {
			if (++in_a_row > os_.config().irq_storm_limit) {
				std::ostringstream os;

				os << "IRQ " << l.irq << " (" << l.name << ") still high after "
				   << os_.config().irq_storm_limit
				   << " handler runs: the handler does not clear the device status";
				os_.findings().add(Checker::irq_storm, os.str());
				l.stats.storms++;
				while (l.sig->read())
					sc_core::wait(l.sig->negedge_event() | l.changed);
				break;
			}
			deliver(l);
		}
	}
}

} // namespace tpusim
