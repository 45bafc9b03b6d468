// SPDX-License-Identifier: Apache-2.0
//
// cli.h - the parts of the tpusim command, one file per command.
#ifndef TPUSIM_CLI_H
#define TPUSIM_CLI_H

#include <string>
#include <vector>

#include "cli_args.h"
#include "runner.h"
#include "scenario.h"

namespace tpusim::cli {

// Which driver this binary hosts: "" for the real one, the mutant's name in
// tpusim-<mutant> (cli/driver_real.c, tests/mutants).
const std::string &driver_mutant();

// runs.cpp: each run of a scenario schedule is a forked child (SystemC
// elaborates once per process) that sends its result back through a pipe.
scn::RunResult run_one(const Args &a, const scn::Scenario &s, unsigned schedule,
		       const std::vector<uint64_t> *forced);
int run_all(const Args &a, const std::vector<scn::Scenario> &scenarios);

// shrink.cpp: delta debugging over a failing schedule's switch points.
int shrink(const Args &a, const std::vector<scn::Scenario> &scenarios);

// list.cpp: names and descriptions, or the CTest registration of each.
int list(const Args &a, const std::vector<scn::Scenario> &scenarios);

// docs.cpp: the generated tables of docs/*.md.
int docs(const Args &a);

} // namespace tpusim::cli

#endif
