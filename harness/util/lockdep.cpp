// SPDX-License-Identifier: Apache-2.0
//
// lockdep.cpp - the lock-class graph and the two rules of lockdep.h.
#include "lockdep.h"

#include <algorithm>

namespace tpusim {

int Lockdep::class_of(const std::string &name)
{
	auto it = ids_.find(name);

	if (it != ids_.end())
		return it->second;
	int id = static_cast<int>(names_.size());
	ids_.emplace(name, id);
	names_.push_back(name);
	after_.emplace_back();
	in_irq_by_.emplace_back();
	irqs_on_by_.emplace_back();
	return id;
}

std::vector<int> Lockdep::path(int from, int to) const
{
	// Breadth first, so the reported chain is a shortest one.
	std::vector<int> prev(names_.size(), -1);
	std::vector<int> queue{from};

	prev[from] = from;
	for (size_t i = 0; i < queue.size(); i++) {
		int a = queue[i];

		if (a == to) {
			std::vector<int> p{to};
			while (p.back() != from)
				p.push_back(prev[p.back()]);
			std::reverse(p.begin(), p.end());
			return p;
		}
		for (int b : after_[a])
			if (prev[b] < 0) {
				prev[b] = a;
				queue.push_back(b);
			}
	}
	return {};
}

static std::string text_of(const Lockdep::Who &w)
{
	return w.id ? "thread " + w.name + " (tid " + std::to_string(w.id) + ")" : w.name;
}

void Lockdep::acquire(Held &held, int cls, bool in_irq, bool irqs_enabled, const Who &who,
		      std::vector<Report> &out)
{
	for (int h : held) {
		if (h == cls || after_[h].count(cls))
			continue;
		// Holding h while taking cls closes a cycle if cls already leads
		// to h.
		std::vector<int> back = path(cls, h);
		if (!back.empty() && !reported_order_.count({h, cls})) {
			std::string chain;
			for (size_t i = 0; i < back.size(); i++)
				chain += (i ? " -> " : "") + names_[back[i]];
			const std::string &other = first_[{back[0], back[1]}];
			reported_order_.insert({h, cls});
			out.push_back({Problem::order,
				       text_of(who) + " takes " + names_[cls] + " while holding " + names_[h] + ", but " +
					       chain + " was taken in that order before (first by " + other +
					       "): two threads can deadlock"});
		}
		after_[h].insert(cls);
		first_.emplace(std::make_pair(h, cls), text_of(who));
	}
	if (in_irq && in_irq_by_[cls].empty())
		in_irq_by_[cls] = text_of(who);
	if (!in_irq && irqs_enabled && irqs_on_by_[cls].empty())
		irqs_on_by_[cls] = text_of(who);
	if (!in_irq_by_[cls].empty() && !irqs_on_by_[cls].empty() && !reported_irq_.count(cls)) {
		reported_irq_.insert(cls);
		out.push_back({Problem::irq_unsafe,
			       names_[cls] + " is taken in interrupt context (by " + in_irq_by_[cls] +
				       ") and with interrupts enabled (by " + irqs_on_by_[cls] +
				       "): an interrupt while it is held spins forever on that CPU"});
	}
	held.push_back(cls);
}

void Lockdep::release(Held &held, int cls)
{
	// Locks need not be released in order; drop the innermost hold.
	auto it = std::find(held.rbegin(), held.rend(), cls);

	if (it != held.rend())
		held.erase(std::next(it).base());
}

} // namespace tpusim
