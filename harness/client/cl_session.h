// SPDX-License-Identifier: Apache-2.0
//
// cl_session.h - the adapter between one running client and the sim-OS:
// its file descriptors, its mapped buffers and the context switch between
// the client's code and tpusim's.
//
// The client's code and tpusim's share one host thread: tpusim runs only
// inside the client's routed calls (hx_* may switch to other simulated
// threads).  So each routed call leaves the client first (its FP
// environment and stdio put aside, the simulator's restored: bf16 tests
// round toward zero) and enters it again on return.  `active` is the
// client whose code is running now; nullptr while tpusim runs, so wrapped
// calls made by anything else go to the host.
#ifndef TPUSIM_CL_SESSION_H
#define TPUSIM_CL_SESSION_H

#include <cfenv>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "cl_client.h"

namespace tpusim::client {

// A client's view of a mapping of a simulated buffer: host memory it
// reads and writes, and the bytes last exchanged with the simulation.
struct Shadow {
	uint8_t *host = nullptr;
	size_t len = 0;          // what was mapped
	size_t host_len = 0;     // page-rounded host allocation
	uint64_t uaddr = 0;      // the simulated mapping
	std::vector<uint8_t> synced;
};

class Session {
public:
	Session(const ClientSpec &spec, ClientResult &res);
	~Session();

	static Session *active;

	const ClientSpec &spec;
	ClientResult &res;
	std::jmp_buf end;        // exit(), abort() and asserts jump here

	// Switch to the client's code / back to tpusim's.
	void enter();
	void leave();
	bool inside() const { return active == this; }

	// End the client now with this status (never returns).
	[[noreturn]] void finish(int status, const std::string &failure);

	// Routed calls, from the client's code; each returns the host
	// convention (-1 with errno set) and keeps the shadows in step.
	int open(const char *path);
	int close(int hostfd);
	int ioctl(int hostfd, unsigned long req, void *arg);
	void *mmap(size_t len, int hostfd, long off);
	// [addr, addr + len) must cover a whole mapping: a part of one is
	// refused (-1, EINVAL) and fails the run, since its shadow is one
	// host allocation.
	int munmap(void *addr, size_t len);

	bool owns_fd(int hostfd) const { return fds_.count(hostfd) != 0; }
	// Whether [addr, addr + len) touches one of the client's mappings.
	bool owns_map(const void *addr, size_t len) const { return map_in(addr, len) != maps_.end(); }
	bool is_device(const char *path);

	// clock() and the C library's random state, per client.
	long clock_now();
	long random_next();
	void random_seed(unsigned seed);

	// Close and unmap what the client left (its end, as at process exit).
	void release_all();

	FILE *stream() const { return stream_; }

private:
	// The client's stores since the last exchange, as user stores; then,
	// after the call, what a CPU load would now see.
	void push();
	void pull();
	long routed_ioctl(int simfd, unsigned cmd, void *arg);
	int placeholder(int simfd);
	long done(long rc);     // -errno -> -1 with errno, after enter()
	// One routed call: leave the client, push its stores, make the call
	// (a -errno or a result), refresh its shadows; still left on return.
	template <class Call> long routed(Call call)
	{
		leave();
		push();
		res.calls++;
		long rc = call();
		pull();
		return rc;
	}
	uint64_t scratch(size_t len);
	void count_failure(unsigned cmd, long rc);
	std::map<uintptr_t, Shadow>::const_iterator map_in(const void *addr, size_t len) const;

	std::map<int, int> fds_;                 // host placeholder fd -> simulated fd
	std::map<uintptr_t, Shadow> maps_;       // by host address
	std::fenv_t client_env_{}, sim_env_{};
	FILE *stream_ = nullptr;
	FILE *saved_out_ = nullptr, *saved_err_ = nullptr;
	// A C++ client's std::cout, std::cerr and std::clog write through
	// this into stream_ (they do not follow the stdout pointer).
	std::unique_ptr<std::streambuf> cxx_buf_;
	std::streambuf *saved_cout_ = nullptr, *saved_cerr_ = nullptr, *saved_clog_ = nullptr;
	uint64_t start_ns_ = 0;
	uint64_t clock_calls_ = 0;
	uint64_t scratch_ = 0;
	size_t scratch_len_ = 0;
	char rnd_state_[128] = {};
	struct random_data rnd_ {};
	unsigned fail_cmd_ = 0;
	long fail_rc_ = 0;
	unsigned fail_streak_ = 0;
};

} // namespace tpusim::client

#endif
