// SPDX-License-Identifier: Apache-2.0
//
// report.h - what a user reads after a run: one line per scenario run, a
// summary (pass/fail, findings, latency percentiles, engine utilisation,
// queue depth, simulated and wall time, the replay command of a failure),
// and JUnit XML for CI.
#ifndef TPUSIM_REPORT_REPORT_H
#define TPUSIM_REPORT_REPORT_H

#include <string>
#include <vector>

#include "runner.h"

namespace tpusim::scn {

void print_run_line(const RunResult &r);
void print_summary(const std::vector<RunResult> &results, double wall_s, bool schedules);
bool write_junit(const std::string &path, const std::vector<RunResult> &results);
// The one command that replays this run.
std::string replay_command(const RunResult &r);

} // namespace tpusim::scn

#endif
