// SPDX-License-Identifier: Apache-2.0
//
// fork_pool.h - run fuzz cases, one forked child per case (SystemC
// elaborates once per process), `jobs` at a time, each with a wall-clock
// limit.  A child reports through its exit status (pass_code = passed) and
// "@@stat <key> <n>" lines on stdout, summed into totals.  Shared by
// fuzz_abi and fuzz_model.
#ifndef TPUSIM_FUZZ_FORK_POOL_H
#define TPUSIM_FUZZ_FORK_POOL_H

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <poll.h>
#include <signal.h>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tpusim::fuzz {

// Leave a child without atexit handlers or static destructors (the SystemC
// kernel stays elaborated).  Not through _exit(): ASan instruments calls to
// noreturn functions and, after the coroutine switches, warns about the
// stack it finds ("ignoring requested __asan_handle_no_return").
inline void quick_exit_child(int code)
{
	syscall(SYS_exit_group, code);
}

struct PoolOptions {
	uint64_t seed = 1, cases = 1;
	unsigned jobs = 1;
	double timeout = 60;
	bool verbose = false;
	int pass_code = 0;
};

struct PoolResult {
	uint64_t passed = 0;
	std::vector<std::pair<uint64_t, std::string>> failures;  // seed, why
	std::map<std::string, uint64_t> totals;
	double wall = 0;
	bool error = false;                                      // pipe/fork failed
};

// Runs run_case(seed) for seeds seed .. seed+cases-1.  A failing case's
// output is printed with replay(seed), the command that reruns it.
inline PoolResult run_fork_pool(const PoolOptions &o, const std::function<int(uint64_t)> &run_case,
				const std::function<std::string(int)> &verdict_name,
				const std::function<std::string(uint64_t)> &replay)
{
	struct Child {
		pid_t pid;
		int fd;
		uint64_t seed;
		std::string out;
		std::chrono::steady_clock::time_point t0;
		bool killed = false;
	};
	auto t_start = std::chrono::steady_clock::now();
	std::vector<Child> running;
	PoolResult r;
	uint64_t next = 0;

	auto finish = [&](Child &ch, int status) {
		bool ok = !ch.killed && WIFEXITED(status) && WEXITSTATUS(status) == o.pass_code;
		std::string what;
		if (ch.killed)
			what = "timeout: killed after " + std::to_string(static_cast<int>(o.timeout)) + " s wall";
		else if (WIFSIGNALED(status))
			what = std::string("crash: signal ") + strsignal(WTERMSIG(status));
		else
			what = verdict_name(WEXITSTATUS(status));
		size_t pos = 0;
		while ((pos = ch.out.find("@@stat ", pos)) != std::string::npos) {
			char key[200];
			unsigned long long v;
			if (sscanf(ch.out.c_str() + pos, "@@stat %199s %llu", key, &v) == 2)
				r.totals[key] += v;
			pos += 7;
		}
		if (ok) {
			r.passed++;
			if (o.verbose)
				fputs(ch.out.c_str(), stdout);
		} else {
			printf("==== case seed %" PRIu64 " FAILED: %s\n", ch.seed, what.c_str());
			std::string tail = ch.out.size() > 60000 ? "...\n" + ch.out.substr(ch.out.size() - 60000) : ch.out;
			fputs(tail.c_str(), stdout);
			printf("==== replay: %s\n", replay(ch.seed).c_str());
			r.failures.push_back({ch.seed, what});
		}
		fflush(stdout);
	};

	while (next < o.cases || !running.empty()) {
		while (next < o.cases && running.size() < o.jobs) {
			int p[2];
			if (pipe(p)) {
				perror("pipe");
				r.error = true;
				return r;
			}
			fflush(stdout);
			fflush(stderr);
			uint64_t seed = o.seed + next++;
			pid_t pid = fork();
			if (pid < 0) {
				perror("fork");
				r.error = true;
				return r;
			}
			if (pid == 0) {
				close(p[0]);
				dup2(p[1], 1);
				dup2(p[1], 2);
				close(p[1]);
				int v = run_case(seed);
				fflush(stdout);
				fflush(stderr);
				quick_exit_child(v);
			}
			close(p[1]);
			fcntl(p[0], F_SETFL, O_NONBLOCK);
			running.push_back({pid, p[0], seed, "", std::chrono::steady_clock::now()});
		}
		std::vector<pollfd> pf;
		for (auto &ch : running)
			pf.push_back({ch.fd, POLLIN, 0});
		poll(pf.data(), pf.size(), 200);
		for (size_t i = 0; i < running.size();) {
			Child &ch = running[i];
			char buf[65536];
			ssize_t n;
			bool eof = false;
			while ((n = read(ch.fd, buf, sizeof(buf))) > 0) {
				ch.out.append(buf, static_cast<size_t>(n));
				if (ch.out.size() > (8u << 20))
					ch.out.erase(0, ch.out.size() - (4u << 20));
			}
			if (n == 0)
				eof = true;
			double age = std::chrono::duration<double>(std::chrono::steady_clock::now() - ch.t0).count();
			if (!eof && age > o.timeout && !ch.killed) {
				kill(ch.pid, SIGKILL);
				ch.killed = true;
			}
			if (eof || ch.killed) {
				int status = 0;
				waitpid(ch.pid, &status, 0);
				if (!eof)
					while ((n = read(ch.fd, buf, sizeof(buf))) > 0)
						ch.out.append(buf, static_cast<size_t>(n));
				close(ch.fd);
				finish(ch, status);
				running.erase(running.begin() + static_cast<long>(i));
				continue;
			}
			i++;
		}
	}
	r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
	return r;
}

} // namespace tpusim::fuzz

#endif
