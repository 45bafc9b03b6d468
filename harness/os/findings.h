// SPDX-License-Identifier: Apache-2.0
//
// findings.h - what the sim-OS and the checkers found wrong in a run.
//
// A finding is a bug report about the driver (or the runtime, or a
// scenario's expectation), with the simulated time it was seen at.  The
// simulation keeps going where it safely can; the runner decides pass/fail
// from the list.
#ifndef TPUSIM_HARNESS_FINDINGS_H
#define TPUSIM_HARNESS_FINDINGS_H

#include <string>
#include <vector>

#include <systemc>

namespace tpusim {

struct Finding {
	std::string checker;   // "sleep-in-atomic", "irq-storm", "mmio-bus-error", ...
	std::string message;
	sc_core::sc_time when;
};

class Findings {
public:
	void add(const std::string &checker, const std::string &message)
	{
		list_.push_back({checker, message, sc_core::sc_time_stamp()});
	}
	const std::vector<Finding> &list() const { return list_; }
	bool empty() const { return list_.empty(); }
	size_t count(const std::string &checker) const
	{
		size_t n = 0;
		for (const auto &f : list_)
			n += f.checker == checker;
		return n;
	}

private:
	std::vector<Finding> list_;
};

} // namespace tpusim

#endif
