// SPDX-License-Identifier: Apache-2.0
//
// abi_model.h - fuzz_abi's oracle: a specification model of the user ABI of
// /dev/cvi-tpu0, /dev/ion and ION buffer fds, written from docs/driver.md
// (errno tables, WAIT semantics, mmap windows, HEAP_QUERY), the uapi
// headers (argument layouts) and include/tpu/contract.h — never from
// driver/.  For every call the fuzzer makes, the model predicts from the
// state the call runs in the set of results the call may give; the fuzzer
// fails the case on any other result (README.md, "The ABI oracle").
//
// What the model knows:
//  - per process, the fd table and the address space, observed the way a
//    program reads /proc/self/fd and /proc/self/maps: which fd numbers are
//    open on which file (its identity and node name), which user ranges
//    are mapped.  Observed at the start and at the end of each call; with
//    the overlapping calls of sibling threads this bounds every state the
//    call can have seen (addresses are never reused, so a range readable at
//    both ends was readable throughout);
//  - every ION buffer an ALLOC returned: its file, size, physical address;
//  - per thread (tid), the jobs SUBMIT accepted and WAIT has not claimed,
//    by seq_no (the full 32 bits), and how many have an unknown seq_no.
//
// Where the documentation leaves a result open the model returns a set;
// each such place says "looseness:" below and is listed in README.md.
#ifndef TPUSIM_FUZZ_ABI_MODEL_H
#define TPUSIM_FUZZ_ABI_MODEL_H

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tpusim {
struct Process;
}

namespace tpusim::fuzz {

// What an fd number may name while a call runs.  `any`: the model cannot
// tell (a sibling thread's opaque operation overlapped the call).
enum class FdKind { closed, tpu, ion, buf, any };

struct BufRec {
	uint64_t size = 0, paddr = 0;
};

struct FdState {
	FdKind kind = FdKind::closed;
	uint64_t file_id = 0;
	const BufRec *buf = nullptr;  // a buffer the model saw allocated
};

// The results a call may give: a set of return values, each with the rule
// that allows it, and optionally "any fd number >= 0".
struct Expect {
	std::vector<std::pair<long, std::string>> rcs;
	std::string fd_why;  // non-empty: a new fd (>= 0) is allowed, because ...

	void add(long rc, const std::string &why);
	void add_fd(const std::string &why);
	void merge(const Expect &o);
	bool allows(long rc) const;
	std::string text() const;
};

// Which sibling calls a call overlapped, for the fd states it may see.
enum class OpKind { plain, close, creates_fd, opaque };

class AbiModel;

// One call in flight.  Register what it looks at (fds, user ranges)
// before the call is made, finish() right after it returns, then ask.
class Call {
public:
	void watch_fd(int fd);
	void watch_mem(uint64_t addr);
	void finish();

	// Every state fd may have had while the call ran (one entry when the
	// call raced with nothing).
	std::vector<FdState> fd_states(int fd) const;
	// Whether len bytes at addr were readable/writable: {true}, {false}
	// or {false, true} (a sibling unmapped them during the call).
	std::vector<bool> mem_ok(uint64_t addr, uint64_t len) const;
	// Whether a mapped region starts at addr (munmap).
	std::vector<bool> region_start(uint64_t addr) const;

	uint64_t tid = 0;
	bool signalled = false;  // the process received a signal (exit)
	uint64_t gbegin = 0, gend = 0;  // global ticks (every process's calls)

private:
	friend class AbiModel;
	struct FdObs {
		bool open = false;
		uint64_t id = 0;
		FdKind kind = FdKind::closed;
	};
	struct Watch {
		FdObs begin, end;
	};
	FdState state_of(const FdObs &o) const;

	AbiModel *m_ = nullptr;
	int proc_ = 0;
	uint64_t rec_ = 0;
	std::map<int, Watch> fds_;
	std::map<uint64_t, std::pair<uint64_t, uint64_t>> mem_;  // addr -> readable bytes at begin, end
	std::map<uint64_t, std::pair<bool, bool>> starts_;       // addr -> a region starts there (begin, end)
	bool overlap_opaque_ = false;
	bool submits_ = false;
	uint64_t claimed_before_ = 0;  // AbiModel::max_claimed_begin_ when the call began
	std::vector<FdKind> overlap_create_;  // what overlapping sibling calls may create
	std::vector<int> overlap_close_;
};

class AbiModel {
public:
	// One simulated machine: its DRAM window, and the processes the
	// fuzzer drives (index = the fuzzer's process index).
	void reset(uint64_t dram_base, uint64_t dram_size);
	int add_process(Process *p);

	// kind close: fd is the fd it closes; kind creates_fd: makes is the
	// kind of fd it may create (any: a dup).  submits: the call may queue
	// a job (a SUBMIT, or an opaque call that submits one).
	Call begin(int proc, uint64_t tid, OpKind kind = OpKind::plain, int fd = -1, FdKind makes = FdKind::any,
		   bool submits = false);
	void signal(int proc) { procs_.at(static_cast<size_t>(proc)).signalled = true; }

	// ---- predictions ----------------------------------------------------
	// An argument as the driver sees it: where it is and, when the model
	// knows them, the bytes there (content.size() may be shorter than the
	// struct: the rest is unknown).
	struct Arg {
		uint64_t addr = 0;
		std::vector<uint8_t> content;
		bool known = true;   // false: the bytes may have changed (DMA memory)
	};
	Expect open(const std::string &path) const;
	Expect close(const Call &c, int fd) const;
	Expect dup(const Call &c, int fd) const;
	Expect rw(const Call &c, int fd) const;
	Expect mmap(const Call &c, int fd, uint64_t len, uint64_t off) const;
	Expect munmap(const Call &c, uint64_t addr) const;
	Expect ioctl(const Call &c, int fd, unsigned cmd, const Arg &arg) const;

	// ---- what a result teaches the model ----------------------------------
	// Call c queued a job with this seq_no (known = false: the model
	// cannot tell which).  Call c claimed a job with seq_no (known = false:
	// the model cannot tell which).
	void submitted(const Call &c, uint32_t seq, bool known);
	void claimed(const Call &c, uint32_t seq, bool known);
	// WAIT returned -EFAULT although its argument was readable when it
	// began: a sibling unmapped it while WAIT slept, and the result WAIT
	// claimed may be lost (driver.md).  The thread's jobs stay possible,
	// but none is required any more.
	void maybe_lost(const Call &c) { unsure_[c.tid] = true; }
	// ALLOC returned 0: the new buffer's record.  Returns "" or what is
	// wrong with it (not a page in DRAM, overlaps a live buffer).
	std::string allocated(const Call &c, int fd, uint64_t paddr, uint64_t size);
	// mmap returned 0 at uaddr: "" or what is wrong with the mapping.
	std::string mapped(const Call &c, int fd, uint64_t uaddr, uint64_t len, uint64_t off) const;
	// HEAP_QUERY returned 0: check what it wrote (cnt, the entries, and
	// nothing past them in `room` bytes the caller zeroed).
	std::string heap_query_result(uint32_t cnt_in, uint64_t heaps, uint32_t cnt_out,
				      const std::vector<uint8_t> &heaps_after) const;

	// Jobs of tid the model knows to be outstanding with this seq_no.
	unsigned outstanding(uint64_t tid, uint32_t seq) const;
	unsigned wildcards(uint64_t tid) const;

	mutable uint64_t must_claims = 0;  // WAITs the model said must claim a job (stats)
	mutable uint64_t must_drops = 0;   // WAITs the model said must find nothing (stats)

private:
	friend class Call;
	struct OpRec {
		uint64_t id, begin, end;  // end 0: in flight
		OpKind kind;
		int fd;
		FdKind makes;
	};
	struct ProcModel {
		Process *p = nullptr;
		std::deque<OpRec> ops;
		uint64_t tick = 0, next_id = 1;
		bool signalled = false;
	};
	void end(Call &c);
	Call::FdObs observe(const ProcModel &pm, int fd) const;
	uint64_t readable_span(const ProcModel &pm, uint64_t addr) const;
	Expect ioctl_on(const Call &c, const FdState &dev, int fd, unsigned cmd, const Arg &arg) const;
	Expect tpu_ioctl(const Call &c, unsigned cmd, const Arg &arg) const;
	Expect ion_ioctl(const Call &c, unsigned cmd, const Arg &arg) const;

	uint64_t dram_base_ = 0, dram_size_ = 0;
	std::vector<ProcModel> procs_;
	std::map<uint64_t, BufRec> bufs_;                       // by file id
	// A queued job: the global ticks of its SUBMIT call.  The single
	// worker runs jobs in queue order (driver.md), so a job whose SUBMIT
	// began after J's SUBMIT ended finishes after J.
	struct JobRec {
		uint64_t tid;
		uint32_t seq;
		uint64_t sub_begin, sub_end;
		uint64_t claim_begin = 0;    // global begin tick of the WAIT that claimed it; 0: not claimed
		bool maybe_claimed = false;  // one of several with its seq_no, one of which was claimed
	};
	bool must_claim(const Call &c, uint32_t seq, std::string *why) const;
	bool must_drop(const Call &c, uint32_t seq, std::string *why) const;
	std::vector<JobRec> all_jobs_;                                     // every job SUBMIT accepted
	std::map<uint64_t, std::map<uint32_t, std::vector<size_t>>> jobs_;  // tid -> seq -> outstanding, in all_jobs_
	std::map<uint64_t, unsigned> wild_jobs_;                            // tid -> jobs of unknown seq_no
	std::map<uint64_t, bool> unsure_;   // tid: a WAIT claimed a job the model cannot name
	std::vector<uint64_t> sub_ends_;    // end tick of every accepted SUBMIT, ascending
	uint64_t gtick_ = 0;
	unsigned inflight_submits_ = 0;
	uint64_t max_claimed_begin_ = 0;    // latest SUBMIT begin of a job some WAIT claimed
};

} // namespace tpusim::fuzz

#endif
