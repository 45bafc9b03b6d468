// SPDX-License-Identifier: Apache-2.0
//
// sync.cpp - spinlocks, mutexes, wait queues and completions of the OS
// interface, on simulated threads.
//
// A spinlock holder never loses its hart to another thread (preemption is
// off), only to an interrupt when it did not use irqsave.  So on one hart
// contention means an interrupt handler spinning on a lock its own hart
// holds: a real deadlock, reported as a finding; the handler then proceeds
// as if it had the lock so the run can end and be reported.
#include <list>
#include <sstream>
#include <string>

#include "simos.h"

using tpusim::SimOs;
using tpusim::SimThread;

// A destroyed lock, wait queue or completion is not freed but kept,
// marked (the driver makes a handful of them at probe): a later use is a
// kernel-use-after-free finding and does nothing, as a KASAN report would
// let the kernel go on, instead of undefined behaviour in the simulator.
struct KObjState {
	bool destroyed = false;
	bool reported = false;
	std::string by;
	sc_core::sc_time at;
};

struct osal_spinlock {
	KObjState ks;
	std::string name;
	int cls = -1;                     // lockdep class, from the name
	SimThread *owner = nullptr;
	sc_core::sc_event released;
};

struct osal_mutex {
	KObjState ks;
	std::string name;
	int cls = -1;
	SimThread *owner = nullptr;
	std::list<SimThread *> waiters;
};

struct osal_waitq {
	KObjState ks;
	std::string name;
	std::list<SimThread *> waiters;
	// Wake-ups so far.  A condition may take a spinlock, and lock/unlock
	// are scheduling points, so a wake-up can land between evaluating the
	// condition and joining the waiters; the count catches it.
	uint64_t wakes = 0;
};

struct osal_completion {
	osal_waitq wq;
	unsigned done = 0;
};

// True (after one finding per object) when the object was destroyed.
static bool gone(KObjState &k, const char *op, const char *kind, const std::string &name)
{
	if (!k.destroyed)
		return false;
	if (!k.reported) {
		k.reported = true;
		SimOs::get().findings().add(tpusim::Checker::kernel_use_after_free,
					    std::string(op) + " on " + kind + " '" + name +
						    "' after it was destroyed by " + k.by + " at " +
						    k.at.to_string());
	}
	return true;
}

// Marks the object destroyed; false (and a finding) if it already was.
static bool destroy(KObjState &k, const char *kind, const std::string &name, size_t waiters)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current_or_null();

	if (k.destroyed) {
		os.findings().add(tpusim::Checker::bad_free, std::string(kind) + " '" + name +
				  "' destroyed twice (first by " + k.by + " at " + k.at.to_string() + ")");
		return false;
	}
	k.destroyed = true;
	k.by = t ? t->name : "(no thread)";
	k.at = sc_core::sc_time_stamp();
	if (waiters)
		os.findings().add(tpusim::Checker::kernel_use_after_free,
				  std::string(kind) + " '" + name + "' destroyed by " + k.by + " while " +
					  std::to_string(waiters) + " thread(s) wait on it");
	return true;
}

template <typename T> static std::string &name_of(T *o) { return o->name; }
static std::string &name_of(osal_completion *c) { return c->wq.name; }

// A new object of a kind the fault plan may fail (kind), named name or
// else fallback: nullptr when the plan fails it or memory runs out, else
// counted as made.
template <typename T> static T *kobj_new(tpusim::InjectKind kind, const char *name, const char *fallback)
{
	SimOs &os = SimOs::get();

	if (os.inject(kind, name))
		return nullptr;
	T *o = new (std::nothrow) T;

	if (!o)
		return nullptr;
	os.kobj_made(kind);
	name_of(o) = name ? name : fallback;
	return o;
}

// An object embedded in a driver structure: never failed, never counted.
template <typename T> static T *kobj_embedded(const char *name, const char *fallback)
{
	T *o = new T;

	name_of(o) = name ? name : fallback;
	return o;
}

extern "C" {

osal_spinlock_t *osal_spin_create(const char *name)
{
	return kobj_new<osal_spinlock>(tpusim::InjectKind::spin_create, name, "spinlock");
}

osal_spinlock_t *osal_spin_create_embedded(const char *name)
{
	return kobj_embedded<osal_spinlock>(name, "spinlock");
}

void osal_spin_destroy(osal_spinlock_t *l)
{
	if (l && destroy(l->ks, "spinlock", l->name, 0))
		SimOs::get().kobj_gone(tpusim::InjectKind::spin_create);
}

static void spin_acquire(osal_spinlock_t *l, SimThread *t)
{
	SimOs &os = SimOs::get();

	if (l->owner == t) {
		os.findings().add(tpusim::Checker::spinlock_recursion, "thread " + t->name +
				  " takes spinlock " + l->name + " it already holds");
		return;
	}
	while (l->owner) {
		if (l->owner->hart < 0 && l->owner->preempted) {
			os.findings().add(tpusim::Checker::irq_deadlock, "interrupt handler " + t->name +
					  " spins on " + l->name + " held by interrupted thread " +
					  l->owner->name + " (take it with irqsave)");
			break;
		}
		// Another hart holds it: spin (the hart stays busy).  With the
		// quantum on, catch up first and look again: a release during
		// that wait() would be missed by wait(released).
		if (t->qk.get_local_time() != sc_core::SC_ZERO_TIME) {
			os.sync(t);
			continue;
		}
		wait(l->released);
	}
	l->owner = t;
	os.lock_acquired(t, l->cls, l->name);
}

void osal_spin_lock(osal_spinlock_t *l)
{
	if (gone(l->ks, "spin_lock", "spinlock", l->name))
		return;
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	os.sched_point();
	t->preempt_count++;
	spin_acquire(l, t);
}

void osal_spin_unlock(osal_spinlock_t *l)
{
	if (gone(l->ks, "spin_unlock", "spinlock", l->name))
		return;
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	if (l->owner != t)
		os.findings().add(tpusim::Checker::spinlock_unbalanced, "thread " + t->name + " unlocks " +
				  l->name + " it does not hold");
	l->owner = nullptr;
	os.lock_released(t, l->cls);
	l->released.notify(sc_core::SC_ZERO_TIME);
	if (t->preempt_count > 0)
		t->preempt_count--;
	os.sched_point();
}

unsigned long osal_spin_lock_irqsave(osal_spinlock_t *l)
{
	if (gone(l->ks, "spin_lock_irqsave", "spinlock", l->name))
		return 0;
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	os.sched_point();
	t->irq_off++;
	t->preempt_count++;
	spin_acquire(l, t);
	return 1;
}

void osal_spin_unlock_irqrestore(osal_spinlock_t *l, unsigned long flags)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	(void)flags;
	if (gone(l->ks, "spin_unlock_irqrestore", "spinlock", l->name))
		return;
	if (t->irq_off > 0)
		t->irq_off--;
	osal_spin_unlock(l);
}

void osal_spin_assert_held(osal_spinlock_t *l)
{
	if (gone(l->ks, "spin_assert_held", "spinlock", l->name))
		return;
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	if (l->owner != t)
		os.findings().add(tpusim::Checker::lock_not_held, "thread " + t->name + " expected to hold " + l->name);
}

osal_mutex_t *osal_mutex_create(const char *name)
{
	return kobj_new<osal_mutex>(tpusim::InjectKind::mutex_create, name, "mutex");
}

osal_mutex_t *osal_mutex_create_embedded(const char *name)
{
	return kobj_embedded<osal_mutex>(name, "mutex");
}

void osal_mutex_destroy(osal_mutex_t *m)
{
	if (m && destroy(m->ks, "mutex", m->name, m->waiters.size()))
		SimOs::get().kobj_gone(tpusim::InjectKind::mutex_create);
}

void osal_mutex_lock(osal_mutex_t *m)
{
	if (gone(m->ks, "mutex_lock", "mutex", m->name))
		return;
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	os.check_may_sleep(t, "mutex_lock ", &m->name);
	os.sched_point();
	os.sync(t);  // quantum on: catch up before joining the waiters
	while (m->owner) {
		if (m->owner == t) {
			os.findings().add(tpusim::Checker::mutex_recursion, "thread " + t->name + " locks mutex " +
					  m->name + " it already holds");
			return;
		}
		m->waiters.push_back(t);
		os.sleep(t, sc_core::SC_ZERO_TIME, true, "mutex ", m->name);
		m->waiters.remove(t);
	}
	m->owner = t;
	os.lock_acquired(t, m->cls, m->name);
}

void osal_mutex_unlock(osal_mutex_t *m)
{
	if (gone(m->ks, "mutex_unlock", "mutex", m->name))
		return;
	SimOs &os = SimOs::get();

	if (m->owner)
		os.lock_released(m->owner, m->cls);
	m->owner = nullptr;
	if (!m->waiters.empty())
		m->waiters.front()->wake_ev.notify(sc_core::SC_ZERO_TIME);
	os.sched_point();
}

osal_waitq_t *osal_waitq_create(const char *name)
{
	return kobj_new<osal_waitq>(tpusim::InjectKind::waitq_create, name, "waitq");
}

osal_waitq_t *osal_waitq_create_embedded(const char *name)
{
	return kobj_embedded<osal_waitq>(name, "waitq");
}

void osal_waitq_destroy(osal_waitq_t *wq)
{
	if (wq && destroy(wq->ks, "wait queue", wq->name, wq->waiters.size()))
		SimOs::get().kobj_gone(tpusim::InjectKind::waitq_create);
}

int osal_wait_event(osal_waitq_t *wq, osal_cond_fn cond, void *arg, uint64_t timeout_ns,
		    bool interruptible)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();
	bool forever = timeout_ns == OSAL_WAIT_FOREVER;
	sc_core::sc_time deadline = forever ? sc_core::SC_ZERO_TIME :
				    os.now() +
				    sc_core::sc_time(static_cast<double>(timeout_ns), sc_core::SC_NS);

	for (;;) {
		// A queue destroyed under a waiter: report, and time out.
		if (gone(wq->ks, "wait", "wait queue", wq->name))
			return 0;
		// Quantum on: catch up before the condition is read, so that no
		// wait() falls between reading it and joining the waiters.
		os.sync(t);
		uint64_t seen = wq->wakes;

		if (cond(arg))
			return 1;
		if (wq->wakes != seen)
			continue;  // woken while the condition was being evaluated
		if (interruptible && (t->signal_pending || t->stop_requested)) {
			t->signal_pending = false;
			return -EINTR;
		}
		if (!forever && os.now() >= deadline)
			return 0;
		wq->waiters.push_back(t);
		os.sleep(t, forever ? sc_core::SC_ZERO_TIME : deadline - os.now(), forever, "waitq ",
			 wq->name);
		wq->waiters.remove(t);
	}
}

// Wakes the first waiter or all of them; interruptible_only leaves the
// Linux-style waiters that sleep uninterruptibly asleep (Linux
// wake_up_interruptible).  A Linux-style waiter is marked woken, so a
// wake-up before it sleeps is not lost.
static void waitq_wake(osal_waitq_t *wq, bool all, bool interruptible_only = false)
{
	if (gone(wq->ks, "wake_up", "wait queue", wq->name))
		return;
	wq->wakes++;
	for (SimThread *w : wq->waiters) {
		if (w->lx_wq == wq) {
			if (interruptible_only && !w->lx_interruptible)
				continue;
			// An exclusive wake-up (complete()) goes to a waiter
			// still asleep, as Linux counts only successful ones.
			if (!all && w->lx_woken)
				continue;
			w->lx_woken = true;
		}
		w->wake_ev.notify(sc_core::SC_ZERO_TIME);
		if (!all)
			break;
	}
}

void osal_wake_up_all(osal_waitq_t *wq)
{
	waitq_wake(wq, true);
	SimOs::get().sched_point();
}

void osal_wake_up_one(osal_waitq_t *wq)
{
	waitq_wake(wq, false);
	SimOs::get().sched_point();
}

void osal_wake_up_interruptible(osal_waitq_t *wq)
{
	waitq_wake(wq, true, true);
	SimOs::get().sched_point();
}

// Linux-style waits.  The thread stays on wq->waiters from prepare to
// finish (Linux's autoremove takes it off at the wake-up and the next
// prepare puts it back: the same set of wake-ups reaches it), and
// lx_woken is its TASK_RUNNING: set by a wake-up through wq and by
// osal_kthread_stop() (wake_up_process), cleared by the next prepare.
int osal_prepare_to_wait(osal_waitq_t *wq, bool interruptible)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();

	if (gone(wq->ks, "prepare_to_wait", "wait queue", wq->name))
		return 0;
	if (t->lx_wq && t->lx_wq != wq)
		osal_finish_wait(t->lx_wq);
	if (interruptible && t->signal_pending) {
		osal_finish_wait(wq);
		return -EINTR;
	}
	if (t->lx_wq != wq) {
		wq->waiters.push_back(t);
		t->lx_wq = wq;
	}
	t->lx_interruptible = interruptible;
	t->lx_woken = false;
	return 0;
}

int osal_wait_woken(osal_waitq_t *wq, uint64_t timeout_ns, bool interruptible)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();
	bool forever = timeout_ns == OSAL_WAIT_FOREVER;
	sc_core::sc_time deadline = forever ? sc_core::SC_ZERO_TIME :
				    os.now() +
				    sc_core::sc_time(static_cast<double>(timeout_ns), sc_core::SC_NS);

	if (gone(wq->ks, "wait", "wait queue", wq->name))
		return -ETIMEDOUT;
	if (t->lx_wq != wq) {
		osal_kernel_bug("thread %s sleeps on wait queue %s without prepare_to_wait",
				t->name.c_str(), wq->name.c_str());
		return 0;
	}
	t->lx_interruptible = interruptible;
	for (;;) {
		if (t->lx_woken)
			return 0;
		if (interruptible && t->signal_pending)
			return -EINTR;
		if (!forever && os.now() >= deadline)
			return -ETIMEDOUT;
		// A spurious wake_ev (a stale notification, a deadline) only
		// brings the thread back here to look again.
		os.sleep(t, forever ? sc_core::SC_ZERO_TIME : deadline - os.now(), forever, "waitq ",
			 wq->name);
	}
}

void osal_finish_wait(osal_waitq_t *wq)
{
	SimThread *t = SimOs::get().current();

	if (t->lx_wq != wq)
		return;
	wq->waiters.remove(t);
	t->lx_wq = nullptr;
	t->lx_woken = false;
}

osal_completion_t *osal_completion_create(const char *name)
{
	return kobj_new<osal_completion>(tpusim::InjectKind::completion_create, name, "completion");
}

void osal_completion_destroy(osal_completion_t *c)
{
	if (c && destroy(c->wq.ks, "completion", c->wq.name, c->wq.waiters.size()))
		SimOs::get().kobj_gone(tpusim::InjectKind::completion_create);
}

void osal_reinit_completion(osal_completion_t *c)
{
	if (gone(c->wq.ks, "reinit_completion", "completion", c->wq.name))
		return;
	c->done = 0;
}

void osal_complete(osal_completion_t *c)
{
	if (gone(c->wq.ks, "complete", "completion", c->wq.name))
		return;
	c->done++;
	// No scheduling point: complete() is called from interrupt context.
	waitq_wake(&c->wq, false);
}

static bool completion_done(void *arg)
{
	return static_cast<osal_completion_t *>(arg)->done > 0;
}

int osal_wait_for_completion(osal_completion_t *c, uint64_t timeout_ns, bool interruptible)
{
	int rc = osal_wait_event(&c->wq, completion_done, c, timeout_ns, interruptible);

	if (rc == 1)
		c->done--;
	return rc;
}

} // extern "C"
