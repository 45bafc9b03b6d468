// SPDX-License-Identifier: Apache-2.0
//
// simos.cpp - simulated threads, harts and scheduling points.
#include "simos.h"

#include <cassert>
#include <sstream>

#include "cache.h"
#include "dma_alloc.h"
#include "irqc.h"
#include "kheap.h"
#include "vfs.h"

namespace tpusim {

// Driver and user code runs on these stacks: 1 MiB each (SystemC's 256 KiB
// default overflows silently, docs/toolchain.md).
static constexpr size_t kThreadStack = 1 << 20;

static SimOs *g_os;

SimOs &SimOs::get()
{
	assert(g_os); /* the C interface is only used inside a run */
	return *g_os;
}

SimOs::SimOs(sc_core::sc_module_name name, TpuTop &top, const SimOsConfig &cfg)
	: sc_module(name), mmio("mmio"), top_(top), cfg_(cfg),
	  hart_owner_(cfg.harts ? cfg.harts : 1, nullptr), rng_(cfg.seed)
{
	assert(!g_os); /* one sim-OS per process (Check forks per test) */
	g_os = this;
	log_echo_ = getenv("TPUSIM_LOG") != nullptr;
	if (cfg.quantum != sc_core::SC_ZERO_TIME) {
		quantum_on_ = true;
		tlm_utils::tlm_quantumkeeper::set_global_quantum(cfg.quantum);
	}
	mmio.bind(top.bus.in);
	if (cfg.cpu_cache)
		cache_ = std::make_unique<CpuCache>(*this);
	vfs_ = std::make_unique<Vfs>(*this);
	dma_ = std::make_unique<DmaAllocator>(*this, top.dram);
	kheap_ = std::make_unique<KernelHeap>(*this);
	irqc_ = std::make_unique<IrqController>(*this);
	SC_HAS_PROCESS(SimOs);
	SC_METHOD(deadlines_due);
	sensitive << deadline_ev_;
	dont_initialize();
}

SimOs::~SimOs()
{
	g_os = nullptr;
}

static std::string sc_safe_name(const std::string &s, uint64_t tid)
{
	std::string out;

	for (char c : s)
		out += (isalnum((unsigned char)c) || c == '_') ? c : '_';
	return out + "_" + std::to_string(tid);
}

SimThread *SimOs::spawn(const std::string &name, ThreadKind kind, Process *proc,
			std::function<int()> body)
{
	auto owned = std::make_unique<SimThread>();
	SimThread *t = owned.get();
	sc_core::sc_spawn_options opts;

	t->tid = next_tid_++;
	t->name = name;
	t->kind = kind;
	t->proc = proc;
	if (proc && !proc->tgid)
		proc->tgid = t->tid;
	threads_.push_back(std::move(owned));
	opts.set_stack_size(kThreadStack);
	sc_core::sc_process_handle h = sc_core::sc_spawn(
		[this, t, body]() {
			// Interrupt threads take a hart only per delivery.
			if (t->kind != ThreadKind::irq)
				acquire_hart(t);
			t->exit_code = body();
			sync(t);
			if (t->hart >= 0)
				release_hart(t);
			t->state = ThreadState::done;
			t->exit_ev.notify(sc_core::SC_ZERO_TIME);
		},
		sc_safe_name(name, t->tid).c_str(), &opts);
	by_process_[h.get_process_object()] = t;
	// A new process may reuse the address of one that ended.
	cur_proc_ = nullptr;
	cur_thread_ = nullptr;
	return t;
}

SimThread *SimOs::current_or_null()
{
	// SystemC switches processes only inside wait(), so the same process
	// usually asks many times in a row: one compare answers it.
	sc_core::sc_process_b *p = sc_core::sc_get_current_process_b();

	if (p == cur_proc_)
		return cur_thread_;
	SimThread *t = nullptr;
	if (p) {
		auto it = by_process_.find(static_cast<sc_core::sc_object *>(p));
		t = it == by_process_.end() ? nullptr : it->second;
	}
	cur_proc_ = p;
	cur_thread_ = t;
	return t;
}

SimThread *SimOs::current()
{
	SimThread *t = current_or_null();

	assert(t); /* OS calls come from simulated threads only */
	return t;
}

void SimOs::dispatch()
{
	SimThread *self = current_or_null();

	for (size_t h = 0; h < hart_owner_.size(); h++) {
		if (hart_owner_[h])
			continue;
		std::deque<SimThread *> &q = !irq_ready_.empty() ? irq_ready_ : ready_;

		if (q.empty())
			return;
		SimThread *n = q.front();

		q.pop_front();
		hart_owner_[h] = n;
		n->hart = static_cast<int>(h);
		if (n != self)
			n->grant_ev.notify(sc_core::SC_ZERO_TIME);
	}
}

void SimOs::acquire_hart(SimThread *t)
{
	if (t->hart >= 0)
		return;
	sync(t);
	t->state = ThreadState::ready;
	(t->kind == ThreadKind::irq ? irq_ready_ : ready_).push_back(t);
	dispatch();
	while (t->hart < 0)
		wait(t->grant_ev);
	t->state = ThreadState::running;
	t->slice_start = sc_core::sc_time_stamp();
	resumed(t);
}

void SimOs::release_hart(SimThread *t)
{
	assert(t->hart >= 0); /* only a running thread releases its hart */
	// No sync() here: the caller may already be on a wait list, and a
	// wake-up during the sync's wait() would be lost.  Callers that can
	// wait sync before (sched_point, thread exit, IRQ return); sleep()
	// adds what is left to its timeout.
	hart_owner_[t->hart] = nullptr;
	t->hart = -1;
	dispatch();
}

void SimOs::sync(SimThread *t)
{
	if (quantum_on_ && t && t->qk.get_local_time() != sc_core::SC_ZERO_TIME)
		t->qk.sync();
}

sc_core::sc_time SimOs::now()
{
	if (!quantum_on_)
		return sc_core::sc_time_stamp();
	SimThread *t = current_or_null();
	return t ? t->qk.get_current_time() : sc_core::sc_time_stamp();
}

void SimOs::sched_point()
{
	SimThread *t = current_or_null();

	if (!t || t->hart < 0 || t->in_irq)
		return;
	// A pending interrupt takes the hart unless interrupts are off here.
	if (!irq_ready_.empty() && t->irq_off == 0) {
		sync(t);
		t->preempted = true;
		ready_.push_front(t);
		hart_owner_[t->hart] = nullptr;
		t->hart = -1;
		dispatch();
		while (t->hart < 0)
			wait(t->grant_ev);
		t->preempted = false;
		t->state = ThreadState::running;
		resumed(t);
		return;
	}
	if (t->preempt_count > 0)
		return;
	bool perturb = false;
	uint64_t k = 0;
	if (cfg_.forced || cfg_.perturb > 0.0) {
		k = decisions_++;
		if (cfg_.forced) {
			while (forced_next_ < cfg_.forced_switches.size() &&
			       cfg_.forced_switches[forced_next_] < k)
				forced_next_++;
			perturb = forced_next_ < cfg_.forced_switches.size() &&
				  cfg_.forced_switches[forced_next_] == k;
		} else {
			perturb = std::uniform_real_distribution<double>(0, 1)(rng_) < cfg_.perturb;
		}
		if (perturb)
			switches_.push_back(k);
	}
	if (perturb && ready_.empty()) {
		// Nobody is waiting for a hart: perturb timing instead, as if an
		// unmodelled task had run here for a moment (0.1 to 5 us, a pure
		// function of the seed and the decision index, so a replay
		// repeats it).  This reorders races between harts and between
		// threads and devices.
		uint64_t h = (k + 1) * 0x9E3779B97F4A7C15ull ^ cfg_.seed;
		h ^= h >> 29;
		double us = 0.1 + static_cast<double>(h % 4900) / 1000.0;
		sync(t);
		release_hart(t);
		wait(sc_core::sc_time(us, sc_core::SC_US));
		acquire_hart(t);
		return;
	}
	if (ready_.empty())
		return;
	bool slice_over = now() - t->slice_start >= cfg_.timeslice;
	if (!slice_over && !perturb)
		return;
	sync(t);
	ready_.push_back(t);
	release_hart(t);
	while (t->hart < 0)
		wait(t->grant_ev);
	t->state = ThreadState::running;
	t->slice_start = sc_core::sc_time_stamp();
	resumed(t);
}

void SimOs::check_may_sleep(SimThread *t, const char *what)
{
	check_may_sleep(t, what, nullptr);
}

void SimOs::check_may_sleep(SimThread *t, const char *what, const std::string *name)
{
	if (t->preempt_count > 0 || t->irq_off > 0 || t->in_irq) {
		std::ostringstream os;

		os << "thread " << t->name << " (tid " << t->tid << ") may sleep in " << what
		   << (name ? *name : std::string())
		   << (t->in_irq ? " from interrupt context" : " while holding a spinlock");
		findings_.add(Checker::sleep_in_atomic, os.str());
	}
}

void SimOs::lock_acquired(SimThread *t, int &cls, const std::string &name)
{
	std::vector<Lockdep::Report> out;  // empty: no allocation unless a finding

	if (cls < 0)
		cls = lockdep_.class_of(name);
	lockdep_.acquire(t->held_locks, cls, t->in_irq, t->irq_off == 0, {t->name, t->tid}, out);
	for (const auto &r : out)
		findings_.add(r.problem == Lockdep::Problem::order ? Checker::lock_order : Checker::irq_unsafe_lock,
			      r.text);
}

void SimOs::lock_released(SimThread *t, int cls)
{
	if (cls >= 0)
		lockdep_.release(t->held_locks, cls);
}

bool SimOs::sleep(SimThread *t, const sc_core::sc_time &timeout, bool forever, const std::string &what)
{
	check_may_sleep(t, what.c_str(), nullptr);
	t->waits_on = what;
	return sleep_impl(t, timeout, forever);
}

bool SimOs::sleep(SimThread *t, const sc_core::sc_time &timeout, bool forever, const char *what,
		  const std::string &name)
{
	check_may_sleep(t, what, &name);
	// assign() reuses the string's buffer: no allocation once it is large
	// enough.
	t->waits_on.assign(what).append(name);
	return sleep_impl(t, timeout, forever);
}

bool SimOs::sleep_impl(SimThread *t, const sc_core::sc_time &timeout, bool forever)
{
	bool woke;
	sc_core::sc_time until = timeout;

	// Quantum on: the time the thread ran ahead is not waited for (a
	// wake-up may come meanwhile): the timeout counts from the thread's
	// own time, and a new quantum starts when it runs again.
	if (quantum_on_) {
		until += t->qk.get_local_time();
		t->qk.reset();
	}
	release_hart(t);
	t->state = ThreadState::blocked;
	sc_core::sc_time start = sc_core::sc_time_stamp();
	if (!forever)
		add_deadline(t, start + until);
	wait(t->wake_ev);
	if (t->has_deadline)
		drop_deadline(t);
	woke = forever || sc_core::sc_time_stamp() - start < until;
	t->waits_on.clear();
	acquire_hart(t);
	return woke;
}

void SimOs::add_deadline(SimThread *t, const sc_core::sc_time &at)
{
	t->deadline = deadlines_.emplace(at, t);
	t->has_deadline = true;
	// A later deadline waits behind the armed one; an earlier one moves
	// the notification forward (SystemC keeps the earlier of the two).
	if (!armed_ || at < armed_at_) {
		deadline_ev_.notify(at - sc_core::sc_time_stamp());
		armed_at_ = at;
		armed_ = true;
	}
}

void SimOs::drop_deadline(SimThread *t)
{
	deadlines_.erase(t->deadline);
	t->has_deadline = false;
	// The armed notification may now be early, which costs one spurious
	// deadlines_due(); but with no sleeper left it must not keep the
	// simulation running (running out of events ends a run).
	if (deadlines_.empty() && armed_) {
		deadline_ev_.cancel();
		armed_ = false;
	}
}

// Wakes every sleeper whose deadline has come, as wait(timeout, event)
// would have resumed it: in this evaluation phase.
void SimOs::deadlines_due()
{
	sc_core::sc_time now = sc_core::sc_time_stamp();

	armed_ = false;
	while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
		SimThread *t = deadlines_.begin()->second;

		deadlines_.erase(deadlines_.begin());
		t->has_deadline = false;
		t->wake_ev.notify();
	}
	if (!deadlines_.empty()) {
		armed_at_ = deadlines_.begin()->first;
		armed_ = true;
		deadline_ev_.notify(armed_at_ - now);
	}
}

void SimOs::busy(const sc_core::sc_time &d)
{
	if (quantum_on_) {
		if (SimThread *t = current_or_null()) {
			t->qk.inc(d);
			if (t->qk.need_sync())
				t->qk.sync();
			return;
		}
	}
	wait(d);
}

void SimOs::send_signal(SimThread *t)
{
	t->signal_pending = true;
	t->wake_ev.notify(sc_core::SC_ZERO_TIME);
}

// One 32-bit access on the bus: a scheduling point, the TLM transaction,
// the annotated delay plus the MMIO latency with the hart kept busy.
// Returns false (and makes a finding) when the bus rejects it.
//
// One payload serves every access: it is free again once b_transport has
// returned (the register targets keep no reference to it), and the
// response is read before busy() lets another thread in.
bool SimOs::mmio_access(bool write, uint64_t addr, uint32_t &value)
{
	tlm::tlm_generic_payload &p = mmio_payload_;
	sc_core::sc_time delay = sc_core::SC_ZERO_TIME;

	sched_point();
	p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
	p.set_address(addr);
	p.set_data_ptr(reinterpret_cast<unsigned char *>(&value));
	p.set_data_length(4);
	p.set_streaming_width(4);
	p.set_byte_enable_ptr(nullptr);
	p.set_byte_enable_length(0);
	p.set_dmi_allowed(false);
	p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
	mmio->b_transport(p, delay);
	tlm::tlm_response_status st = p.get_response_status();
	mmio_accesses_++;
	busy(delay + cfg_.mmio_latency);
	if (mmio_hook_)
		mmio_hook_(current_or_null(), addr, value, write);
	if (st == tlm::TLM_OK_RESPONSE)
		return true;

	std::ostringstream os;
	tlm::tlm_generic_payload r;  // for the response's name
	r.set_response_status(st);
	os << (write ? "writel(0x" : "readl(0x") << std::hex << addr;
	if (write)
		os << ", 0x" << value;
	os << ") answered " << r.get_response_string();
	findings_.add(Checker::mmio_bus_error, os.str());
	return false;
}

uint32_t SimOs::mmio_read(uint64_t addr)
{
	uint32_t v = 0;

	return mmio_access(false, addr, v) ? v : 0xFFFFFFFFu;
}

void SimOs::mmio_write(uint64_t addr, uint32_t value)
{
	mmio_access(true, addr, value);
}

static const char *kind_name(ThreadKind k)
{
	switch (k) {
	case ThreadKind::kernel: return "kernel";
	case ThreadKind::user: return "user";
	case ThreadKind::irq: return "irq";
	}
	return "?";
}

std::string SimOs::blocked_report() const
{
	std::ostringstream os;

	for (const auto &t : threads_) {
		if (t->state == ThreadState::done || t->kind == ThreadKind::irq)
			continue;
		os << "  tid " << t->tid << " " << t->name << " (" << kind_name(t->kind) << "): "
		   << (t->state == ThreadState::blocked ? "blocked on " + t->waits_on :
		       t->state == ThreadState::ready ? std::string("ready") : std::string("running"))
		   << "\n";
	}
	return os.str();
}

unsigned SimOs::signal_interruptible_sleepers()
{
	unsigned n = 0;

	for (const auto &t : threads_)
		if (t->kind == ThreadKind::user && t->state == ThreadState::blocked && t->syscall && t->lx_wq &&
		    t->lx_interruptible && !t->lx_woken && !t->signal_pending) {
			send_signal(t.get());
			n++;
		}
	return n;
}

} // namespace tpusim
