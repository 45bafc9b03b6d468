// SPDX-License-Identifier: Apache-2.0
//
// coverage.h - functional coverage of a suite run: the bins there are and
// the sampling that hits them, in one place so the two cannot drift.
//
// Bins, each a string:
//   reg:<block>.<REG>:read / :write       every register read and written
//   rule:<block>.<REG>:ro-write           a write reached a register with RO bits
//   rule:<block>.<REG>:w1c                a write cleared W1C bits
//   rule:<block>.<REG>:pulse              a write triggered a self-clearing pulse
//   ioctl:<CMD>@<state>                   an ioctl met the driver in that state
//   checker:<name>                        the checker fired (in its proof)
// Commands come from vocab/ioctls.h, checkers from vocab/checkers.h, driver
// states from the table below.  States are judged from the outside, at the
// moment of the call.  Field-level register bins are not kept: the
// generated tables describe registers by access masks, not by field.
//
// Not every bin can be hit by a correct driver on this hardware: the
// unreachable ones (coverage.cpp, with the reason for each) stay in the
// universe, so the report shows them, but the goal counts only the rest.
// checker: bins are reported but outside the goal: a checker fires only on
// a bug (a proof, often with a driver mutant), never in a correct run.
#ifndef TPUSIM_SCENARIO_COVERAGE_H
#define TPUSIM_SCENARIO_COVERAGE_H

#include <set>
#include <string>
#include <vector>

#include "checkers.h"

extern "C" {
#include "tpu/regdesc.h"
}

#define TPUSIM_DRIVER_STATES(X)                                                                     \
	X(idle, "idle", "nothing below holds")                                                      \
	X(queued, "queued", "jobs submitted, not started")                                          \
	X(running, "running", "an engine busy")                                                     \
	X(done_full, "done-full", "the contract's bound of results unclaimed")                      \
	X(after_drop, "after-drop", "a result was dropped")                                         \
	X(after_timeout, "after-timeout", "a WAIT timed out before")                                \
	X(fd_closed, "fd-closed", "the fd is not open")

namespace tpusim::scn {

enum class DriverState {
#define TPUSIM_X(id, name, when) id,
	TPUSIM_DRIVER_STATES(TPUSIM_X)
#undef TPUSIM_X
};

using Bins = std::set<std::string>;

// Every bin there is (the denominator).
std::vector<std::string> coverage_universe();

// A register access seen on the bus.
void sample_reg_access(Bins &hit, const tpu_reg_block &block, uint32_t offset, uint32_t value, bool is_write);
// An ioctl and the driver states it met (each state's bin is hit).
void sample_ioctl(Bins &hit, unsigned cmd, const std::vector<DriverState> &states);
// A checker fired where its scenario expected it.
void sample_checker(Bins &hit, Checker c);

// Why a correct driver never hits bin b, or nullptr when it can.
const char *unreachable_reason(const std::string &b);
// The patterns of the exclusion table ('*' = any run of characters) and
// whether one matches a bin (tests: a pattern matching no bin is stale).
std::vector<std::string> unreachable_patterns();
bool bin_matches(const std::string &pattern, const std::string &b);

// The goal: this share of the reachable bins, over the regression suite
// (docs/coverage.md).
constexpr double kCoverageGoalPercent = 95.0;

struct CoverageFigures {
	unsigned total = 0, hit = 0;
	unsigned reachable = 0, reachable_hit = 0;  // goal groups only
	size_t unreachable = 0;
	std::vector<std::string> excluded_but_hit;  // an exclusion that is wrong
	double reachable_percent() const { return reachable ? 100.0 * reachable_hit / reachable : 100.0; }
};
CoverageFigures coverage_figures(const Bins &hit);

// Print hit/missed per group, the reachable figure and the unreachable
// bins with their reasons.
CoverageFigures print_coverage(const Bins &hit);

// The unreachable bins with their reasons, a Markdown table (docs/coverage.md).
std::string unreachable_markdown();

} // namespace tpusim::scn

#endif
