// SPDX-License-Identifier: Apache-2.0
//
// coverage.h - functional coverage of a suite run.
//
// Bins, each a string:
//   reg:<block>.<REG>:read / :write       every register read and written
//   rule:<block>.<REG>:ro-write           a write reached a register with RO bits
//   rule:<block>.<REG>:w1c                a write cleared W1C bits
//   rule:<block>.<REG>:pulse              a write triggered a self-clearing pulse
//   ioctl:<CMD>@<state>                   an ioctl met the driver in that state
//   checker:<name>                        the checker fired (in its proof)
// Driver states are judged from the outside, at the moment of the call:
// idle, queued (jobs submitted, not started), running (an engine busy),
// done-full (64 results unclaimed), after-drop (a result was dropped),
// after-timeout (a WAIT timed out before), fd-closed (the fd is not open).
// Field-level register bins are not kept: the generated tables describe
// registers by access masks, not by field.
#ifndef TPUSIM_SCENARIO_COVERAGE_H
#define TPUSIM_SCENARIO_COVERAGE_H

#include <set>
#include <string>
#include <vector>

namespace tpusim::scn {

// Every bin there is (the denominator).
std::vector<std::string> coverage_universe();
// Name of an ioctl command for its bin ("SUBMIT_DMABUF", "ION_ALLOC", ...,
// "other").
std::string ioctl_name(unsigned cmd);
const std::vector<std::string> &driver_states();

// Print hit/missed per group.
void print_coverage(const std::set<std::string> &hit);

} // namespace tpusim::scn

#endif
