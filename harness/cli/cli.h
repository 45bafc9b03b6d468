// SPDX-License-Identifier: Apache-2.0
//
// cli.h - the parts of the tpusim command, one file per command.
#ifndef TPUSIM_CLI_H
#define TPUSIM_CLI_H

#include <string>
#include <vector>

#include "cli_args.h"
#include "fork_pool.h"
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
// The pieces of a run that --fail-each shares: the child's work (one
// schedule of s, its result written to channel), the parent's reading of
// a finished child, and the pool's options.
// driver: the run's driver ("" = as --driver or the scenario says); a run
// on a driver this program does not host is handed to the program that
// does (driver_program) by exec, on the same channel.
int run_child(const Args &a, const scn::Scenario &s, unsigned schedule, bool many, int regs,
	      const std::string &reg_log, int channel, const std::string &driver);
// The driver a run of s is on: the variant's, else --driver's, else the
// scenario's platform, else this program's.
std::string run_driver(const Args &a, const scn::Scenario &s, const std::string &variant);
// The driver the scenario's platform names, "" if none.
std::string pinned_driver(const scn::Scenario &s);
// The program next to this one that hosts `driver` (tpusim, tpusim-vendor).
std::string driver_program(const std::string &driver);
// Replace this process with args[0] (the program hosting `driver`) run
// with args; returns 2, having said why, only when that fails.
int exec_driver_program(std::vector<std::string> args, const std::string &driver);
// A child that died without a result still names its run (seed, driver,
// --fail-nth): its replay command must be the run's.
scn::RunResult collect_child(const ForkResult &fr, const Args &a, const scn::Scenario &s, unsigned schedule,
			     const std::string &driver);
ForkPoolOptions run_pool_options(unsigned jobs);

// fail_each.cpp: `tpusim run --fail-each`: per scenario a clean run that
// counts the injectable calls, then one run per --fail-nth K.
int fail_each(const Args &a, const std::vector<scn::Scenario> &scenarios);

// shrink.cpp: delta debugging over a failing schedule's switch points.
int shrink(const Args &a, const std::vector<scn::Scenario> &scenarios);

// list.cpp: names and descriptions, or the CTest registration of each.
int list(const Args &a, const std::vector<scn::Scenario> &scenarios);

// docs.cpp: the generated tables of docs/*.md.
int docs(const Args &a);

// model.cpp: `tpusim model`, in the binaries built with the cvimodel
// loader (harness/cvimodel); the others say it is not built in.
int model(const Args &a);

// pmu.cpp: `tpusim pmu FILE`, and the PMU report of `tpusim model --pmu`:
// routine index of count's raw PMU buffer, decoded and summarised at
// clk_hz (the dmabuf header's tpu_clk_rate), written to raw_file (--pmu
// FILE.bin; FILE.<index>.bin when count > 1) unless that is "".  0, or 1
// when the buffer holds no records or cannot be written.
int pmu(const Args &a);
int pmu_report(const std::vector<uint8_t> &buf, uint32_t clk_hz, const std::string &label,
	       const std::string &raw_file, size_t index, size_t count);

// client.cpp: `tpusim client PROGRAM [ARGS]` on a fresh machine
// (harness/client, docs/clients.md).
int client(const Args &a);

} // namespace tpusim::cli

#endif
