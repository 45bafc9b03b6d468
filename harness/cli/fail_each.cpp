// SPDX-License-Identifier: Apache-2.0
//
// fail_each.cpp - `tpusim run --fail-each`: systematic fault injection
// (docs/fault-injection.md).  Per scenario, a clean run counts the
// injectable calls the run makes (n); then one run per K = 1..min(n,
// --fail-budget), each with the K-th call failing and judged by the
// machine-level checkers (runner.h: judges_injected_run).  Every run is a
// forked child, --jobs at a time, under a wall-clock limit that turns a
// hang into a failure.
#include <chrono>
#include <cstdio>

#include "cli.h"
#include "report.h"

namespace tpusim::cli {

using scn::RunResult;
using scn::Scenario;

namespace {

// A run that takes this long is a hang (the slowest scenario, stress,
// takes about 5 s, 10x that under ASan).
constexpr double kRunTimeout = 120;

// The command that replays one injected run (k = 0: the clean run).
std::string replay(const Args &a, const Scenario &s, uint64_t k)
{
	std::string cmd = (driver_mutant().empty() ? "tpusim" : "tpusim-" + driver_mutant()) + " run " + s.file;
	if (k)
		cmd += " --fail-nth " + std::to_string(k);
	if (a.has(Option::seed))
		cmd += " --seed " + std::to_string(a.seed);
	if (a.schedule >= 0)
		cmd += " --schedule " + std::to_string(a.schedule);
	const std::string d = run_driver(a, s, "");
	if (d != scn::driver_words().front())
		cmd += " --driver " + d;
	return cmd;
}

struct Tally {
	bool clean_pass = false;
	uint64_t calls = 0, tried = 0, failed = 0;
	std::string clean_verdict;
};

} // namespace

int fail_each(const Args &a, const std::vector<Scenario> &scenarios)
{
	const auto wall0 = std::chrono::steady_clock::now();
	const unsigned sched = a.schedule >= 0 ? static_cast<unsigned>(a.schedule) : 0;
	const int regs = a.regs.empty() ? -1 : a.regs[0];
	ForkPoolOptions po = run_pool_options(a.jobs);
	po.timeout = kRunTimeout;
	std::vector<Tally> tally(scenarios.size());
	std::vector<RunResult> results;
	std::vector<std::string> clean_failures;

	// The clean runs: each must pass as usual, and counts its calls.
	bool forked = run_forked(
		po, 0, scenarios.size(),
		[&](uint64_t id, int ch) { return run_child(a, scenarios[id], sched, true, regs, "", ch, ""); },
		[&](ForkResult &fr) {
			RunResult r = collect_child(fr, a, scenarios[fr.id], sched, "");
			Tally &t = tally[fr.id];
			t.clean_pass = r.pass;
			t.calls = r.injectable;
			t.clean_verdict = r.verdict;
			if (!r.pass && !a.has(Option::quiet))
				print_run_line(r);
			if (!r.pass)
				clean_failures.push_back("FAILED: " + r.name + " — " + r.verdict +
							 " (clean run)\n        replay: " +
							 replay(a, scenarios[fr.id], 0));
			results.push_back(std::move(r));
		});
	if (!forked)
		return 2;

	// The injected runs: (scenario, K) for every scenario whose clean run
	// passed.
	struct Point {
		size_t scenario;
		uint64_t k;
	};
	std::vector<Point> points;
	for (size_t i = 0; i < scenarios.size(); i++) {
		if (!tally[i].clean_pass)
			continue;
		uint64_t n = tally[i].calls;
		if (a.fail_budget && a.fail_budget < n)
			n = a.fail_budget;
		for (uint64_t k = 1; k <= n; k++)
			points.push_back({i, k});
	}
	std::vector<std::string> failures;
	forked = run_forked(
		po, 0, points.size(),
		[&](uint64_t id, int ch) {
			// Traces only of the clean run: the injected runs would
			// overwrite each other's (replay one with --fail-nth K
			// --trace FILE).
			Args ak = a;
			ak.fail_nth = points[id].k;
			ak.trace.clear();
			ak.vcd.clear();
			ak.rtl_trace.clear();
			return run_child(ak, scenarios[points[id].scenario], sched, true, regs, "", ch, "");
		},
		[&](ForkResult &fr) {
			const Point p = points[fr.id];
			const Scenario &s = scenarios[p.scenario];
			RunResult r = collect_child(fr, a, s, sched, "");
			r.fail_nth = p.k;
			Tally &t = tally[p.scenario];
			t.tried++;
			if (!r.pass) {
				t.failed++;
				// The format of the summary's failures (report.cpp),
				// which tests/mutants/run_mutants.sh reads.
				failures.push_back("FAILED: " + s.name + " — " + r.verdict +
						   "\n        replay: " + replay(a, s, p.k));
				if (!a.has(Option::quiet))
					print_run_line(r);
			}
			results.push_back(std::move(r));
		});
	if (!forked)
		return 2;

	const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	uint64_t calls = 0, tried = 0, failed = 0, bad_clean = 0;
	printf("\nfault injection (--fail-each%s):\n",
	       a.fail_budget ? (", budget " + std::to_string(a.fail_budget) + " per scenario").c_str() : "");
	printf("%-36s %8s %8s %8s\n", "scenario", "calls", "tried", "failed");
	for (size_t i = 0; i < scenarios.size(); i++) {
		const Tally &t = tally[i];
		if (!t.clean_pass) {
			printf("%-36s clean run failed: %s\n", scenarios[i].name.c_str(), t.clean_verdict.c_str());
			bad_clean++;
			continue;
		}
		printf("%-36s %8llu %8llu %8llu\n", scenarios[i].name.c_str(), (unsigned long long)t.calls,
		       (unsigned long long)t.tried, (unsigned long long)t.failed);
		calls += t.calls;
		tried += t.tried;
		failed += t.failed;
	}
	printf("%zu scenario(s), %llu injectable calls, %llu injection points tried, %llu failure(s)", scenarios.size(),
	       (unsigned long long)calls, (unsigned long long)tried, (unsigned long long)failed);
	if (bad_clean)
		printf(", %llu clean run(s) failed", (unsigned long long)bad_clean);
	printf("; %zu runs in %.1f s wall\n", results.size(), wall);
	for (const auto &f : clean_failures)
		printf("%s\n", f.c_str());
	for (const auto &f : failures)
		printf("%s\n", f.c_str());
	fflush(stdout);
	if (!a.junit.empty() && !write_junit(a.junit, results))
		fprintf(stderr, "tpusim: cannot write %s\n", a.junit.c_str());
	return failed || bad_clean ? 1 : 0;
}

} // namespace tpusim::cli
