// SPDX-License-Identifier: Apache-2.0
//
// fuzz_abi_seq.cpp - libFuzzer target: system-call sequences against the
// real drivers (/dev/cvi-tpu0, /dev/ion, ION buffer fds) on one simulated
// machine that lives as long as the fuzzer, judged call by call by the ABI
// model of tests/fuzz (abi_model.h).
//
// Input: byte 0 the number of processes (1 + b % 2), byte 1 the user
// threads per process (1 + b % 2); the rest is the stream of decisions the
// operations of tests/fuzz/abi_ops.h take (Choices): for each operation a
// byte picks it (kOps below, b % 16), then its own decisions follow
// (README.md, "fuzz_abi_seq").  The threads take operations from the one
// stream as they come to run; a thread stops when the stream ends, when
// its process exits, or after kMaxOps operations of the input.
//
// SystemC elaborates once per process: the first input builds the
// tpusim::Host (the drivers probe at boot).  Each input then spawns fresh
// processes and threads and a reset thread, and runs the simulation with
// sc_start() until the reset thread calls sc_pause().  The reset thread
// waits for the user threads, exits every process of the input (closing
// its fds, unmapping everything), removes both drivers, checks that
// nothing is left (kernel allocations, DMA buffers, files, kernel objects,
// clock enables: Host's shutdown checks), and probes the drivers again.
// So every input starts with freshly probed drivers: no queued or
// finished job, no buffer of an earlier input.  What stays: DRAM contents,
// the engines' registers, virtual time, the DMA allocator's position.
//
// An input fails (abort(), so libFuzzer writes it out as a crash) when a
// call's result is not one its ABI allows or not what the ABI model
// predicts, when a checker finds something that garbage does not explain
// (expected_checker()), when the reset finds a leak or the reprobe fails,
// or when the simulation stops before the reset thread is done (deadlock).
// FUZZ_ABI_SEQ_VERBOSE=1 prints every operation as it is made.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "abi_ops.h"
#include "dma_alloc.h"
#include "host.h"
#include "tpu/hx_sys.h"
#include "vfs.h"

extern "C" {
#include "tpu/driver.h"
#include "tpu/hwcfg.h"
}

using namespace tpusim;
using namespace tpusim::fuzz;

namespace {

// Operations per input at most (all threads together): bounds the time an
// input takes.
constexpr unsigned kMaxOps = 64;

// The operation a byte picks.
void (*const kOps[])(TState &) = {
	op_open,      op_close,        op_dup,         op_ion_alloc, op_ion_misc, op_mmap,
	op_munmap,    op_write_mapping, op_read_mapping, op_tpu_ioctl, op_rw,       op_heap,
	op_sleep,     op_valid_job,    op_burst,       op_exit,
};
constexpr unsigned kNumOps = sizeof(kOps) / sizeof(kOps[0]);
static_assert(kNumOps == 16, "README.md documents 16 operations");

struct SeqCase {
	explicit SeqCase(const uint8_t *data, size_t size) : src(data, size) {}
	ByteSource src;
	unsigned ops_left = kMaxOps;
	AbiRun run;
	std::vector<std::unique_ptr<PState>> procs;
	std::vector<std::unique_ptr<TState>> threads;
	std::vector<SimThread *> users;
	SimThread *reset = nullptr;
	std::vector<std::string> reset_errors;
};

Host &machine()
{
	static Host *h = [] {
		sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
		sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
		HostConfig cfg;
		// One hart, no schedule exploration: a run is a function of
		// the input (and of what earlier inputs left in DRAM).
		cfg.os.harts = 1;
		cfg.os.perturb = 0;
		// fuzz_abi's poll step: a stalled TIU poll costs 2e5 MMIO reads,
		// not 1e8 (tests/fuzz/fuzz_abi.cpp, Options::relax_ns).
		cfg.os.relax_step = sc_core::sc_time(50, sc_core::SC_US);
		// The reset thread below checks after every input instead.
		cfg.shutdown_checks = false;
		// Never destroyed: SystemC elaborates once per process.
		return new Host(cfg);
	}();
	return *h;
}

int seq_thread(SeqCase &c, TState &t)
{
	t.tid = hx_gettid();
	while (!t.ps->dying && !c.src.exhausted() && c.ops_left) {
		c.ops_left--;
		kOps[t.r.below(kNumOps)](t);
		t.done_ops++;
		bump("ops");
	}
	return 0;
}

void reset_error(SeqCase &c, const std::string &e)
{
	c.reset_errors.push_back(e);
}

int reset_main(SeqCase &c, Host &h)
{
	SimOs &os = h.os;

	for (SimThread *s : c.users)
		join(s);
	for (const auto &ps : c.procs)
		os.vfs().exit_process(ps->proc);
	tpu_drv_remove();
	ion_drv_remove();
	if (!os.kallocs().empty())
		reset_error(c, std::to_string(os.kallocs().size()) + " kernel allocation(s) live after driver removal");
	if (os.dma().live_count())
		reset_error(c, std::to_string(os.dma().live_count()) +
				       " DMA buffer(s) allocated after every fd closed and the drivers removed");
	if (os.vfs().live_files())
		reset_error(c, std::to_string(os.vfs().live_files()) + " file(s) referenced after every process exited");
	std::string kobjs = os.live_kobjs();
	if (!kobjs.empty())
		reset_error(c, "kernel objects live after driver removal: " + kobjs);
	for (const auto &kv : os.clk_enables())
		if (kv.second)
			reset_error(c, kv.first + " enable count " + std::to_string(kv.second) + " after driver removal");
	int rc = ion_drv_probe();
	if (!rc) {
		rc = tpu_drv_probe();
		if (rc)
			reset_error(c, "tpu driver probe failed again: " + std::to_string(rc));
	} else {
		reset_error(c, "ion driver probe failed again: " + std::to_string(rc));
	}
	sc_core::sc_pause();
	return 0;
}

[[noreturn]] void fail(Host &h, SeqCase &c, const std::string &why)
{
	fprintf(stderr, "fuzz_abi_seq: FAIL: %s\n", why.c_str());
	for (const auto &e : c.run.abi_errors)
		fprintf(stderr, "  abi: %s\n", e.c_str());
	for (const auto &e : c.reset_errors)
		fprintf(stderr, "  reset: %s\n", e.c_str());
	fprintf(stderr, "last operations of each thread:\n");
	for (const auto &ts : c.threads)
		for (const auto &l : ts->log)
			fprintf(stderr, "  %s\n", l.c_str());
	std::string blocked = h.os.blocked_report();
	if (!blocked.empty())
		fprintf(stderr, "blocked threads:\n%s\n", blocked.c_str());
	abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Host &h = machine();
	static const bool verbose = getenv("FUZZ_ABI_SEQ_VERBOSE") != nullptr;
	SeqCase c(data, size);

	c.run.verbose = verbose;
	c.run.model.reset(TPU_DRAM_BASE, h.top.config().dram_size);
	set_abi_run(&c.run);
	unsigned nprocs = 1 + static_cast<unsigned>(c.src.take(1) % 2);
	unsigned nthreads = 1 + static_cast<unsigned>(c.src.take(1) % 2);
	for (unsigned p = 0; p < nprocs; p++) {
		auto ps = std::make_unique<PState>();
		ps->index = static_cast<int>(p);
		ps->proc = h.process("seq" + std::to_string(p));
		c.run.model.add_process(ps->proc);
		for (unsigned i = 0; i < nthreads; i++) {
			auto ts = std::make_unique<TState>();
			ts->ps = ps.get();
			ts->index = static_cast<int>(i);
			ts->r = Choices(&c.src);
			TState *tp = ts.get();
			SimThread *st = h.thread(ps->proc, "seq" + std::to_string(p) + "." + std::to_string(i),
						 [&c, tp]() { return seq_thread(c, *tp); });
			ps->threads.push_back(st);
			c.users.push_back(st);
			c.threads.push_back(std::move(ts));
		}
		c.procs.push_back(std::move(ps));
	}
	size_t findings_before = h.os.findings().list().size();
	c.reset = h.os.spawn("reset", ThreadKind::kernel, nullptr, [&c, &h]() { return reset_main(c, h); });

	sc_core::sc_start();

	if (c.reset->state != ThreadState::done)
		fail(h, c, "the simulation stopped at " + sc_core::sc_time_stamp().to_string() +
				   " before the reset thread ended (deadlock)");
	const auto &fl = h.os.findings().list();
	for (size_t i = findings_before; i < fl.size(); i++)
		if (!expected_checker(fl[i].checker))
			fail(h, c, "checker " + fl[i].checker + ": " + fl[i].message);
	if (!c.reset_errors.empty())
		fail(h, c, "the machine is not quiescent after the input: " + c.reset_errors[0]);
	if (!c.run.abi_errors.empty())
		fail(h, c, "ABI contract broken: " + c.run.abi_errors[0]);
	set_abi_run(nullptr);
	return 0;
}
