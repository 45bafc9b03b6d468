// SPDX-License-Identifier: Apache-2.0
//
// cl_client.h - user programs nobody on the project wrote, run unmodified
// as simulated user processes (docs/clients.md).
//
// A client is a program relinked as a shared object with -Wl,--wrap for
// each symbol of wrapped-symbols.txt (cmake/client.cmake).  tpusim loads it
// and calls its main() on a simulated user thread.  Its open/close/ioctl/
// mmap/munmap of device nodes reach the sim-OS through the adapter
// (cl_adapter.cpp): the client sees host file descriptors that stand for
// simulated ones, and host buffers that stand for its mappings of DMA
// memory, kept in step with the simulation at every call.  clock() runs on
// virtual time and rand() on a state of the client's own, so runs repeat;
// exit(), abort() and failed asserts end the client, not tpusim.
#ifndef TPUSIM_CLIENT_H
#define TPUSIM_CLIENT_H

#include <cstdint>
#include <string>
#include <vector>

namespace tpusim::client {

struct ClientSpec {
	std::string program;              // a client module: path, or name under the client folder
	std::vector<std::string> args;    // argv[1..]
	// An extended regular expression (case-insensitive): an output line
	// that matches it fails the run even when the exit status is 0.
	std::string fail_pattern;
	uint64_t clock_base = 0;          // clock() at the client's start (1 us ticks; Session::clock_now)
	bool echo = false;                // copy the client's output to stdout as it comes
	// The same ioctl failing with the same error this many times in a row
	// ends the client (a runtime that retries forever, e.g. WAIT).
	unsigned retry_limit = 100;
};

struct ClientResult {
	bool loaded = false;              // the module was found and linked
	int status = -1;                  // exit status: main's return or exit()'s, 134 on abort
	std::string output;               // stdout and stderr, interleaved
	std::string failure;              // "" when the verdict is pass
	uint64_t calls = 0;               // routed calls (open, close, ioctl, mmap, munmap)
	uint64_t ioctls = 0;
	uint64_t bytes_pushed = 0;        // the client's stores replayed into user memory
};

// Find the module a ClientSpec::program names: a path as given, else
// NAME or NAME.so in $TPUSIM_CLIENT_PATH (':'-separated), else in the build
// tree's clients/ next to the program's folder.  "" when there is none.
std::string find_client(const std::string &program);
// What to say when find_client finds nothing.
std::string no_client(const std::string &program);

// Run the client to its end on the calling simulated user thread, in its
// process.  Whatever the client left open or mapped is closed and unmapped
// when it ends, as at process exit.
ClientResult run_client(const ClientSpec &s);

// The last n lines of a client's output on one line, '|' between them
// (for a failure message).
std::string last_lines(const std::string &output, unsigned n);

} // namespace tpusim::client

#endif
