// SPDX-License-Identifier: Apache-2.0
//
// fork_pool.cpp - ForkPool (fork_pool.h).
#include "fork_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace tpusim {

using Clock = std::chrono::steady_clock;

struct ForkPool::Kid {
	ForkResult r;
	pid_t pid = -1;
	int fd = -1;                 // read end of the channel; -1 once at EOF
	Clock::time_point t0;
	bool reaped = false;
};

void exit_child(int code)
{
	fflush(stdout);
	fflush(stderr);
	syscall(SYS_exit_group, code);
}

bool ForkResult::exited(int code) const
{
	return !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

std::string ForkResult::describe() const
{
	if (timed_out)
		return "timeout: killed after " + std::to_string(static_cast<long>(wall)) + " s wall";
	if (WIFSIGNALED(status))
		return std::string("signal ") + strsignal(WTERMSIG(status));
	if (WIFEXITED(status))
		return "exit " + std::to_string(WEXITSTATUS(status));
	return "status " + std::to_string(status);
}

ForkPool::ForkPool(const ForkPoolOptions &o) : o_(o), jobs_(o.jobs ? o.jobs : 1) {}

ForkPool::~ForkPool()
{
	for (auto &k : kids_) {
		if (!k->reaped) {
			kill(k->pid, SIGKILL);
			waitpid(k->pid, nullptr, 0);
		}
		if (k->fd >= 0)
			close(k->fd);
	}
}

bool ForkPool::start(uint64_t id, const ChildFn &fn)
{
	int p[2];

	if (pipe(p))
		return false;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		errno = e;
		return false;
	}
	if (pid == 0) {
		// The other children's channels are the parent's business.
		for (auto &k : kids_)
			if (k->fd >= 0)
				close(k->fd);
		close(p[0]);
		int channel = p[1];
		if (o_.capture_output) {
			dup2(p[1], STDOUT_FILENO);
			dup2(p[1], STDERR_FILENO);
			close(p[1]);
			channel = STDOUT_FILENO;
		}
		exit_child(fn(channel));
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	auto k = std::make_unique<Kid>();
	k->r.id = id;
	k->pid = pid;
	k->fd = p[0];
	k->t0 = Clock::now();
	kids_.push_back(std::move(k));
	return true;
}

// Read what the child wrote so far; at EOF close the channel.
void ForkPool::drain(Kid &k)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(k.fd, buf, sizeof(buf))) > 0) {
		k.r.output.append(buf, static_cast<size_t>(n));
		if (k.r.output.size() > o_.max_output) {
			k.r.output.erase(0, k.r.output.size() - o_.max_output / 2);
			k.r.truncated = true;
		}
	}
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(k.fd);
		k.fd = -1;
	}
}

void ForkPool::reap(Kid &k)
{
	int status = 0;

	while (waitpid(k.pid, &status, 0) < 0 && errno == EINTR)
		;
	k.r.status = status;
	k.r.wall = std::chrono::duration<double>(Clock::now() - k.t0).count();
	k.reaped = true;
}

// One round: read every open channel, reap the children whose channel
// closed, kill the ones past their budget.
void ForkPool::poll_once(int timeout_ms)
{
	std::vector<pollfd> pf;
	std::vector<Kid *> who;

	for (auto &k : kids_)
		if (k->fd >= 0) {
			pf.push_back({k->fd, POLLIN, 0});
			who.push_back(k.get());
		}
	if (!pf.empty())
		poll(pf.data(), pf.size(), timeout_ms);
	for (Kid *k : who) {
		drain(*k);
		if (k->fd < 0) {
			reap(*k);
			continue;
		}
		double age = std::chrono::duration<double>(Clock::now() - k->t0).count();
		if (o_.timeout > 0 && age > o_.timeout) {
			kill(k->pid, SIGKILL);
			k->r.timed_out = true;
			reap(*k);
			// The child is gone: take what it left in the pipe.
			fcntl(k->fd, F_SETFL, 0);
			drain(*k);
			if (k->fd >= 0) {
				close(k->fd);
				k->fd = -1;
			}
		}
	}
}

bool ForkPool::next(ForkResult &r)
{
	for (;;) {
		if (kids_.empty())
			return false;
		auto it = kids_.begin();
		if (!o_.in_order)
			while (it != kids_.end() && !(*it)->reaped)
				++it;
		if (it != kids_.end() && (*it)->reaped) {
			r = std::move((*it)->r);
			kids_.erase(it);
			return true;
		}
		poll_once(200);
	}
}

bool run_forked(const ForkPoolOptions &o, uint64_t first, uint64_t count,
		const std::function<int(uint64_t id, int channel)> &fn,
		const std::function<void(ForkResult &)> &done)
{
	ForkPool pool(o);
	ForkResult r;
	uint64_t next = 0;
	bool ok = true;

	while (ok && next < count) {
		while (ok && next < count && !pool.full()) {
			uint64_t id = first + next++;
			if (!pool.start(id, [&fn, id](int ch) { return fn(id, ch); })) {
				perror("tpusim: fork pool");
				ok = false;
			}
		}
		if (pool.next(r))
			done(r);
	}
	while (pool.next(r))
		done(r);
	return ok;
}

} // namespace tpusim
