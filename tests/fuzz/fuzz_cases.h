// SPDX-License-Identifier: Apache-2.0
//
// fuzz_cases.h - the fuzzers' parent: case i runs with seed S + i in a
// forked child of its own (harness/util/fork_pool.h), jobs at a time, each
// with a wall-clock limit.  A child reports through its exit status
// (pass_code = passed) and "@@stat <key> <n>" lines on stdout, which are
// summed; a failing case is printed in full with the command that replays
// it.  Shared by fuzz_abi and fuzz_model; fuzz_regs_rtl reads its command
// line with read_args() too.
#ifndef TPUSIM_FUZZ_CASES_H
#define TPUSIM_FUZZ_CASES_H

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tpusim::fuzz {

struct CaseOptions {
	uint64_t seed = 1, cases = 1;
	unsigned jobs = 1;
	double timeout = 60;      // wall seconds per case
	bool verbose = false;     // print passing cases' output too
	int pass_code = 0;
};

struct CaseResults {
	uint64_t passed = 0;
	std::vector<std::pair<uint64_t, std::string>> failures;  // seed, why
	std::map<std::string, uint64_t> totals;                  // summed @@stat
	double wall = 0;
	bool error = false;                                      // a fork failed
};

// run_case(seed) runs in the child and returns its exit code;
// verdict_name(code) names a failing code; replay(seed) is the command
// that reruns one case.
CaseResults run_cases(const CaseOptions &o, const std::function<int(uint64_t)> &run_case,
		      const std::function<std::string(int)> &verdict_name,
		      const std::function<std::string(uint64_t)> &replay);

// The options of every forking fuzzer; a fuzzer's own Options derive
// from it.
// The options of run_cases as a fuzzer's command line sets them, with its
// defaults (20 cases of up to 120 s), and --no-fork.
struct CaseArgs : CaseOptions {
	CaseArgs()
	{
		cases = 20;
		timeout = 120;
	}
	bool fork = true;
};

// An option's value: the next argument of the command line.
using ArgValue = std::function<const char *()>;

// When a is one of CaseArgs' options (--seed, --cases, --jobs, --timeout,
// --verbose or -v, --no-fork): takes it into o, its value from val(), and
// returns true.
bool case_arg(const std::string &a, const ArgValue &val, CaseArgs &o);

// Reads argv[1..]: take(a, val) takes option a, its value from val(), or
// returns false when a is none of the program's; usage(argv[0]), which
// does not return, for such an argument or a missing value.
void read_args(int argc, char **argv, void (*usage)(const char *),
	       const std::function<bool(const std::string &, const ArgValue &)> &take);

using Totals = std::map<std::string, uint64_t>;

// The rest of a fuzzer's main() once its options are read: with --no-fork
// its one case in this process (the verdict printed, its code returned);
// else every case through run_cases, then the summary line (named prog),
// print_totals' lines and each failure with its replay command; 0 when all
// passed, 1 when some failed, 2 when the cases could not run.
int case_main(const char *prog, const CaseArgs &o, int pass_code,
	      const std::function<int(uint64_t)> &run_case,
	      const std::function<std::string(int)> &verdict_name,
	      const std::function<std::string(uint64_t)> &replay,
	      const std::function<void(const Totals &)> &print_totals);

} // namespace tpusim::fuzz

#endif
