// SPDX-License-Identifier: Apache-2.0
//
// ktimer.cpp - one-shot kernel timers (osal_timer_*), for hosted Linux
// drivers' timer_list.
//
// One "timer softirq" thread per run serves every timer: it sleeps until
// the earliest expiry, then takes a hart with interrupt priority (as an
// interrupt handler does: the running thread gives its hart up at its next
// scheduling point unless it has interrupts masked), and runs each expired
// callback in interrupt context, so that the sim-OS reports a callback
// that sleeps and lockdep sees what it locks.  A timer leaves the queue
// before its callback runs (Linux expire_timers()): timer_pending() is
// false inside the callback, which may re-arm it.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ktimer.h"
#include "simos.h"

using tpusim::SimOs;
using tpusim::SimThread;

struct osal_timer {
	void (*fn)(void *arg) = nullptr;
	void *arg = nullptr;
	std::string name;
	bool pending = false;
	bool destroyed = false;
	uint64_t armed = 0;   // TimerBase::arms when it was last armed
	std::multimap<sc_core::sc_time, osal_timer *>::iterator pos;
};

namespace {

// The queue and the softirq thread of the current run's sim-OS.  Timers are
// never freed (as a timer_list has no destructor, the layer never destroys
// one), so they stay reachable from here.
struct TimerBase {
	SimOs *os = nullptr;
	SimThread *thread = nullptr;
	std::multimap<sc_core::sc_time, osal_timer *> queue;  // equal times: arming order
	std::vector<std::unique_ptr<osal_timer>> all;
	osal_timer *running = nullptr;
	uint64_t arms = 0;           // osal_timer_mod() calls so far
	sc_core::sc_event changed;   // a timer was armed or moved
	sc_core::sc_event done;      // a callback returned

	int softirq();
	void run_due();
};

TimerBase *g_base;

TimerBase &base()
{
	SimOs &os = SimOs::get();

	// One sim-OS per process; a new one (a test that builds another
	// machine after a fork) gets a new base.
	if (!g_base || g_base->os != &os) {
		g_base = new TimerBase;  // kept: its thread may still refer to it
		g_base->os = &os;
		TimerBase *b = g_base;
		b->thread = os.spawn("timer_softirq", tpusim::ThreadKind::irq, nullptr,
				     [b]() { return b->softirq(); });
	}
	return *g_base;
}

void dequeue(TimerBase &b, osal_timer *t)
{
	if (t->pending) {
		b.queue.erase(t->pos);
		t->pending = false;
	}
}

// Runs the timers due now that were armed before this run started: one a
// callback re-arms (or arms) for a time already past waits for the next
// run, as Linux puts it in the next tick's bucket.
void TimerBase::run_due()
{
	const sc_core::sc_time now = sc_core::sc_time_stamp();
	const uint64_t limit = arms;

	for (;;) {
		osal_timer *t = nullptr;

		// From the start each time: a callback may have moved or
		// deleted any timer.
		for (auto it = queue.begin(); it != queue.end() && it->first <= now; ++it)
			if (it->second->armed < limit) {
				t = it->second;
				break;
			}
		if (!t)
			return;
		dequeue(*this, t);
		running = t;
		t->fn(t->arg);
		running = nullptr;
		done.notify(sc_core::SC_ZERO_TIME);
	}
}

int TimerBase::softirq()
{
	for (;;) {
		if (queue.empty()) {
			sc_core::wait(changed);
			continue;
		}
		sc_core::sc_time at = queue.begin()->first;
		sc_core::sc_time now = sc_core::sc_time_stamp();
		if (at > now) {
			sc_core::wait(at - now, changed);
			continue;
		}
		os->acquire_hart(thread);
		thread->in_irq = true;
		run_due();
		thread->in_irq = false;
		os->sync(thread);
		os->release_hart(thread);
	}
}

bool usable(osal_timer *t, const char *op)
{
	if (!t->destroyed)
		return true;
	osal_kernel_bug("%s on timer %s after it was destroyed", op, t->name.c_str());
	return false;
}

} // namespace

size_t tpusim::cancel_pending_timers()
{
	// Only this run's timers, and no base (no softirq thread) made for it.
	if (!g_base || g_base->os != &SimOs::get())
		return 0;
	size_t n = g_base->queue.size();

	while (!g_base->queue.empty())
		dequeue(*g_base, g_base->queue.begin()->second);
	return n;
}

extern "C" {

osal_timer_t *osal_timer_create(void (*fn)(void *arg), void *arg, const char *name)
{
	TimerBase &b = base();
	auto t = std::make_unique<osal_timer>();

	t->fn = fn;
	t->arg = arg;
	t->name = name ? name : "timer";
	b.all.push_back(std::move(t));
	return b.all.back().get();
}

void osal_timer_destroy(osal_timer_t *t)
{
	if (!t || !usable(t, "destroy"))
		return;
	dequeue(base(), t);
	t->destroyed = true;
}

bool osal_timer_mod(osal_timer_t *t, uint64_t expires_ns)
{
	if (!usable(t, "mod_timer"))
		return false;
	TimerBase &b = base();
	bool was = t->pending;

	dequeue(b, t);
	t->armed = b.arms++;
	t->pos = b.queue.emplace(sc_core::sc_time(static_cast<double>(expires_ns), sc_core::SC_NS), t);
	t->pending = true;
	b.changed.notify(sc_core::SC_ZERO_TIME);
	return was;
}

bool osal_timer_del(osal_timer_t *t)
{
	if (!usable(t, "del_timer"))
		return false;
	bool was = t->pending;

	dequeue(base(), t);
	return was;
}

bool osal_timer_del_sync(osal_timer_t *t)
{
	if (!usable(t, "del_timer_sync"))
		return false;
	TimerBase &b = base();
	SimOs &os = SimOs::get();
	SimThread *self = os.current();
	bool was = t->pending;

	dequeue(b, t);
	if (b.running == t && self == b.thread) {
		// Linux would wait for itself forever.
		osal_kernel_bug("del_timer_sync on timer %s from its own callback", t->name.c_str());
		return was;
	}
	// The callback runs on another hart: spin (the hart stays busy) until
	// it returns, as Linux del_timer_sync() does.
	while (b.running == t) {
		if (self->qk.get_local_time() != sc_core::SC_ZERO_TIME) {
			os.sync(self);
			continue;
		}
		sc_core::wait(b.done);
	}
	return was;
}

bool osal_timer_pending(osal_timer_t *t)
{
	return !t->destroyed && t->pending;
}

} // extern "C"
