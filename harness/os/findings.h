// SPDX-License-Identifier: Apache-2.0
//
// findings.h - what the sim-OS and the checkers found wrong in a run.
//
// A finding is a bug report about the driver (or the runtime, or a
// scenario's expectation), with the simulated time it was seen at.  The
// simulation keeps going where it safely can; the runner decides pass/fail
// from the list.  Checkers are named by the Checker table
// (harness/vocab/checkers.h), never by a string typed at the emit site.
#ifndef TPUSIM_HARNESS_FINDINGS_H
#define TPUSIM_HARNESS_FINDINGS_H

#include <string>
#include <vector>

#include <systemc>

#include "checkers.h"

namespace tpusim {

struct Finding {
	Checker id;
	std::string checker;   // checker_name(id), kept for the reports
	std::string message;
	sc_core::sc_time when;
};

class Findings {
public:
	void add(Checker c, const std::string &message)
	{
		list_.push_back({c, checker_name(c), message, sc_core::sc_time_stamp()});
	}
	const std::vector<Finding> &list() const { return list_; }
	bool empty() const { return list_.empty(); }
	size_t count(Checker c) const
	{
		size_t n = 0;
		for (const auto &f : list_)
			n += f.id == c;
		return n;
	}

private:
	std::vector<Finding> list_;
};

} // namespace tpusim

#endif
