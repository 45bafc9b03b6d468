// SPDX-License-Identifier: Apache-2.0
//
// runs.cpp - `tpusim run`: every scenario schedule in a forked child
// (SystemC elaborates once per process), up to --jobs at a time; the child
// sends its result back through a pipe.  Schedules of one scenario run in
// order and stop at its first failure.
#include <chrono>
#include <cstdio>
#include <exception>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "coverage.h"
#include "fork_pool.h"
#include "replay.h"
#include "report.h"

namespace tpusim::cli {

using scn::RunOptions;
using scn::RunResult;
using scn::Scenario;

namespace {

// One output file per run: with several runs, "trace.json" becomes
// "trace.<scenario>.s<k>.json".
std::string out_path(const std::string &base, const std::string &name, unsigned sched, bool many)
{
	if (base.empty() || !many)
		return base;
	size_t dot = base.rfind('.');
	size_t slash = base.rfind('/');
	if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
		dot = base.size();
	return base.substr(0, dot) + "." + name + ".s" + std::to_string(sched) + base.substr(dot);
}

RunOptions options(const Args &a, unsigned schedule)
{
	RunOptions o;

	o.seed = a.seed;
	o.seed_given = a.has(Option::seed);
	o.schedule = schedule;
	o.disabled = a.disabled;
	o.coverage = a.has(Option::coverage);
	if (!a.replay.empty()) {
		scn::Replay r;
		std::string err;
		if (!read_replay(a.replay, r, &err)) {
			fprintf(stderr, "tpusim: %s\n", err.c_str());
			_exit(2);
		}
		o.forced = true;
		o.forced_switches = r.switches;
		if (r.seed_given && !o.seed_given) {
			o.seed = r.seed;
			o.seed_given = true;
		}
	}
	return o;
}

// The child: run one schedule of s and write its result to the channel.
int child(const Args &a, const Scenario &s, unsigned schedule, bool many, int channel)
{
	RunOptions o = options(a, schedule);
	o.trace_path = out_path(a.trace, s.name, schedule, many);
	o.vcd_path = out_path(a.vcd, s.name, schedule, many);
	RunResult r;
	try {
		r = run_scenario(s, o);
	} catch (const std::exception &e) {
		r.name = s.name;
		r.file = s.file;
		r.verdict = std::string("FAIL: internal error: ") + e.what();
	}
	std::string text = serialize_result(r);
	size_t off = 0;
	while (off < text.size()) {
		ssize_t n = write(channel, text.data() + off, text.size() - off);
		if (n <= 0)
			break;
		off += static_cast<size_t>(n);
	}
	return 0;
}

// What the parent makes of a finished child.
RunResult collect(const ForkResult &fr, const Scenario &s, unsigned schedule)
{
	RunResult r;
	if (parse_result(fr.output, r) && fr.exited(0))
		return r;
	r = RunResult();
	r.name = s.name;
	r.file = s.file;
	r.schedule = schedule;
	r.pass = false;
	r.verdict = WIFSIGNALED(fr.status) ? "FAIL: simulator crashed (" + fr.describe() + ")"
					   : "FAIL: simulator exited abnormally (" + fr.describe() + ")";
	return r;
}

ForkPoolOptions pool_options(unsigned jobs)
{
	ForkPoolOptions po;
	po.jobs = jobs;
	po.capture_output = false;   // children's messages stay on the terminal
	po.in_order = true;          // results in the order the runs started
	return po;
}

} // namespace

RunResult run_one(const Args &a, const Scenario &s, unsigned schedule, const std::vector<uint64_t> *forced)
{
	Args aa = a;
	std::string tmp;

	aa.trace.clear();
	aa.vcd.clear();
	if (forced) {
		// options() reads --replay; a forced list is passed through a file.
		scn::Replay r;
		char tmpl[] = "/tmp/tpusim-replay-XXXXXX";
		int fd = mkstemp(tmpl);
		if (fd >= 0)
			close(fd);
		r.scenario = s.name;
		r.switches = *forced;
		write_replay(tmpl, r, "shrink candidate");
		aa.replay = tmp = tmpl;
	}
	ForkPool pool(pool_options(1));
	ForkResult fr;
	bool started = pool.start(0, [&](int ch) { return child(aa, s, schedule, false, ch); });
	if (started)
		pool.next(fr);
	if (!tmp.empty())
		unlink(tmp.c_str());
	return collect(fr, s, schedule);
}

int run_all(const Args &a, const std::vector<Scenario> &scenarios)
{
	const bool quiet = a.has(Option::quiet);
	auto wall0 = std::chrono::steady_clock::now();
	std::vector<RunResult> results;
	ForkPool pool(pool_options(a.jobs));
	struct Run {
		size_t scenario;
		unsigned schedule;
	};
	std::vector<Run> runs;   // by pool id
	size_t next = 0;
	std::vector<unsigned> sched_next(scenarios.size(), a.schedule >= 0 ? a.schedule : 0);
	std::vector<bool> stopped(scenarios.size(), false);
	const unsigned last_sched = a.schedule >= 0 ? a.schedule : a.schedules - 1;
	const bool many = scenarios.size() > 1 || last_sched > 0;
	for (;;) {
		while (!pool.full()) {
			// next scenario with schedules left
			size_t pick = scenarios.size();
			for (size_t k = 0; k < scenarios.size(); k++) {
				size_t i = (next + k) % scenarios.size();
				if (!stopped[i] && sched_next[i] <= last_sched) {
					pick = i;
					break;
				}
			}
			if (pick == scenarios.size())
				break;
			next = pick + 1;
			Run run{pick, sched_next[pick]++};
			runs.push_back(run);
			const Scenario &s = scenarios[pick];
			if (!pool.start(runs.size() - 1, [&](int ch) { return child(a, s, run.schedule, many, ch); })) {
				perror("tpusim: fork");
				return 2;
			}
		}
		ForkResult fr;
		if (!pool.next(fr))
			break;
		const Run &run = runs[fr.id];
		RunResult r = collect(fr, scenarios[run.scenario], run.schedule);
		if (!r.pass)
			stopped[run.scenario] = true;
		if (!quiet)
			print_run_line(r);
		results.push_back(std::move(r));
	}
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	print_summary(results, wall, a.schedules > 1 || a.schedule >= 0);
	if (a.has(Option::coverage)) {
		scn::Bins hit;
		for (const auto &r : results)
			hit.insert(r.coverage.begin(), r.coverage.end());
		scn::print_coverage(hit);
	}
	if (!a.junit.empty() && !write_junit(a.junit, results))
		fprintf(stderr, "tpusim: cannot write %s\n", a.junit.c_str());
	for (const auto &r : results)
		if (!r.pass)
			return 1;
	return 0;
}

} // namespace tpusim::cli
