// SPDX-License-Identifier: Apache-2.0
//
// runs.cpp - `tpusim run`: every scenario schedule in a forked child
// (SystemC elaborates once per process), up to --jobs at a time; the child
// sends its result back through a pipe.  Schedules of one scenario run in
// order and stop at its first failure.
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <cstring>
#include <exception>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "coverage.h"
#include "fork_pool.h"
#include "program_dir.h"
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

RunOptions options(const Args &a, unsigned schedule, int regs)
{
	RunOptions o;

	o.regs = regs;
	o.timing_only = a.has(Option::timing_only);

	o.seed = a.seed;
	o.seed_given = a.has(Option::seed);
	o.schedule = schedule;
	o.disabled = a.disabled;
	o.coverage = a.has(Option::coverage);
	o.fail_nth = a.fail_nth;
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

// The platform word for a register implementation ("cpp", "rtl").
std::string regs_name(int regs)
{
	return scn::platform_choices(scn::platform_table()[PlatformKey::regs]).at(static_cast<size_t>(regs));
}

// Hand one schedule of s to `program`, which hosts the driver the run
// wants: it runs the scenario file with the same options and writes the
// result to the same channel.  Returns only if the exec failed.
int hand_over(const std::string &program, const Args &a, const RunOptions &o, const Scenario &s,
	      const std::string &driver, int channel)
{
	std::vector<std::string> args{program, "run", s.file, "--schedule", std::to_string(o.schedule),
				      "--result-fd", std::to_string(channel), "--driver", driver};
	auto add = [&](const char *opt, const std::string &v) {
		if (!v.empty()) {
			args.push_back(opt);
			args.push_back(v);
		}
	};
	if (o.seed_given)
		add("--seed", std::to_string(o.seed));
	if (o.timing_only)
		args.push_back("--timing-only");
	for (Checker c : o.disabled)
		add("--disable-checker", checker_name(c));
	if (o.coverage)
		args.push_back("--coverage");
	if (o.fail_nth)
		add("--fail-nth", std::to_string(o.fail_nth));
	add("--replay", a.replay);
	if (o.regs >= 0)
		add("--regs", regs_name(o.regs));
	add("--trace", o.trace_path);
	add("--vcd", o.vcd_path);
	add("--rtl-trace", o.rtl_trace_path);
	add("--reg-log", o.reg_log_path);
	// The channel is inherited; nothing else of the parent's run state is.
	fcntl(channel, F_SETFD, 0);
	return exec_driver_program(std::move(args), driver);
}

} // namespace

int exec_driver_program(std::vector<std::string> args, const std::string &driver)
{
	std::vector<char *> argv;
	for (auto &x : args)
		argv.push_back(x.data());
	argv.push_back(nullptr);
	fflush(stdout);
	execv(args[0].c_str(), argv.data());
	fprintf(stderr, "tpusim: cannot run %s for the %s driver: %s (docs/vendor-driver.md)\n", args[0].c_str(),
		driver.c_str(), strerror(errno));
	return 2;
}

std::string driver_program(const std::string &driver)
{
	// Programs of the build tree: harness/tpusim and harness/tpusim-vendor;
	// a mutant (tests/mutants/tpusim-<name>) has no sibling.
	return program_dir() + "/" + (driver == "project" ? "tpusim" : "tpusim-" + driver);
}

std::string pinned_driver(const Scenario &s)
{
	if (!s.platform.has(PlatformKey::driver))
		return "";
	return scn::driver_words().at(static_cast<size_t>(s.platform.get(PlatformKey::driver, 0)));
}

std::string run_driver(const Args &a, const Scenario &s, const std::string &variant)
{
	// A scenario that names its driver is about that driver: it runs there
	// whatever --driver says (tpusim.cpp skips it when --driver leaves
	// that driver out).
	const std::string pinned = pinned_driver(s);
	if (!pinned.empty())
		return pinned;
	if (!variant.empty())
		return variant;
	if (a.drivers.size() == 1)
		return a.drivers[0];
	return tpusim_hosted_driver;
}

// The child: run one schedule of s and write its result to the channel.
// regs: RegImpl, or -1 for the scenario's own; reg_log: where a
// differential run keeps its register accesses.
int run_child(const Args &a, const Scenario &s, unsigned schedule, bool many, int regs, const std::string &reg_log,
	  int channel, const std::string &driver)
{
	RunOptions o = options(a, schedule, regs);
	o.trace_path = out_path(a.trace, s.name, schedule, many);
	o.vcd_path = out_path(a.vcd, s.name, schedule, many);
	o.rtl_trace_path = out_path(a.rtl_trace, s.name, schedule, many);
	o.reg_log_path = reg_log;
	o.driver = run_driver(a, s, driver);
	// A handed-over run is never handed on: the program was chosen for
	// its driver, and run_scenario refuses a mismatch.
	if (o.driver != tpusim_hosted_driver && !a.has(Option::result_fd))
		return hand_over(driver_program(o.driver), a, o, s, o.driver, channel);
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
RunResult collect_child(const ForkResult &fr, const Args &a, const Scenario &s, unsigned schedule,
			const std::string &driver)
{
	RunResult r;
	if (parse_result(fr.output, r) && fr.exited(0))
		return r;
	r = RunResult();
	r.name = s.name;
	r.file = s.file;
	r.schedule = schedule;
	r.seed = a.has(Option::seed) ? a.seed : s.seed;
	r.driver = run_driver(a, s, driver);
	r.fail_nth = a.fail_nth;
	r.pass = false;
	r.verdict = fr.timed_out ? "FAIL: simulator hung (" + fr.describe() + ")"
		    : WIFSIGNALED(fr.status) ? "FAIL: simulator crashed (" + fr.describe() + ")"
					     : "FAIL: simulator exited abnormally (" + fr.describe() + ")";
	return r;
}

ForkPoolOptions run_pool_options(unsigned jobs)
{
	ForkPoolOptions po;
	po.jobs = jobs;
	po.capture_output = false;   // children's messages stay on the terminal
	po.in_order = true;          // results in the order the runs started
	return po;
}

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
	ForkPool pool(run_pool_options(1));
	ForkResult fr;
	const int regs = a.regs.empty() ? -1 : a.regs[0];
	bool started = pool.start(0, [&](int ch) { return run_child(aa, s, schedule, false, regs, "", ch, ""); });
	if (started)
		pool.next(fr);
	if (!tmp.empty())
		unlink(tmp.c_str());
	return collect_child(fr, aa, s, schedule, "");
}

namespace {

// A differential run's register log: one per run and variant, removed
// once the runs are compared.
std::string reg_log_path(const std::string &dir, size_t run, int regs)
{
	return dir.empty() ? "" : dir + "/" + std::to_string(run) + "." + regs_name(regs) + ".log";
}

// The first line where two register logs differ, as a sentence.
std::string first_difference(const std::string &a_path, const std::string &b_path, const char *a_name,
			     const char *b_name)
{
	FILE *fa = fopen(a_path.c_str(), "r"), *fb = fopen(b_path.c_str(), "r");
	std::string out = "register logs unavailable";
	char la[256], lb[256];
	unsigned long n = 0;

	if (fa && fb) {
		out = "identical register accesses; the runs differ elsewhere (compare --trace of both)";
		for (;;) {
			bool ea = !fgets(la, sizeof(la), fa), eb = !fgets(lb, sizeof(lb), fb);
			n++;
			if (ea && eb)
				break;
			if (ea || eb || strcmp(la, lb)) {
				std::string xa = ea ? "(no more accesses)" : la, xb = eb ? "(no more accesses)" : lb;
				while (!xa.empty() && xa.back() == '\n')
					xa.pop_back();
				while (!xb.empty() && xb.back() == '\n')
					xb.pop_back();
				out = "register access #" + std::to_string(n) + ": " + a_name + " " + xa + "; " + b_name +
				      " " + xb;
				break;
			}
		}
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return out;
}

// What a thread saw, from a run's outcomes ("thread: call -> result").
std::map<std::string, std::vector<std::string>> by_thread(const RunResult &r)
{
	std::map<std::string, std::vector<std::string>> m;
	for (const std::string &o : r.outcomes)
		m[o.substr(0, o.find(": "))].push_back(o);
	return m;
}

// Where two drivers' runs of one schedule differ in what the user saw:
// each thread's calls and results in order, the checkers that fired, the
// verdict.  Timing and register accesses may differ; "" when nothing else
// does.
std::string outcome_difference(const RunResult &x, const RunResult &y)
{
	auto tx = by_thread(x), ty = by_thread(y);
	for (const auto &[thread, calls] : tx) {
		const auto &other = ty[thread];
		for (size_t i = 0; i < std::max(calls.size(), other.size()); i++) {
			const std::string a = i < calls.size() ? calls[i] : thread + ": (no more calls)";
			const std::string b = i < other.size() ? other[i] : thread + ": (no more calls)";
			if (a != b)
				return x.driver + " " + a + "; " + y.driver + " " + b.substr(b.find(": ") + 2);
		}
	}
	for (const auto &[thread, calls] : ty)
		if (!tx.count(thread) && !calls.empty())
			return x.driver + " " + thread + ": (no calls); " + y.driver + " " + calls[0];
	if (x.fired != y.fired) {
		auto list = [](const std::vector<std::string> &v) {
			std::string o;
			for (const auto &f : v)
				o += (o.empty() ? "" : ", ") + f;
			return o.empty() ? std::string("none") : o;
		};
		return "checkers fired: " + x.driver + " " + list(x.fired) + "; " + y.driver + " " + list(y.fired);
	}
	if (x.pass != y.pass)
		return "verdict: " + x.driver + " " + x.verdict + "; " + y.driver + " " + y.verdict;
	return "";
}

// Compare the variants of one schedule: with --regs cpp,rtl every variant
// must pass and all must hash the same; with --driver project,vendor what
// the user saw must be the same (the first variant is the reference).
void judge_drivers(std::vector<RunResult> &v)
{
	for (size_t i = 1; i < v.size(); i++) {
		if (!v[0].error.empty() || !v[i].error.empty())
			continue;   // a run that could not be made fails with its error
		const std::string d = outcome_difference(v[0], v[i]);
		if (d.empty())
			continue;
		v[i].pass = false;
		v[i].verdict = "FAIL: differs from the " + v[0].driver + " driver: " + d;
	}
}

void judge_variants(std::vector<RunResult> &v, const std::vector<std::string> &logs)
{
	for (size_t i = 1; i < v.size(); i++) {
		if (!v[i].pass || (v[i].trace_hash == v[0].trace_hash && v[i].reg_hash == v[0].reg_hash))
			continue;
		v[i].pass = false;
		v[i].verdict = "FAIL: differs from the " + v[0].regs + " run: " +
			       first_difference(logs[0], logs[i], v[0].regs.c_str(), v[i].regs.c_str());
	}
}

} // namespace

int run_all(const Args &a, const std::vector<Scenario> &scenarios)
{
	const bool quiet = a.has(Option::quiet);
	auto wall0 = std::chrono::steady_clock::now();
	std::vector<RunResult> results;
	ForkPool pool(run_pool_options(a.jobs));
	// One run per scenario, schedule and variant (--regs); the variants of
	// a schedule are judged together once all of them are back.
	// Variants: register implementations (--regs cpp,rtl) or drivers
	// (--driver project,vendor), never both (cli_args.cpp).
	struct Variant {
		int regs;
		std::string driver;   // "": the scenario's own
	};
	std::vector<Variant> variants;
	if (a.drivers.size() > 1)
		for (const auto &d : a.drivers)
			variants.push_back({a.regs.empty() ? -1 : a.regs[0], d});
	else if (!a.regs.empty())
		for (int r : a.regs)
			variants.push_back({r, ""});
	else
		variants.push_back({-1, ""});
	const bool differential = variants.size() > 1;
	const bool across_drivers = a.drivers.size() > 1;
	std::string log_dir;
	if (differential) {
		char tmpl[] = "/tmp/tpusim-regs-XXXXXX";
		if (!mkdtemp(tmpl)) {
			perror("tpusim: mkdtemp");
			return 2;
		}
		log_dir = tmpl;
	}
	struct Run {
		size_t scenario;
		unsigned schedule;
		size_t variant;
		size_t group;   // index into groups
	};
	struct Group {
		std::vector<RunResult> results;
		std::vector<std::string> logs;
		size_t back = 0;
	};
	std::vector<Run> runs;   // by pool id
	std::vector<Group> groups;
	size_t next = 0;
	std::vector<unsigned> sched_next(scenarios.size(), a.schedule >= 0 ? a.schedule : 0);
	std::vector<size_t> variant_next(scenarios.size(), 0);
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
			Run run{pick, sched_next[pick], variant_next[pick], 0};
			if (run.variant == 0) {
				groups.emplace_back();
				groups.back().results.resize(variants.size());
				groups.back().logs.resize(variants.size());
			}
			run.group = groups.size() - 1;
			if (++variant_next[pick] == variants.size()) {
				variant_next[pick] = 0;
				sched_next[pick]++;
				next = pick + 1;
			}
			runs.push_back(run);
			const Scenario &s = scenarios[pick];
			const Variant &var = variants[run.variant];
			const std::string log =
				across_drivers || var.regs < 0 ? "" : reg_log_path(log_dir, runs.size() - 1, var.regs);
			groups[run.group].logs[run.variant] = log;
			if (!pool.start(runs.size() - 1, [&](int ch) {
				    return run_child(a, s, run.schedule, many, var.regs, log, ch, var.driver);
			    })) {
				perror("tpusim: fork");
				return 2;
			}
		}
		ForkResult fr;
		if (!pool.next(fr))
			break;
		const Run &run = runs[fr.id];
		Group &g = groups[run.group];
		g.results[run.variant] =
			collect_child(fr, a, scenarios[run.scenario], run.schedule, variants[run.variant].driver);
		if (++g.back < variants.size())
			continue;
		if (across_drivers)
			judge_drivers(g.results);
		else if (differential)
			judge_variants(g.results, g.logs);
		for (const std::string &log : g.logs)
			if (!log.empty())
				unlink(log.c_str());
		for (RunResult &r : g.results) {
			if (differential)
				r.name += " [" + (across_drivers ? r.driver : r.regs) + "]";
			if (!r.pass)
				stopped[run.scenario] = true;
			if (!quiet)
				print_run_line(r);
			results.push_back(std::move(r));
		}
	}
	if (!log_dir.empty())
		rmdir(log_dir.c_str());
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	print_summary(results, wall, a.schedules > 1 || a.schedule >= 0);
	bool coverage_failed = false;
	if (a.has(Option::coverage)) {
		scn::Bins hit;
		for (const auto &r : results)
			hit.insert(r.coverage.begin(), r.coverage.end());
		const scn::CoverageFigures f = scn::print_coverage(hit);
		if (a.has(Option::coverage_check) &&
		    (f.reachable_percent() < scn::kCoverageGoalPercent || !f.excluded_but_hit.empty())) {
			printf("coverage check failed: reachable %.1f %% (goal %.0f %%), %zu excluded bins hit\n",
			       f.reachable_percent(), scn::kCoverageGoalPercent, f.excluded_but_hit.size());
			coverage_failed = true;
		}
	}
	if (!a.junit.empty() && !write_junit(a.junit, results))
		fprintf(stderr, "tpusim: cannot write %s\n", a.junit.c_str());
	for (const auto &r : results)
		if (!r.pass)
			return 1;
	return coverage_failed ? 1 : 0;
}

} // namespace tpusim::cli
