// SPDX-License-Identifier: Apache-2.0
//
// lockdep.h - lock-order and interrupt-safety rules over lock classes, as
// Linux's lockdep judges them, for any host of the OS interface.
//
// A lock class is a name (every lock created with one name is one class,
// as every lock initialised at one site is in Linux).  Each acquisition
// says which classes the taker already holds and in which context it runs;
// the validator keeps the graph of "held A while taking B" and the
// contexts each class was ever taken in, so a bug is found from the two
// code paths that make it possible, without the unlucky timing that makes
// it happen:
//   - order: taking B while holding A when B ->* A was seen before
//     (a cycle: two threads can deadlock, each holding what the other wants);
//   - irq-unsafe: a class taken in interrupt context and, elsewhere, with
//     interrupts enabled (the interrupt can arrive while it is held on the
//     same CPU, and the handler spins forever).
// Each problem is reported once per pair or class.  Not thread-safe: the
// caller serialises (the sim-OS runs one simulated thread at a time; a
// real-threads host holds its own lock around the calls).
#ifndef TPUSIM_UTIL_LOCKDEP_H
#define TPUSIM_UTIL_LOCKDEP_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tpusim {

class Lockdep {
public:
	enum class Problem { order, irq_unsafe };
	struct Report {
		Problem problem;
		std::string text;
	};

	// The classes one thread holds, innermost last.
	using Held = std::vector<int>;
	// Who takes the lock: a thread's name and id (0: none), formatted
	// only when a report or a first sighting needs the text, so an
	// acquisition costs no allocation.
	struct Who {
		const std::string &name;
		uint64_t id;
	};

	int class_of(const std::string &name);
	const std::string &name_of(int cls) const { return names_[cls]; }

	// `who` took class cls holding `held`, in interrupt context or not,
	// with interrupts enabled or not.  Appends any new problem to out,
	// then records cls as held.
	void acquire(Held &held, int cls, bool in_irq, bool irqs_enabled, const Who &who,
		     std::vector<Report> &out);
	void release(Held &held, int cls);

private:
	// The chain of classes from `from` to `to` in the graph, empty if none.
	std::vector<int> path(int from, int to) const;

	std::map<std::string, int> ids_;
	std::vector<std::string> names_;
	std::vector<std::set<int>> after_;           // A -> {B taken while holding A}
	std::map<std::pair<int, int>, std::string> first_;  // edge -> who made it first
	std::vector<std::string> in_irq_by_;         // "" = never taken in interrupt context
	std::vector<std::string> irqs_on_by_;        // "" = never taken with interrupts enabled
	std::set<std::pair<int, int>> reported_order_;
	std::set<int> reported_irq_;
};

} // namespace tpusim

#endif
