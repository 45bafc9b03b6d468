// SPDX-License-Identifier: Apache-2.0
//
// lockdep.cpp - lockdep.h.
#include "lockdep.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

namespace tpusim {
namespace posix {
namespace lockdep {

namespace {

constexpr int kMaxClasses = 128;

struct Class {
	std::atomic<const char *> name{nullptr};
	bool sleeping = false;
	std::atomic<bool> in_irq{false};      // taken in interrupt context
	std::atomic<bool> irqs_on{false};     // taken with interrupts enabled
	std::atomic<bool> irq_reported{false};
};

Class g_classes[kMaxClasses];
std::atomic<int> g_nclasses{0};
std::mutex g_class_mutex;                       // creation only
// g_edge[a][b]: b was taken while a was held.  1 = seen, 2 = reported.
std::atomic<uint8_t> g_edge[kMaxClasses][kMaxClasses];

// Path from 'from' to 'to' over known edges (depth-first); the classes on
// it, 'from' first, in path.
bool reaches(int from, int to, std::vector<int> &path, std::vector<bool> &seen)
{
	int n = g_nclasses.load(std::memory_order_acquire);

	path.push_back(from);
	if (from == to)
		return true;
	seen[from] = true;
	for (int c = 0; c < n; c++)
		if (!seen[c] && g_edge[from][c].load(std::memory_order_seq_cst) &&
		    reaches(c, to, path, seen))
			return true;
	path.pop_back();
	return false;
}

void add_edge(int a, int b)
{
	if (g_edge[a][b].load(std::memory_order_relaxed))
		return;
	uint8_t old = 0;
	if (!g_edge[a][b].compare_exchange_strong(old, 1, std::memory_order_seq_cst))
		return;
	// A new edge a -> b: a cycle if b already reaches a.
	std::vector<int> path;
	std::vector<bool> seen(kMaxClasses, false);
	if (a != b && !reaches(b, a, path, seen))
		return;
	std::string msg = std::string("lock order: ") + class_name(b) + " taken while holding " +
			  class_name(a);
	if (a == b) {
		msg += " (two locks of one class nested)";
	} else {
		msg += ", but elsewhere";
		for (size_t i = 0; i < path.size(); i++)
			msg += std::string(i ? " -> " : " ") + class_name(path[i]);
		msg += " (a cycle: threads taking them in these orders can deadlock)";
	}
	report("lock-cycle", msg);
}

void irq_state(ThreadCtx *t, int cls, bool spin)
{
	Class &c = g_classes[cls];

	if (!spin)
		return;  // a mutex in interrupt context is a sleep finding
	bool bad = false;
	if (t->in_irq) {
		if (!c.in_irq.load(std::memory_order_relaxed))
			c.in_irq.store(true, std::memory_order_relaxed);
		bad = c.irqs_on.load(std::memory_order_relaxed);
	} else if (t->irq_off == 0) {
		if (!c.irqs_on.load(std::memory_order_relaxed))
			c.irqs_on.store(true, std::memory_order_relaxed);
		bad = c.in_irq.load(std::memory_order_relaxed);
	}
	if (bad && !c.irq_reported.exchange(true, std::memory_order_relaxed))
		report("irq-unsafe-lock", std::string("spinlock class ") + c.name.load() +
		       " is taken in interrupt context and also with interrupts enabled "
		       "(an interrupt on the holder's CPU would spin on it for ever: use "
		       "spin_lock_irqsave outside the handler)");
}

} // namespace

int class_of(const char *name, bool sleeping)
{
	std::lock_guard<std::mutex> g(g_class_mutex);
	int n = g_nclasses.load(std::memory_order_relaxed);

	for (int i = 0; i < n; i++)
		if (!strcmp(g_classes[i].name.load(), name) && g_classes[i].sleeping == sleeping)
			return i;
	if (n == kMaxClasses) {
		report("lockdep", std::string("more than 128 lock classes; ") + name +
		       " shares the last one");
		return n - 1;
	}
	g_classes[n].name.store(strdup(name));
	g_classes[n].sleeping = sleeping;
	g_nclasses.store(n + 1, std::memory_order_release);
	return n;
}

const char *class_name(int cls)
{
	return g_classes[cls].name.load();
}

void might_sleep(ThreadCtx *t, const char *what)
{
	if (t->in_irq)
		report("sleep-in-atomic", std::string(what) + " in interrupt context (" + t->name + ")");
	else if (t->spin_depth > 0) {
		int cls = 0;

		for (int i = 0; i < t->nheld; i++)
			if (t->held[i].spin)
				cls = t->held[i].cls;
		report("sleep-in-atomic", std::string(what) + " while holding spinlock " +
		       class_name(cls) + " (" + t->name + ")");
	} else if (t->irq_off > 0)
		report("sleep-in-atomic", std::string(what) + " with interrupts off (" + t->name + ")");
}

void acquire(ThreadCtx *t, const void *lock, int cls, bool spin)
{
	if (!spin)
		might_sleep(t, (std::string("mutex_lock(") + class_name(cls) + ")").c_str());
	if (holds(t, lock)) {
		report("recursive-lock", std::string(class_name(cls)) + " taken again by " + t->name +
		       ", which holds it: a self-deadlock");
		std::abort();
	}
	for (int i = 0; i < t->nheld; i++)
		add_edge(t->held[i].cls, cls);
	irq_state(t, cls, spin);
	if (t->nheld == static_cast<int>(sizeof(t->held) / sizeof(t->held[0]))) {
		report("lockdep", "more than 32 locks held by " + t->name);
		return;
	}
	t->held[t->nheld++] = HeldLock{lock, cls, spin};
	if (spin)
		t->spin_depth++;
}

void release(ThreadCtx *t, const void *lock, int cls)
{
	for (int i = t->nheld - 1; i >= 0; i--) {
		if (t->held[i].lock != lock)
			continue;
		if (t->held[i].spin)
			t->spin_depth--;
		for (int j = i; j + 1 < t->nheld; j++)
			t->held[j] = t->held[j + 1];
		t->nheld--;
		return;
	}
	report("bad-unlock", std::string(class_name(cls)) + " released by " + t->name +
	       ", which does not hold it");
}

bool holds(const ThreadCtx *t, const void *lock)
{
	for (int i = 0; i < t->nheld; i++)
		if (t->held[i].lock == lock)
			return true;
	return false;
}

} // namespace lockdep
} // namespace posix
} // namespace tpusim
