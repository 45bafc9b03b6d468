// SPDX-License-Identifier: Apache-2.0
//
// runner.h - run one scenario on a fresh simulated machine.
//
// A run is a pure function of (scenario, seed, schedule, options): same
// inputs, same event stream, same hash.  SystemC elaborates once per
// process, so callers run each scenario in its own process (the CLI forks).
#ifndef TPUSIM_SCENARIO_RUNNER_H
#define TPUSIM_SCENARIO_RUNNER_H

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "host.h"
#include "scenario.h"

namespace tpusim::scn {

struct RunOptions {
	// Schedule 0 is the unperturbed schedule; schedule k > 0 perturbs the
	// scheduling points with probability Scenario::perturb, seeded by
	// seed + k.
	uint64_t seed = 0;
	bool seed_given = false;
	unsigned schedule = 0;
	std::string trace_path;     // Perfetto / Chrome JSON trace
	std::string vcd_path;       // IRQ lines and engine-busy signals
	// Test-only: findings of these checkers are discarded, as if the
	// checker were switched off (proves that proving scenarios need it).
	std::set<Checker> disabled;            // --disable-checker (test-only)
	bool coverage = false;      // collect coverage bins (coverage.h)
	// Replay a recorded schedule: switch threads exactly at these
	// decision points (see SimOsConfig::forced_switches).
	bool forced = false;
	std::vector<uint64_t> forced_switches;
	// Register blocks (RegImpl as int; -1: what the scenario's platform
	// says), the bus-side register log for differential runs, and the
	// RTL blocks' waveforms.
	int regs = -1;
	// The driver to run on (a platform `driver` word), overriding the
	// scenario's; empty: the scenario's own (default: this program's).
	std::string driver;
	bool timing_only = false;   // --timing-only (else the scenario's datapath)
	std::string reg_log_path;   // one line per register access
	std::string rtl_trace_path; // --rtl-trace
	// Systematic fault injection (--fail-nth K, docs/fault-injection.md):
	// the K-th injectable call of the run fails, and the run is judged by
	// the machine-level checkers only (injected_verdict); 0 = off.
	uint64_t fail_nth = 0;
};

struct JobStat {
	std::string thread;         // "process/thread"
	uint32_t seq = 0;
	double submit_s = -1, start_s = -1, end_s = -1, claim_s = -1;
};

struct FindingOut {
	std::string checker;
	std::string message;
	double when_s = 0;
};

struct RunResult {
	std::string name;
	std::string file;
	uint64_t seed = 0;
	unsigned schedule = 0;
	bool pass = false;
	std::string verdict;        // one line: why it passed or failed
	std::vector<FindingOut> findings;
	std::vector<std::string> fired;   // distinct checker names
	double sim_s = 0;
	double wall_s = 0;
	uint64_t trace_hash = 0;
	uint64_t jobs_submitted = 0;
	uint64_t jobs_completed = 0;
	uint64_t descriptors = 0;
	double tdma_busy_s = 0, tiu_busy_s = 0;
	unsigned max_queue = 0;
	std::vector<JobStat> jobs;
	std::string error;          // the scenario could not be run (setup problem)
	std::vector<uint64_t> switches;   // where the schedule exploration switched
	uint64_t decisions = 0;           // scheduling points with another thread ready
	std::vector<std::string> coverage;  // bins hit (RunOptions::coverage)
	bool replayed = false;
	std::string regs;           // "cpp" or "rtl": the register blocks the run had
	std::string driver;         // the driver it ran on (platform `driver` word)
	// What the user saw, in order per thread: each call a step made and its
	// result ("p/t: wait seq=3 -> 0, job 0").  A differential run across
	// drivers compares these (tpusim run --driver project,vendor).
	std::vector<std::string> outcomes;
	uint64_t reg_hash = 0;      // every bus-side register access, in order
	// Injectable calls the run made (SimOs::injectable_calls), and with
	// --fail-nth K: K, the call that failed ("" when the run made fewer
	// than K) and, when the system call the failure happened in returned
	// success or no errno of the vocabulary, what it did.
	uint64_t injectable = 0;
	uint64_t fail_nth = 0;
	std::string injected;
	std::string swallowed;
};

// The checkers that judge a run with an injected failure
// (docs/fault-injection.md): the machine-level ones, which hold whatever
// the driver's calls returned.  Not the scenario's own expectations (its
// steps see the errors the failure causes), not the outside oracles that
// read those steps, not `probe` (a failed probe is the right answer to a
// failed allocation in it).
bool judges_injected_run(Checker c);

RunResult run_scenario(const Scenario &s, const RunOptions &opt);

// Platform parameters (platform.cpp): set one (when `set` is given) and
// return its value in the table's unit; with a default HostConfig and no
// `set`, the documented default.
double platform_param(PlatformKey k, HostConfig &c, const double *set);
// Every parameter the scenario set; the rest keep their defaults.
void apply_platform(const Platform &p, HostConfig &c);

// One line per field; parse_result() reads it back (used across fork).
std::string serialize_result(const RunResult &r);
bool parse_result(const std::string &text, RunResult &r);

} // namespace tpusim::scn

#endif
