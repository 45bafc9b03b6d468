// SPDX-License-Identifier: Apache-2.0
//
// run_ctx.h - the state of one scenario run, shared by the runner's parts:
// the step interpreter (steps.cpp), fault injection (faults.cpp) and the
// checkers that watch the driver from the outside (checkers.cpp).
#ifndef TPUSIM_SCENARIO_RUN_CTX_H
#define TPUSIM_SCENARIO_RUN_CTX_H

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "errnos.h"
#include "event_log.h"
#include "host.h"
#include "job.h"
#include "runner.h"
#include "scenario.h"

extern "C" {
#include "rt_session.h"
}

namespace tpusim::scn {

struct RunCtx;
class FaultArms;

// One submitted job: its buffers, its place on the hardware, its fate.
struct Instance {
	std::string thread;            // "process/thread"
	uint64_t tid = 0;
	uint32_t seq = 0;
	const Job *job = nullptr;
	const CompiledJob *cj = nullptr;
	// One ION buffer holds the command dmabuf and, after it, the job's
	// tensors (data_off), so the driver's reference on the command buffer
	// keeps the job's data alive too: closing the fd or exiting with the
	// job queued is then safe, as the issue of early close demands.
	rt_buf cmd{};
	uint64_t data_off = 0;
	bool cmd_open = false;
	// Job.separate_data: the tensors live in their own buffer instead.
	rt_buf data{};
	bool separate = false, data_open = false;

	rt_buf &data_buf() { return separate ? data : cmd; }
	uint64_t data_base() const { return data_off; }
	bool data_alive() const { return separate ? data_open : cmd_open; }
	uint64_t flow = 0;
	double submit_s = -1, start_s = -1, end_s = -1, claim_s = -1;
	unsigned descs_done = 0;
	bool hw_done = false;          // every descriptor completed on the engines
	bool claimed = false;          // a WAIT returned it
	bool dropped = false;          // the driver announced dropping it
	bool corrupted = false;        // a corrupt_output fault hit it
};

struct ThreadCtx {
	RunCtx *run = nullptr;
	std::string name;              // "process/thread" (replicas: "thread.3")
	tpusim::Process *proc = nullptr;
	SimThread *t = nullptr;
	const scn::Thread *spec = nullptr;
	unsigned replica = 0, proc_replica = 0;
	std::map<std::string, int> fds;          // scenario fd variables
	std::map<std::string, rt_buf> bufs;      // buffers made by alloc steps
	rt_dev rt{};                             // the runtime's own device handle
	bool rt_open = false;
	std::vector<std::pair<std::string, int64_t>> vars;   // repeat variables
	std::map<uint32_t, Instance *> by_seq;   // latest instance per seq_no
	const Step *current = nullptr;
	bool ended = false;
};

struct Barrier {
	unsigned expected = 0, arrived = 0;
	uint64_t generation = 0;
	std::vector<SimThread *> waiters;
};

// The behavioural contract the outside checkers judge the hosted driver
// by (include/tpu/contract.h: never the driver's own constants).
struct DriverContract {
	unsigned done_list_max;     // unclaimed results kept; 0: no bound
	uint64_t wait_timeout_ns;   // WAIT gives up after this; 0: never
};
const DriverContract &driver_contract(const std::string &driver);

struct RunCtx : TpuObserver {
	RunCtx(const Scenario &sc, const RunOptions &o, Host &host);

	const DriverContract &contract = driver_contract(tpusim_hosted_driver);

	const Scenario &s;
	const RunOptions &opt;
	Host &h;
	EventLog events;
	std::vector<std::string> outcomes;   // RunResult::outcomes
	std::map<std::string, std::unique_ptr<CompiledJob>> compiled;
	std::vector<std::unique_ptr<Instance>> instances;
	// Instances that may still count as unclaimed results (neither
	// claimed nor dropped, which are final); pruned as they are scanned,
	// so a long run does not rescan every job at each completion.
	std::vector<Instance *> open_instances;
	// Finished results neither claimed nor dropped (except `except`).
	unsigned unclaimed_results(const Instance *except = nullptr);
	std::map<uint64_t, Instance *> by_cmd;   // command buffer paddr -> instance
	std::vector<std::unique_ptr<ThreadCtx>> threads;
	std::map<std::string, Barrier> barriers;
	uint64_t next_flow = 1;
	bool overflow_reported = false;
	bool saw_timeout = false;                // a WAIT timed out earlier
	std::set<std::string> cov;               // coverage bins hit (coverage.h)
	unsigned queued = 0, max_queue = 0;
	// Bus-side register accesses: a running FNV-1a of all of them, and
	// one line each in RunOptions::reg_log_path when it is set.
	uint64_t reg_hash = 1469598103934665603ull;
	bool timing_only = false;                // no data computed: data checkers off
	// The job whose descriptor each engine (Engine) started last, and the
	// engine's reset count then (a reset since ends its part in the job).
	Instance *engine_job[2] = {nullptr, nullptr};
	uint64_t engine_job_resets[2] = {0, 0};
	FILE *reg_log = nullptr;
	// Faults armed on an event (fault_arms.h), made by the first one.
	FaultArms *arms = nullptr;

	void finding(Checker checker, const std::string &msg);
	void trace(TraceEvent e) { events.add(std::move(e)); }
	static uint64_t now_ps();
	std::string thread_track(uint64_t tid) const;

	// TpuObserver: the hardware side of every job.
	void desc_start(const DescEvent &e) override;
	void desc_end(const DescEvent &e) override;
	void irq_edge(int line, bool level) override;
	void hang(const std::string &report) override;
	void reg_access(const tpu_reg_block &block, uint32_t offset, uint32_t value, bool is_write,
			bool ok) override;
	void on_ioctl(const std::string &path, unsigned cmd);

	// Driver log lines (drop announcements) and MMIO activity (traces).
	void on_log(const LogLine &l);
	void on_mmio(SimThread *t, uint64_t addr, bool write);
	void flush_mmio_spans();

	// Checkers evaluated as the run goes and at its end (checkers.cpp).
	void on_job_finished(Instance *inst);
	void check_engines_left(Instance *inst);
	void check_wait(ThreadCtx &tc, Instance *inst, uint32_t seq, int rc, int ret, double t0);
	void finish();

	Instance *instance_at(uint64_t addr);

	// MMIO spans per thread (merged while accesses are close together).
	struct MmioSpan { uint64_t start = 0, end = 0; bool open = false; };
	std::map<uint64_t, MmioSpan> mmio_spans;
	void emit_mmio_span(uint64_t tid, const MmioSpan &sp);
};

// steps.cpp
int thread_main(ThreadCtx &tc);
int64_t eval_value(const ThreadCtx &tc, const Value &v);
// counters.cpp: a counter's value at the end of the run.
uint64_t counter_value(Counter c, Host &h);

// faults.cpp.  A fault armed before boot (TPUSIM_FAULT_AT_BOOT) is applied
// untraced: it happens before the run's event stream starts.
void apply_fault(RunCtx &rc, const Fault &f, ThreadCtx *tc, bool traced = true);

} // namespace tpusim::scn

#endif
