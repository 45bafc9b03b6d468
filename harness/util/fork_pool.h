// SPDX-License-Identifier: Apache-2.0
//
// fork_pool.h - run work in forked children, a few at a time.
//
// SystemC elaborates once per process, so every simulation that must not
// share a kernel with another (a scenario run, a fuzz case, a bench
// machine) runs in a child of its own.  The pool forks them, collects what
// each writes to its channel (a pipe to the parent), kills a child that
// overruns its wall-clock budget and reports how each one ended.  No
// SystemC, no test code: the tpusim CLI, the fuzzers and the benches share
// it.
#ifndef TPUSIM_UTIL_FORK_POOL_H
#define TPUSIM_UTIL_FORK_POOL_H

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace tpusim {

struct ForkPoolOptions {
	unsigned jobs = 1;            // children alive at once (at least 1)
	double timeout = 0;           // wall seconds per child; 0 = no limit
	// true: the child's stdout and stderr are its channel; false: they stay
	// the parent's, and the child writes to the channel fd it is given.
	bool capture_output = true;
	// true: next() hands children back in the order they were started
	// (deterministic reports); false: as they finish.
	bool in_order = false;
	// Output kept per child: past this, only the last half is kept.
	size_t max_output = size_t(8) << 20;
};

// How one child ended.
struct ForkResult {
	uint64_t id = 0;              // the id given to start()
	int status = 0;               // waitpid() status
	bool timed_out = false;       // killed (SIGKILL) after options.timeout
	bool truncated = false;       // output lost its head (max_output)
	std::string output;           // everything it wrote to its channel
	double wall = 0;              // seconds from fork to reaping

	// Exited normally with this code.
	bool exited(int code) const;
	// "exit 3", "signal Segmentation fault", "timeout: killed after 120 s".
	std::string describe() const;
};

class ForkPool {
public:
	// The child's work: returns its exit code.  channel is the fd the
	// child writes its result to (its stdout when output is captured).
	using ChildFn = std::function<int(int channel)>;

	explicit ForkPool(const ForkPoolOptions &o);
	~ForkPool();  // kills and reaps every child still pending
	ForkPool(const ForkPool &) = delete;
	ForkPool &operator=(const ForkPool &) = delete;

	// Fork a child that runs fn and exits with its result, without atexit
	// handlers or static destructors (a simulation kernel stays
	// elaborated).  stdout and stderr are flushed first, so nothing
	// buffered is written twice.  false when pipe() or fork() failed
	// (errno tells why); start() never blocks, even when full().
	bool start(uint64_t id, const ChildFn &fn);

	// Children started and not yet handed back by next().
	size_t pending() const { return kids_.size(); }
	bool full() const { return pending() >= jobs_; }

	// Wait for the next child (see ForkPoolOptions::in_order) and hand it
	// back; false when none is pending.
	bool next(ForkResult &r);

private:
	struct Kid;

	void poll_once(int timeout_ms);
	void drain(Kid &k);
	void reap(Kid &k);

	ForkPoolOptions o_;
	size_t jobs_;
	std::deque<std::unique_ptr<Kid>> kids_;  // in start order
};

// Run fn(id) for id = first .. first + count - 1 in children, jobs at a
// time, handing each result to done() as next() returns it.  false when a
// fork failed (the children already started are still collected).
bool run_forked(const ForkPoolOptions &o, uint64_t first, uint64_t count,
		const std::function<int(uint64_t id, int channel)> &fn,
		const std::function<void(ForkResult &)> &done);

// Leave the process now with code, flushing stdio first: what a forked
// child does instead of returning from main().  exit_group directly, not
// _exit(): ASan instruments calls to noreturn functions and warns about
// the coroutine stacks it then finds.
void exit_child(int code);

} // namespace tpusim

#endif
