// SPDX-License-Identifier: Apache-2.0
//
// kernel.cpp - kernel threads, time, logging and kernel memory of the OS
// interface.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "kheap.h"
#include "simos.h"
#include "vfs.h"

using tpusim::SimOs;
using tpusim::SimThread;
using tpusim::ThreadKind;

struct osal_thread {
	SimThread *t;
};

namespace tpusim {

void SimOs::log(osal_log_level lvl, const std::string &text)
{
	SimThread *t = current_or_null();
	static const char *const names[] = {"debug", "info", "warn", "error"};

	LogLine l{sc_core::sc_time_stamp(), lvl, t ? t->tid : 0, text};

	if (log_hook_)
		log_hook_(l);
	if (lvl >= OSAL_LOG_WARN)
		log_.push_back(std::move(l));
	if (log_echo_)
		std::cerr << "[" << sc_core::sc_time_stamp() << "] " << names[lvl] << ": " << text
			  << "\n";
}

} // namespace tpusim

extern "C" {

void osal_log(enum osal_log_level lvl, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	SimOs &os = SimOs::get();

	// A debug or info line nobody reads is not even formatted.
	if (lvl < OSAL_LOG_WARN && !os.wants_all_log_lines())
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	os.log(lvl, buf);
}

void osal_kernel_bug(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	SimOs::get().findings().add(tpusim::Checker::kernel_api, buf);
}

void *osal_kzalloc(size_t size)
{
	SimOs &os = SimOs::get();

	if (os.inject(tpusim::InjectKind::kzalloc, nullptr, size))
		return nullptr;
	if (os.faults().fail_kzalloc) {
		os.faults().fail_kzalloc--;
		return nullptr;
	}
#if defined(__SANITIZE_ADDRESS__)
	// ASan instruments the driver and checks its own heap.
	void *p = calloc(1, size ? size : 1);
#else
	void *p = os.kheap().alloc(size);
#endif
	if (p)
		os.kallocs()[p] = size;
	return p;
}

void osal_kfree(void *p)
{
	SimOs &os = SimOs::get();

	if (!p)
		return;
	if (!os.kallocs().erase(p)) {
		os.findings().add(tpusim::Checker::bad_free, "kfree of a pointer kzalloc did not return (double free?)");
		return;
	}
#if defined(__SANITIZE_ADDRESS__)
	free(p);
#else
	os.kheap().free(p);
#endif
}

osal_thread_t *osal_kthread_run(int (*fn)(void *arg), void *arg, const char *name)
{
	SimOs &os = SimOs::get();

	if (os.inject(tpusim::InjectKind::kthread_run, name))
		return nullptr;
	if (os.faults().fail_kthread) {
		os.faults().fail_kthread--;
		return nullptr;
	}
	auto *h = new (std::nothrow) osal_thread;
	if (!h)
		return nullptr;
	h->t = os.spawn(name ? name : "kthread", ThreadKind::kernel, nullptr,
			[fn, arg]() { return fn(arg); });
	os.kobj_made(tpusim::InjectKind::kthread_run);
	return h;
}

int osal_kthread_stop(osal_thread_t *h)
{
	SimOs &os = SimOs::get();
	SimThread *self = os.current();
	SimThread *t = h->t;

	t->stop_requested = true;
	t->lx_woken = true;  // Linux wake_up_process(): a Linux-style wait returns
	t->wake_ev.notify(sc_core::SC_ZERO_TIME);
	os.sync(self);  // quantum on: catch up before looking at the state
	while (t->state != tpusim::ThreadState::done) {
		os.check_may_sleep(self, "kthread_stop");
		os.release_hart(self);
		self->state = tpusim::ThreadState::blocked;
		self->waits_on = "kthread_stop " + t->name;
		wait(t->exit_ev);
		self->waits_on.clear();
		os.acquire_hart(self);
	}
	int rc = t->exit_code;
	delete h;
	os.kobj_gone(tpusim::InjectKind::kthread_run);
	return rc;
}

bool osal_kthread_should_stop(void)
{
	return SimOs::get().current()->stop_requested;
}

uint64_t osal_current_tid(void)
{
	return SimOs::get().current()->tid;
}

uint64_t osal_thread_tid(osal_thread_t *h)
{
	return h->t->tid;
}

// ---- extensions for hosted Linux drivers --------------------------------

bool osal_in_interrupt(void)
{
	SimThread *t = SimOs::get().current_or_null();

	return t && t->in_irq;
}

bool osal_in_kthread(void)
{
	SimThread *t = SimOs::get().current_or_null();

	return t && t->kind == ThreadKind::kernel;
}

// A thread's process: a user thread's is the one it belongs to, a kernel
// thread is a process of its own (Linux kthreads are thread-group leaders).
static uint64_t tgid_of(const SimThread *t)
{
	return t->proc ? t->proc->tgid : t->tid;
}

uint64_t osal_current_tgid(void)
{
	return tgid_of(SimOs::get().current());
}

uint64_t osal_next_process(uint64_t after)
{
	uint64_t best = 0;

	// Interrupt handlers (and the timer softirq) are no tasks.  A process
	// lives while one of its threads does, so its leader may have ended
	// (Linux keeps a zombie leader in the list).
	for (const auto &t : SimOs::get().threads()) {
		if (t->kind == ThreadKind::irq || t->state == tpusim::ThreadState::done)
			continue;
		uint64_t g = tgid_of(t.get());
		if (g > after && (!best || g < best))
			best = g;
	}
	return best;
}

bool osal_signal_pending(void)
{
	return SimOs::get().current()->signal_pending;
}

void osal_might_sleep(const char *what)
{
	SimOs &os = SimOs::get();

	if (SimThread *t = os.current_or_null())
		os.check_may_sleep(t, what);
}

uint64_t osal_now_ns(void)
{
	return static_cast<uint64_t>(SimOs::get().now().to_seconds() * 1e9 + 0.5);
}

void osal_msleep(uint32_t ms)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();
	sc_core::sc_time end = os.now() + sc_core::sc_time(ms, sc_core::SC_MS);

	// Signals do not cut msleep short (it is not interruptible on Linux).
	while (os.now() < end)
		os.sleep(t, end - os.now(), false, "msleep");
}

void osal_udelay(uint32_t us)
{
	SimOs &os = SimOs::get();

	os.sched_point();
	os.busy(sc_core::sc_time(us, sc_core::SC_US));
}

void osal_cpu_relax(void)
{
	SimOs &os = SimOs::get();

	os.busy(os.config().relax_step);
	os.sched_point();
}

} // extern "C"
