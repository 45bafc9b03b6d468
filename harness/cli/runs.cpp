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
#include "replay.h"
#include "report.h"

namespace tpusim::cli {

using scn::RunOptions;
using scn::RunResult;
using scn::Scenario;

namespace {

struct Task {
	std::string file;
	unsigned schedule = 0;
	pid_t pid = -1;
	int fd = -1;
	std::string out;
};

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

void start(Task &t, const Args &a, const Scenario &s, bool many)
{
	int p[2];

	if (pipe(p))
		return;
	fflush(stdout);
	fflush(stderr);
	t.pid = fork();
	if (t.pid == 0) {
		close(p[0]);
		RunOptions o = options(a, t.schedule);
		o.trace_path = out_path(a.trace, s.name, t.schedule, many);
		o.vcd_path = out_path(a.vcd, s.name, t.schedule, many);
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
			ssize_t n = write(p[1], text.data() + off, text.size() - off);
			if (n <= 0)
				break;
			off += static_cast<size_t>(n);
		}
		close(p[1]);
		_exit(0);
	}
	close(p[1]);
	t.fd = p[0];
}

RunResult finish(Task &t)
{
	char buf[65536];
	ssize_t n;
	int status = 0;
	RunResult r;

	while ((n = read(t.fd, buf, sizeof(buf))) > 0)
		t.out.append(buf, static_cast<size_t>(n));
	close(t.fd);
	waitpid(t.pid, &status, 0);
	if (!parse_result(t.out, r) || !WIFEXITED(status) || WEXITSTATUS(status)) {
		r.file = t.file;
		r.schedule = t.schedule;
		r.pass = false;
		r.verdict = WIFSIGNALED(status) ? "FAIL: simulator crashed (signal " +
						  std::to_string(WTERMSIG(status)) + ")"
					       : "FAIL: simulator exited abnormally";
	}
	return r;
}

} // namespace

RunResult run_one(const Args &a, const Scenario &s, unsigned schedule, const std::vector<uint64_t> *forced)
{
	Task t;
	Args aa = a;

	aa.trace.clear();
	aa.vcd.clear();
	t.file = s.file;
	t.schedule = schedule;
	if (!forced) {
		start(t, aa, s, false);
		return finish(t);
	}
	// options() reads --replay; a forced list is passed through a file.
	scn::Replay r;
	char tmpl[] = "/tmp/tpusim-replay-XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd >= 0)
		close(fd);
	r.scenario = s.name;
	r.switches = *forced;
	write_replay(tmpl, r, "shrink candidate");
	aa.replay = tmpl;
	start(t, aa, s, false);
	RunResult res = finish(t);
	unlink(tmpl);
	return res;
}

int run_all(const Args &a, const std::vector<Scenario> &scenarios)
{
	const bool quiet = a.has(Option::quiet);
	auto wall0 = std::chrono::steady_clock::now();
	std::vector<RunResult> results;
	std::vector<Task> running;
	size_t next = 0;
	std::vector<unsigned> sched_next(scenarios.size(), a.schedule >= 0 ? a.schedule : 0);
	std::vector<bool> stopped(scenarios.size(), false);
	unsigned last_sched = a.schedule >= 0 ? a.schedule : a.schedules - 1;
	for (;;) {
		while (running.size() < a.jobs) {
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
			Task t;
			t.file = scenarios[pick].file;
			t.schedule = sched_next[pick]++;
			start(t, a, scenarios[pick], scenarios.size() > 1 || last_sched > 0);
			running.push_back(std::move(t));
		}
		if (running.empty())
			break;
		Task t = std::move(running.front());
		running.erase(running.begin());
		RunResult r = finish(t);
		for (size_t i = 0; i < scenarios.size(); i++)
			if (scenarios[i].file == t.file && !r.pass)
				stopped[i] = true;
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
