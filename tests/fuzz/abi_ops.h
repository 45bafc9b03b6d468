// SPDX-License-Identifier: Apache-2.0
//
// abi_ops.h - the system-call operations of the ABI fuzzers, shared by
// fuzz_abi (seeded, a fork per case) and tests/libfuzzer/fuzz_abi_seq
// (coverage-guided, in process): open / close / dup / ioctl (TPU and ION)
// / mmap / munmap / read / write / user memory / sleep / process exit,
// with random and boundary arguments, each call checked against the
// errnos its ABI allows and against the ABI model (abi_model.h).
//
// Every operation runs in a simulated user thread (TState) of a fuzzed
// process (PState) and takes its decisions from the thread's Choices:
// a seeded generator (fuzz_abi), or the bytes of a libFuzzer input.
// What the operations find goes to the current AbiRun (set_abi_run()).
#ifndef TPUSIM_FUZZ_ABI_OPS_H
#define TPUSIM_FUZZ_ABI_OPS_H

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "abi_model.h"
#include "rng.h"

namespace tpusim {
struct Process;
struct SimThread;
}

namespace tpusim::fuzz {

// A libFuzzer input read front to back as the operations ask for
// decisions; every thread of a case shares it.  Past its end every read
// gives zeros.
class ByteSource {
public:
	ByteSource(const uint8_t *data, size_t size) : d_(data), n_(size) {}
	// nbytes (at most 8) as a little-endian number.
	uint64_t take(unsigned nbytes)
	{
		uint64_t v = 0;
		for (unsigned i = 0; i < nbytes; i++, pos_++)
			if (pos_ < n_)
				v |= static_cast<uint64_t>(d_[pos_]) << (8 * i);
		return v;
	}
	bool exhausted() const { return pos_ >= n_; }
	size_t pos() const { return pos_; }

private:
	const uint8_t *d_;
	size_t n_;
	size_t pos_ = 0;
};

// Where an operation's decisions come from.  Seeded, it is exactly the
// suites' Rng (fuzz_abi's cases and regressions replay unchanged).  On a
// ByteSource: below(n) reads 1 byte for n <= 256, 2 for n <= 65536, else
// 4, modulo n; chance(p) is below(100) < p; u32() and next() read 4 and 8
// bytes (so libFuzzer's comparison tracing can put constants there);
// fill() reads one byte, the seed of the filler (junk content stays
// short).
class Choices {
public:
	explicit Choices(uint64_t seed) : rng_(seed) {}
	explicit Choices(ByteSource *src) : rng_(1), src_(src) {}

	uint64_t next() { return src_ ? src_->take(8) : rng_.next(); }
	uint32_t u32() { return src_ ? static_cast<uint32_t>(src_->take(4)) : rng_.u32(); }
	uint32_t below(uint32_t n)
	{
		if (!src_)
			return rng_.below(n);
		if (!n)
			return 0;
		return static_cast<uint32_t>(src_->take(n <= 256 ? 1 : n <= 65536 ? 2 : 4) % n);
	}
	bool chance(unsigned pct) { return below(100) < pct; }
	template <typename T> T pick(std::initializer_list<T> l)
	{
		return *(l.begin() + below(static_cast<uint32_t>(l.size())));
	}
	void fill(void *p, size_t n)
	{
		if (!src_) {
			rng_.fill(p, n);
			return;
		}
		Rng f(src_->take(1) * 0x100000001B3ull + src_->pos());
		f.fill(p, n);
	}
	void fill(std::vector<uint8_t> &v) { fill(v.data(), v.size()); }

private:
	Rng rng_;
	ByteSource *src_ = nullptr;
};

struct BufInfo {
	int fd;
	uint64_t paddr, size;
};

struct MapInfo {
	uint64_t uaddr, len, paddr;  // paddr 0: not known
	bool cmdbuf_ok;              // paddr known and 4 KiB aligned
};

struct PState {
	int index = 0;
	Process *proc = nullptr;
	std::vector<SimThread *> threads;
	bool dying = false;
	std::vector<int> tpu_fds, ion_fds, closed_fds, other_fds;
	std::vector<BufInfo> bufs;
	std::vector<MapInfo> maps;
	std::vector<std::pair<uint64_t, size_t>> heaps;  // live user heap regions
	std::vector<uint64_t> dead_addrs;                // unmapped / freed addresses
	// --avoid: fds named by a SUBMIT in flight, and fds being closed.
	// Each side checks the other's list and adds to its own with no
	// system call in between, before its own call: a close and a SUBMIT
	// of one fd never overlap.
	std::vector<int> pinned_fds, closing_fds;
	// --avoid: arguments of a TPU ioctl in flight, and regions being
	// freed or unmapped (the same rule as the two fd lists above).
	std::vector<uint64_t> pinned_args, freeing_args;
};

struct TState {
	PState *ps = nullptr;
	int index = 0;
	Choices r{1};
	unsigned ops = 0, done_ops = 0;
	unsigned slow_waits = 2;          // WAITs that may time out (10 s virtual each)
	std::vector<uint32_t> submitted;  // seq_nos of jobs this thread submitted
	std::deque<std::string> log;      // last operations, for the failure report
	uint32_t next_seq = 1;
	uint64_t tid = 0;
};

// Input classes a run can keep its calls away from (fuzz_abi --avoid
// NAME), so that a search goes on past a known finding every case would
// otherwise hit first.  X(id, "name", "what is not generated").
#define TPUSIM_FUZZ_AVOID(X)                                                                         \
	X(submit_bad_fd, "submit-bad-fd",                                                             \
	  "SUBMIT_DMABUF whose fd is not an ION buffer open in the calling process, or whose "        \
	  "argument lies in a buffer mapping (its bytes may change under the call); while a SUBMIT "  \
	  "runs, no sibling thread closes the fd it names")                                            \
	X(tpu_bad_arg, "tpu-bad-arg",                                                                 \
	  "TPU ioctl (magic 'p') whose argument is not a private heap region of at least the "        \
	  "command's size (a failed copy: vendor F3, F4); while the call runs, no sibling frees or "  \
	  "unmaps that region")                                                                       \
	X(wait_nothing_queued, "wait-nothing-queued",                                                 \
	  "WAIT_DMABUF for a seq_no of which the thread has no job outstanding, and every WAIT_PIO "  \
	  "(a driver whose WAIT has no timeout, vendor P1, sleeps for ever)")                         \
	X(long_burst, "long-burst",                                                                   \
	  "bursts of more than 12 SUBMITs in a row, so that the fuzz threads' jobs stay well under "  \
	  "100 queued (the vendor's throttle, F1, sleeps for ever beyond)")                         \
	X(desc_count_past_end, "desc-count-past-end",                                                 \
	  "stores into a buffer mapping that write a command buffer header's segment count "         \
	  "(`cpu_desc_count`) larger than the mapping holds: the count is cut to what fits (a "       \
	  "driver that does not bound it reads past the buffer, vendor F22)")

enum class Avoid : unsigned {
#define TPUSIM_X(id, name, what) id,
	TPUSIM_FUZZ_AVOID(TPUSIM_X)
#undef TPUSIM_X
};
// false when name is no class of TPUSIM_FUZZ_AVOID.
bool avoid_by_name(const std::string &name, Avoid &out);
// "  name  what" per class, one a line (for a usage message).
std::string avoid_classes_help();

// What the operations of one case report to.
struct AbiRun {
	bool verbose = false;   // every operation to stderr as it is made
	bool oracle = true;     // check every result against the ABI model
	unsigned avoid = 0;     // 1 << Avoid: input classes not generated
	// Job results (WAIT's ret) a hosted driver documents besides the
	// contract's 0, -EINVAL, -EFAULT, -ETIMEDOUT, -EIO (--allow-job-result).
	std::vector<int> job_results_ok;
	bool avoids(Avoid a) const { return avoid & (1u << static_cast<unsigned>(a)); }
	std::map<std::string, uint64_t> stats;
	std::vector<std::string> abi_errors;   // one line per broken contract
	AbiModel model;         // the oracle (abi_model.h)
};

void set_abi_run(AbiRun *run);

// A line in t's log of recent operations (and on stderr when verbose).
void oplog(TState &t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bump(const std::string &k, uint64_t n = 1);
// "0", "positive" or the errno's name ("-EINVAL").
const char *errname(long rc);

// ---- the operations (each one call or a few) ------------------------------
void op_open(TState &t);
void op_close(TState &t);
void op_dup(TState &t);
void op_ion_alloc(TState &t);
void op_ion_misc(TState &t);         // FREE, IMPORT, HEAP_QUERY, unknown commands
void op_mmap(TState &t);
void op_munmap(TState &t);
void op_write_mapping(TState &t);    // stores (a cmdbuf image or junk), maybe FLUSH
void op_read_mapping(TState &t);
void op_tpu_ioctl(TState &t);        // SUBMIT, WAIT, FLUSH/INVLD(_FD), the rest
void op_rw(TState &t);
void op_heap(TState &t);
void op_sleep(TState &t);
void op_valid_job(TState &t);        // a whole job through the runtime
void op_burst(TState &t);            // 20..130 SUBMITs in a row
// Process exit: signal the siblings, wait for them, close every fd.
void op_exit(TState &t);

// Block (without a hart) until thread s has ended.
void join(SimThread *s);
// Checkers whose findings random garbage legitimately causes.
bool expected_checker(const std::string &name);

} // namespace tpusim::fuzz

#endif
