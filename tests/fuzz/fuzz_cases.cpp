// SPDX-License-Identifier: Apache-2.0
//
// fuzz_cases.cpp - run_cases() (fuzz_cases.h).
#include "fuzz_cases.h"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fork_pool.h"

namespace tpusim::fuzz {

static void sum_stats(const std::string &out, std::map<std::string, uint64_t> &totals)
{
	size_t pos = 0;

	while ((pos = out.find("@@stat ", pos)) != std::string::npos) {
		char key[200];
		unsigned long long v;

		if (sscanf(out.c_str() + pos, "@@stat %199s %llu", key, &v) == 2)
			totals[key] += v;
		pos += 7;
	}
}

CaseResults run_cases(const CaseOptions &o, const std::function<int(uint64_t)> &run_case,
		      const std::function<std::string(int)> &verdict_name,
		      const std::function<std::string(uint64_t)> &replay)
{
	auto t0 = std::chrono::steady_clock::now();
	CaseResults res;
	ForkPoolOptions po;

	po.jobs = o.jobs;
	po.timeout = o.timeout;
	auto one = [&](const ForkResult &r) {
		std::string why;

		sum_stats(r.output, res.totals);
		if (r.exited(o.pass_code)) {
			res.passed++;
			if (o.verbose)
				fputs(r.output.c_str(), stdout);
			fflush(stdout);
			return;
		}
		if (r.timed_out)
			why = "timeout: killed after " + std::to_string(static_cast<int>(o.timeout)) + " s wall";
		else if (WIFSIGNALED(r.status))
			why = std::string("crash: signal ") + strsignal(WTERMSIG(r.status));
		else
			why = verdict_name(WEXITSTATUS(r.status));
		printf("==== case seed %" PRIu64 " FAILED: %s\n", r.id, why.c_str());
		// The tail: a runaway case can print megabytes.
		const size_t keep = 60000;
		if (r.output.size() > keep)
			printf("...\n%s", r.output.c_str() + r.output.size() - keep);
		else
			fputs(r.output.c_str(), stdout);
		printf("==== replay: %s\n", replay(r.id).c_str());
		fflush(stdout);
		res.failures.push_back({r.id, why});
	};
	res.error = !run_forked(po, o.seed, o.cases, [&](uint64_t seed, int) { return run_case(seed); },
				[&](ForkResult &r) { one(r); });
	res.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	return res;
}

bool case_arg(const std::string &a, const ArgValue &val, CaseArgs &o)
{
	if (a == "--seed")
		o.seed = strtoull(val(), nullptr, 0);
	else if (a == "--cases")
		o.cases = strtoull(val(), nullptr, 0);
	else if (a == "--jobs")
		o.jobs = std::max(1u, static_cast<unsigned>(strtoul(val(), nullptr, 0)));
	else if (a == "--timeout")
		o.timeout = strtod(val(), nullptr);
	else if (a == "--verbose" || a == "-v")
		o.verbose = true;
	else if (a == "--no-fork")
		o.fork = false;
	else
		return false;
	return true;
}

void read_args(int argc, char **argv, void (*usage)(const char *),
	       const std::function<bool(const std::string &, const ArgValue &)> &take)
{
	for (int i = 1; i < argc; i++) {
		auto val = [&]() -> const char * {
			if (i + 1 >= argc)
				usage(argv[0]);
			return argv[++i];
		};
		if (!take(argv[i], val))
			usage(argv[0]);
	}
}

int case_main(const char *prog, const CaseArgs &o, int pass_code,
	      const std::function<int(uint64_t)> &run_case,
	      const std::function<std::string(int)> &verdict_name,
	      const std::function<std::string(uint64_t)> &replay,
	      const std::function<void(const Totals &)> &print_totals)
{
	if (!o.fork) {
		if (o.cases != 1) {
			fprintf(stderr, "--no-fork runs exactly one case (--cases 1)\n");
			return 2;
		}
		int v = run_case(o.seed);
		printf("%s\n", verdict_name(v).c_str());
		return v;
	}

	CaseOptions co = o;
	co.pass_code = pass_code;
	CaseResults pr = run_cases(co, run_case, verdict_name, replay);
	if (pr.error)
		return 2;
	printf("%s: seeds %" PRIu64 "..%" PRIu64 ": %" PRIu64 " cases, %" PRIu64
	       " passed, %zu failed in %.1f s (%.2f cases/s, %u parallel)\n",
	       prog, o.seed, o.seed + o.cases - 1, o.cases, pr.passed, pr.failures.size(), pr.wall,
	       pr.wall > 0 ? static_cast<double>(o.cases) / pr.wall : 0.0, o.jobs);
	print_totals(pr.totals);
	for (auto &f : pr.failures)
		printf("FAILED seed %" PRIu64 " (%s): replay with %s\n", f.first, f.second.c_str(),
		       replay(f.first).c_str());
	return pr.failures.empty() ? 0 : 1;
}

} // namespace tpusim::fuzz
