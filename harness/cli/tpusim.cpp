// SPDX-License-Identifier: Apache-2.0
//
// tpusim.cpp - the command line: run, check and list scenarios.
//
//   tpusim run <files|folders> [--seed S] [--schedules N] [--schedule K]
//              [--shard i/N] [--jobs N] [--junit F] [--trace F] [--vcd F]
//              [--disable-checker NAME] [--quiet]
//   tpusim check <files|folders>      validate only
//   tpusim list <files|folders>       names and descriptions
//
// Every run is a forked child (SystemC elaborates once per process); the
// child sends its result back through a pipe.  Exit status 0 when every
// run passed, 1 when one failed, 2 on usage or scenario errors.
#include <algorithm>
#include <exception>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <map>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "report.h"
#include "runner.h"
#include "scenario.h"

using namespace tpusim::scn;

namespace {

struct Cli {
	std::string cmd;
	std::vector<std::string> paths;
	uint64_t seed = 0;
	bool seed_given = false;
	unsigned schedules = 1;
	int schedule = -1;          // replay one schedule
	unsigned shard_i = 0, shard_n = 1;
	unsigned jobs = 1;
	std::string junit, trace, vcd;
	std::set<std::string> disabled;
	bool quiet = false;
};

int usage()
{
	fprintf(stderr,
		"usage: tpusim run <scenario files or folders> [--seed S] [--schedules N] [--schedule K]\n"
		"                  [--shard i/N] [--jobs N] [--junit FILE] [--trace FILE] [--vcd FILE]\n"
		"                  [--disable-checker NAME] [--quiet]\n"
		"       tpusim check <scenario files or folders>\n"
		"       tpusim list <scenario files or folders>\n");
	return 2;
}

bool parse_uint(const char *s, uint64_t &v)
{
	char *end;
	errno = 0;
	v = strtoull(s, &end, 0);
	return *s && !*end && !errno;
}

bool parse_cli(int argc, char **argv, Cli &c)
{
	if (argc < 2)
		return false;
	c.cmd = argv[1];
	for (int i = 2; i < argc; i++) {
		std::string a = argv[i];
		auto val = [&](uint64_t &v) { return i + 1 < argc && parse_uint(argv[++i], v); };
		uint64_t v;

		if (a == "--seed") {
			if (!val(c.seed))
				return false;
			c.seed_given = true;
		} else if (a == "--schedules") {
			if (!val(v) || !v)
				return false;
			c.schedules = static_cast<unsigned>(v);
		} else if (a == "--schedule") {
			if (!val(v))
				return false;
			c.schedule = static_cast<int>(v);
		} else if (a == "--jobs" || a == "-j") {
			if (!val(v) || !v)
				return false;
			c.jobs = static_cast<unsigned>(v);
		} else if (a == "--shard") {
			if (i + 1 >= argc || sscanf(argv[++i], "%u/%u", &c.shard_i, &c.shard_n) != 2 ||
			    !c.shard_n || c.shard_i >= c.shard_n)
				return false;
		} else if (a == "--junit" && i + 1 < argc) {
			c.junit = argv[++i];
		} else if (a == "--trace" && i + 1 < argc) {
			c.trace = argv[++i];
		} else if (a == "--vcd" && i + 1 < argc) {
			c.vcd = argv[++i];
		} else if (a == "--disable-checker" && i + 1 < argc) {
			c.disabled.insert(argv[++i]);
		} else if (a == "--quiet") {
			c.quiet = true;
		} else if (!a.empty() && a[0] == '-') {
			return false;
		} else {
			c.paths.push_back(a);
		}
	}
	return !c.paths.empty();
}

void collect(const std::string &path, std::vector<std::string> &out)
{
	struct stat st;

	if (stat(path.c_str(), &st)) {
		out.push_back(path);  // reported by the loader
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		out.push_back(path);
		return;
	}
	DIR *d = opendir(path.c_str());
	std::vector<std::string> names;
	while (d) {
		dirent *e = readdir(d);
		if (!e)
			break;
		std::string n = e->d_name;
		if (n == "." || n == "..")
			continue;
		std::string full = path + (path.back() == '/' ? "" : "/") + n;
		struct stat s2;
		if (!stat(full.c_str(), &s2) && S_ISDIR(s2.st_mode))
			collect(full, names);
		else if (n.size() > 5 && n.substr(n.size() - 5) == ".yaml")
			names.push_back(full);
	}
	if (d)
		closedir(d);
	std::sort(names.begin(), names.end());
	out.insert(out.end(), names.begin(), names.end());
}

struct Task {
	std::string file;
	unsigned schedule;
	pid_t pid = -1;
	int fd = -1;
	std::string out;
};

// Run one scenario schedule in a child process.
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

void start(Task &t, const Cli &c, const Scenario &s, bool many)
{
	int p[2];

	if (pipe(p))
		return;
	fflush(stdout);
	fflush(stderr);
	t.pid = fork();
	if (t.pid == 0) {
		close(p[0]);
		RunOptions o;
		o.seed = c.seed;
		o.seed_given = c.seed_given;
		o.schedule = t.schedule;
		o.disabled = c.disabled;
		o.trace_path = out_path(c.trace, s.name, t.schedule, many);
		o.vcd_path = out_path(c.vcd, s.name, t.schedule, many);
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

int main(int argc, char **argv)
{
	Cli c;

	setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
	if (!parse_cli(argc, argv, c) || (c.cmd != "run" && c.cmd != "check" && c.cmd != "list"))
		return usage();

	std::vector<std::string> files;
	for (const auto &p : c.paths)
		collect(p, files);

	// Load everything first: a mistake in any file stops the run.
	std::vector<Scenario> scenarios;
	int bad = 0;
	for (size_t i = 0; i < files.size(); i++) {
		if (i % c.shard_n != c.shard_i)
			continue;
		Scenario s;
		std::vector<Diag> diags;
		if (!load_scenario(files[i], s, diags)) {
			for (const auto &d : diags)
				fprintf(stderr, "%s\n", d.str().c_str());
			bad++;
			continue;
		}
		scenarios.push_back(std::move(s));
	}
	if (c.cmd == "check") {
		printf("%zu scenario(s) valid, %d with errors\n", scenarios.size(), bad);
		return bad ? 2 : 0;
	}
	if (c.cmd == "list") {
		for (const auto &s : scenarios) {
			std::string d = s.description.substr(0, s.description.find('\n'));
			printf("%-40s %s\n", s.name.c_str(), d.c_str());
		}
		return bad ? 2 : 0;
	}
	if (bad)
		return 2;

	auto wall0 = std::chrono::steady_clock::now();
	std::vector<RunResult> results;
	std::vector<Task> running;
	size_t next = 0;
	// Scenario-major order: schedules of one scenario run one after the
	// other and stop at the first failure.
	std::vector<unsigned> sched_next(scenarios.size(), c.schedule >= 0 ? c.schedule : 0);
	std::vector<bool> stopped(scenarios.size(), false);
	std::vector<unsigned> in_flight(scenarios.size(), 0);
	unsigned last_sched = c.schedule >= 0 ? c.schedule : c.schedules - 1;
	for (;;) {
		while (running.size() < c.jobs) {
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
			start(t, c, scenarios[pick], scenarios.size() > 1 || last_sched > 0);
			in_flight[pick]++;
			running.push_back(std::move(t));
		}
		if (running.empty())
			break;
		Task t = std::move(running.front());
		running.erase(running.begin());
		RunResult r = finish(t);
		for (size_t i = 0; i < scenarios.size(); i++)
			if (scenarios[i].file == t.file) {
				in_flight[i]--;
				if (!r.pass)
					stopped[i] = true;
			}
		if (!c.quiet)
			print_run_line(r);
		results.push_back(std::move(r));
	}
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	print_summary(results, wall, c.schedules > 1 || c.schedule >= 0);
	if (!c.junit.empty() && !write_junit(c.junit, results))
		fprintf(stderr, "tpusim: cannot write %s\n", c.junit.c_str());
	for (const auto &r : results)
		if (!r.pass)
			return 1;
	return 0;
}

// libsystemc.so has its own main() that calls sc_main; ours is unused.
extern "C" int sc_main(int, char **) { return 0; }
