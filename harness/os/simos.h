// SPDX-License-Identifier: Apache-2.0
//
// simos.h - the sim-OS: the driver's OS interface (include/tpu/os.h) on
// SystemC threads, in virtual time.
//
// Every kernel thread, user thread and interrupt handler is a simulated
// thread (an SC_THREAD with its own stack).  A thread executes driver or
// user code only while it holds one of the N simulated harts; it gives the
// hart up when it blocks and may be made to give it up at a scheduling
// point (lock acquire, wake-up, MMIO access, syscall, IRQ delivery), never
// anywhere else.  So interleavings are controlled, not accidental, and a
// run is a pure function of its inputs.  Spinlocks disable preemption (no
// other thread runs on that hart until unlock); irqsave also keeps
// interrupts off the hart.  Bugs the OS layer can see — sleeping in atomic
// context, a handler spinning on a lock its own hart holds, MMIO bus
// errors, IRQ storms, blocked threads at the end — become findings.
#ifndef TPUSIM_HARNESS_SIMOS_H
#define TPUSIM_HARNESS_SIMOS_H

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "findings.h"
#include "lockdep.h"
#include "tpu/os.h"
#include "tpu_top.h"

namespace tpusim {

struct LogLine {
	sc_core::sc_time when;
	osal_log_level level;
	uint64_t tid;          // 0 outside simulated threads
	std::string text;
};

class Vfs;
class DmaAllocator;
class CpuCache;
class IrqController;
class KernelHeap;
struct Process;

enum class ThreadKind { kernel, user, irq };
enum class ThreadState { ready, running, blocked, done };

struct SimThread {
	uint64_t tid = 0;
	std::string name;
	ThreadKind kind = ThreadKind::kernel;
	Process *proc = nullptr;          // owning process (user threads)
	ThreadState state = ThreadState::ready;
	int hart = -1;                    // hart held, -1 when none
	int preempt_count = 0;            // spinlocks held
	int irq_off = 0;                  // irqsave depth
	bool in_irq = false;              // running an interrupt handler
	bool stop_requested = false;      // osal_kthread_stop()
	bool signal_pending = false;      // injected signal
	bool preempted = false;           // gave the hart to an IRQ
	// The system call the thread is in (hx_*), and whether an injected
	// failure (SimOsConfig::fail_nth) happened inside it.
	const char *syscall = nullptr;
	bool injected_in_syscall = false;
	std::string waits_on;             // what it is blocked on, for reports
	sc_core::sc_time slice_start;     // when it last got a hart
	int exit_code = 0;
	sc_core::sc_event grant_ev;       // a hart was handed to it
	sc_core::sc_event wake_ev;        // wake-up from a wait queue / signal
	sc_core::sc_event exit_ev;
	// Its entry in SimOs::deadlines_ while it sleeps with a timeout.
	std::multimap<sc_core::sc_time, SimThread *>::iterator deadline;
	bool has_deadline = false;
	Lockdep::Held held_locks;         // lock classes held, innermost last (lockdep)
	// A Linux-style wait (osal_prepare_to_wait): the queue the thread is
	// on, whether it sleeps interruptibly, and whether it was woken since
	// it got there (Linux: its state went back to TASK_RUNNING).
	osal_waitq *lx_wq = nullptr;
	bool lx_interruptible = false;
	bool lx_woken = false;
	// Temporal decoupling (SimOsConfig::quantum): how far this thread
	// runs ahead of SystemC time.  Unused when the quantum is off.
	tlm_utils::tlm_quantumkeeper qk;
};

struct SimOsConfig {
	unsigned harts = 1;
	uint64_t seed = 1;
	// Schedule exploration: probability that a scheduling point hands the
	// hart to another ready thread even though the current one could go
	// on, or, when no thread is ready, delays the current one for a few
	// microseconds (seeded); 0 = no exploration.
	double perturb = 0.0;
	// Replay: switch exactly at these decision points (indices counted
	// over the scheduling points where another thread was ready), and
	// nowhere else; overrides perturb.
	bool forced = false;
	std::vector<uint64_t> forced_switches;
	sc_core::sc_time mmio_latency = sc_core::sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS);
	sc_core::sc_time irq_latency = sc_core::sc_time(TPU_IRQ_LATENCY_NS, sc_core::SC_NS);
	// One busy-poll step (osal_cpu_relax).  ASSUMED: a few loads and a
	// branch, ~100 ns on the 1 GHz C906 including the MMIO read it
	// usually follows.
	sc_core::sc_time relax_step = sc_core::sc_time(100, sc_core::SC_NS);
	// Handler invocations in a row with the line still high that count
	// as an interrupt storm (the line is then masked and a finding made).
	unsigned irq_storm_limit = 1000;
	// A thread that kept its hart this long yields at its next scheduling
	// point when others are ready.  ASSUMED: CONFIG_HZ=250 time slice.
	sc_core::sc_time timeslice = sc_core::sc_time(4, sc_core::SC_MS);
	// Model the CPU data cache for cached user mappings and check DMA
	// coherence (cache.h).  Off: every mapping behaves as uncached and the
	// cache-maintenance calls are no-ops.
	bool cpu_cache = true;
	// TLM-2.0 temporal decoupling of the CPU side: zero (the default) makes
	// every MMIO access, busy-poll step and udelay wait() for its time.
	// Non-zero: a thread keeps its hart and accumulates that time in a
	// tlm_utils::tlm_quantumkeeper, and waits only when it reaches the next
	// multiple of the quantum or before it blocks or hands its hart on
	// (docs/performance.md says what changes).
	sc_core::sc_time quantum = sc_core::SC_ZERO_TIME;
	// Systematic fault injection (docs/fault-injection.md): the fail_nth-th
	// injectable call of the run (counted from 1 over every kind) fails;
	// 0 = none.  The calls are counted either way.
	uint64_t fail_nth = 0;
};

// The calls of the OS interface that can fail for want of a resource
// (memory, a thread, an interrupt line, an fd): X(id, "name").  Each one
// asks SimOs::inject() first; docs/fault-injection.md lists them with
// what each returns when it fails.
#define TPUSIM_INJECT_KINDS(X)                                                                      \
	X(kzalloc, "kzalloc") X(spin_create, "spin_create") X(mutex_create, "mutex_create")         \
	X(waitq_create, "waitq_create") X(completion_create, "completion_create")                   \
	X(kthread_run, "kthread_run") X(request_irq, "request_irq") X(dma_alloc, "dma_alloc")       \
	X(anon_fd, "anon_fd") X(register_chrdev, "register_chrdev") X(vma_map_dma, "vma_map_dma")

enum class InjectKind {
#define TPUSIM_X(id, name) id,
	TPUSIM_INJECT_KINDS(TPUSIM_X)
#undef TPUSIM_X
};
constexpr unsigned kInjectKinds = 0
#define TPUSIM_X(id, name) +1
	TPUSIM_INJECT_KINDS(TPUSIM_X)
#undef TPUSIM_X
	;
const char *inject_kind_name(InjectKind k);

// Faults the scenario runner can arm; each is consumed when it fires.
struct FaultPlan {
	unsigned fail_kzalloc = 0;       // next N kernel allocations fail
	unsigned fail_dma_alloc = 0;     // next N DMA allocations fail
	unsigned fail_request_irq = 0;   // next N request_irq calls fail
	unsigned fail_kthread = 0;       // next N kthread_run calls fail
	unsigned drop_irq = 0;           // next N interrupt deliveries are lost
	// Next N DMA allocations return an address 64 bytes past a page
	// boundary: breaks osal_dma_alloc's contract on purpose, to prove
	// the driver's alignment check.
	unsigned dma_alloc_misalign = 0;
};

class SimOs : public sc_core::sc_module {
public:
	tlm_utils::simple_initiator_socket<SimOs> mmio;

	SimOs(sc_core::sc_module_name name, TpuTop &top, const SimOsConfig &cfg = SimOsConfig());
	~SimOs() override;

	// The one instance the C interface talks to.
	static SimOs &get();

	TpuTop &top() { return top_; }
	const SimOsConfig &config() const { return cfg_; }
	Findings &findings() { return findings_; }
	FaultPlan &faults() { return faults_; }
	Vfs &vfs() { return *vfs_; }
	DmaAllocator &dma() { return *dma_; }
	KernelHeap &kheap() { return *kheap_; }
	IrqController &irqc() { return *irqc_; }
	// The CPU data-cache model; nullptr when SimOsConfig::cpu_cache is off.
	CpuCache *cpu_cache() { return cache_.get(); }

	// ---- threads --------------------------------------------------------
	SimThread *spawn(const std::string &name, ThreadKind kind, Process *proc,
			 std::function<int()> body);
	SimThread *current();             // the calling simulated thread
	SimThread *current_or_null();
	const std::vector<std::unique_ptr<SimThread>> &threads() const { return threads_; }

	// ---- scheduling -----------------------------------------------------
	void acquire_hart(SimThread *t);
	void release_hart(SimThread *t);
	// A point where the running thread may lose its hart.
	void sched_point();
	// Give up the hart until woken (wake_ev) or until timeout (forever if
	// timeout is SC_ZERO_TIME and forever is true).  Returns false on
	// timeout.
	bool sleep(SimThread *t, const sc_core::sc_time &timeout, bool forever, const std::string &what);
	// The same, blocked on what + name (no string is built per call).
	bool sleep(SimThread *t, const sc_core::sc_time &timeout, bool forever, const char *what,
		   const std::string &name);
	// Keep the hart and let simulated time pass (MMIO latency, udelay).
	void busy(const sc_core::sc_time &t);
	// Simulated time as the calling thread sees it: SystemC time, plus
	// what the thread has run ahead of it when the quantum is on.
	sc_core::sc_time now();
	// Quantum on: wait until SystemC time has caught up with the thread
	// (before it blocks, spins or hands its hart on).  No-op otherwise.
	void sync(SimThread *t);
	void check_may_sleep(SimThread *t, const char *what);
	// Lockdep (harness/util/lockdep.h) over the driver's locks: *cls is the
	// lock's class, looked up by name on first use.  Order cycles and
	// interrupt-unsafe use become lock-order / irq-unsafe-lock findings.
	void lock_acquired(SimThread *t, int &cls, const std::string &name);
	void lock_released(SimThread *t, int cls);
	// The same, for what + *name (the message is only built for a finding).
	void check_may_sleep(SimThread *t, const char *what, const std::string *name);
	// A thread that is interrupted by an injected signal.
	void send_signal(SimThread *t);

	// ---- MMIO bridge ----------------------------------------------------
	uint32_t mmio_read(uint64_t addr);
	void mmio_write(uint64_t addr, uint32_t value);
	uint64_t mmio_accesses() const { return mmio_accesses_; }
	// Called after every MMIO access with the accessing thread (traces).
	using MmioHook = std::function<void(SimThread *, uint64_t addr, uint32_t value, bool write)>;
	void set_mmio_hook(MmioHook hook) { mmio_hook_ = std::move(hook); }
	// Called before every ioctl system call: the device path ("" when the
	// fd is not open) and the command (coverage).
	using IoctlHook = std::function<void(const std::string &path, unsigned cmd)>;
	void set_ioctl_hook(IoctlHook hook) { ioctl_hook_ = std::move(hook); }
	const IoctlHook &ioctl_hook() const { return ioctl_hook_; }

	// ---- clocks / resets / platform ---------------------------------------
	std::map<std::string, int> &clk_enables() { return clk_enables_; }

	// ---- systematic fault injection (SimOsConfig::fail_nth) ------------
	// Every injectable call asks first: true means fail it (the K-th call
	// of the run).  name or size: a detail for the report (made only for
	// the call that fails).
	// A call's identity is its kind and its ordinal among the run's calls
	// of that kind (1-based): a pure function of the run's inputs, so
	// "kzalloc#3" names the same call in every run of the same scenario,
	// seed and schedule, until the K-th call fails (after it the run takes
	// the driver's error path).
	bool inject(InjectKind k, const char *name, uint64_t size = 0);
	// Injectable calls so far, every kind.
	uint64_t injectable_calls() const { return injectable_calls_; }
	// The call that was made to fail: "kzalloc#3 (size 96) in thread
	// app/main, ioctl"; "" when the run made fewer than fail_nth calls.
	const std::string &injected() const { return injected_; }
	// The system call the injected failure happened in (nullptr: none,
	// the failure was in probe or a kernel thread) and, once it returned,
	// what it returned.
	const char *injected_syscall() const { return injected_syscall_; }
	bool injected_syscall_returned() const { return injected_syscall_returned_; }
	long injected_syscall_rc() const { return injected_syscall_rc_; }
	// The user-thread system calls (hx_sys.cpp) bracket themselves with
	// these; syscall_exit() returns rc.
	void syscall_enter(SimThread *t, const char *name) { t->syscall = name; }
	long syscall_exit(SimThread *t, long rc);
	// Kernel objects the driver made through the OS interface (locks, wait
	// queues, completions, kernel threads, interrupt lines, device nodes)
	// and has not destroyed (stopped, freed, unregistered): one counter per
	// kind; the leak check at the end of a run reads it.
	void kobj_made(InjectKind k) { kobjs_[static_cast<unsigned>(k)]++; }
	void kobj_gone(InjectKind k) { kobjs_[static_cast<unsigned>(k)]--; }
	// "2 spin_create, 1 kthread_run" of the objects still live; "" if none.
	std::string live_kobjs() const;

	// Threads still blocked, one line each (for deadlock reports).
	std::string blocked_report() const;
	// Signals every user thread that sleeps interruptibly (a Linux-style
	// wait, osal_prepare_to_wait) inside a system call, as a user ending a
	// program that waits for ever; returns how many it signalled.
	unsigned signal_interruptible_sleepers();
	// Kernel allocations still live (leak check at the end of a run).
	std::unordered_map<void *, size_t> &kallocs() { return kallocs_; }

	// Driver log: every line goes to the log hook and, when TPUSIM_LOG is
	// set, to stderr; warnings and errors are also kept, in order, in
	// log_lines() (what the checkers and tests search).
	void log(osal_log_level lvl, const std::string &text);
	const std::deque<LogLine> &log_lines() const { return log_; }
	// Called for every log line as it is made (checkers, traces).
	void set_log_hook(std::function<void(const LogLine &)> hook) { log_hook_ = std::move(hook); }
	// Whether debug and info lines have a reader (the hook or stderr).
	bool wants_all_log_lines() const { return log_hook_ || log_echo_; }

	std::mt19937_64 &rng() { return rng_; }

	// Decision points seen and where this run switched threads because of
	// the schedule exploration (the replay of a run).
	uint64_t decisions() const { return decisions_; }
	const std::vector<uint64_t> &switches() const { return switches_; }

private:
	bool mmio_access(bool write, uint64_t addr, uint32_t &value);
	void dispatch();
	bool sleep_impl(SimThread *t, const sc_core::sc_time &timeout, bool forever);
	void add_deadline(SimThread *t, const sc_core::sc_time &at);
	void drop_deadline(SimThread *t);
	void deadlines_due();
	// Called after a thread resumed from wait(): a new quantum starts.
	void resumed(SimThread *t)
	{
		if (quantum_on_)
			t->qk.reset();
	}

	TpuTop &top_;
	SimOsConfig cfg_;
	Findings findings_;
	Lockdep lockdep_;
	FaultPlan faults_;
	std::unique_ptr<CpuCache> cache_;
	std::unique_ptr<Vfs> vfs_;
	std::unique_ptr<DmaAllocator> dma_;
	std::unique_ptr<KernelHeap> kheap_;
	std::unique_ptr<IrqController> irqc_;

	std::vector<std::unique_ptr<SimThread>> threads_;
	std::unordered_map<sc_core::sc_object *, SimThread *> by_process_;
	// current_or_null()'s last answer: the process that asked, its thread.
	sc_core::sc_process_b *cur_proc_ = nullptr;
	SimThread *cur_thread_ = nullptr;
	std::vector<SimThread *> hart_owner_;
	std::deque<SimThread *> ready_;       // waiting for a hart
	std::deque<SimThread *> irq_ready_;   // interrupt handlers waiting for a hart
	uint64_t next_tid_ = 100;
	uint64_t mmio_accesses_ = 0;
	tlm::tlm_generic_payload mmio_payload_;
	std::unordered_map<void *, size_t> kallocs_;
	std::deque<LogLine> log_;   // a deque: lines are never moved once made
	std::function<void(const LogLine &)> log_hook_;
	MmioHook mmio_hook_;
	IoctlHook ioctl_hook_;
	bool log_echo_ = false;
	std::map<std::string, int> clk_enables_;
	std::mt19937_64 rng_;
	uint64_t decisions_ = 0;
	std::vector<uint64_t> switches_;
	size_t forced_next_ = 0;
	bool quantum_on_ = false;
	// Sleeps with a timeout, by deadline (equal deadlines in the order
	// they were set).  One SystemC notification, deadline_ev_ at armed_at_,
	// serves them all: SystemC keeps a cancelled timed notification in its
	// event queue until its time comes, so a wait(timeout, event) per
	// sleep would leave one dead entry per early wake-up (a WAIT is woken
	// long before its timeout), and every timed notification of the run
	// would pay for a heap of thousands of them.
	std::multimap<sc_core::sc_time, SimThread *> deadlines_;
	sc_core::sc_event deadline_ev_;
	sc_core::sc_time armed_at_;
	bool armed_ = false;
	uint64_t injectable_calls_ = 0;
	uint32_t inject_ordinal_[kInjectKinds] = {};
	std::string injected_;
	const char *injected_syscall_ = nullptr;
	bool injected_syscall_returned_ = false;
	long injected_syscall_rc_ = 0;
	long kobjs_[kInjectKinds] = {};
};

} // namespace tpusim

#endif
