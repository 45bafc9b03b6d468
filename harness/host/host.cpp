// SPDX-License-Identifier: Apache-2.0
//
// host.cpp - boot, user threads, shutdown and the end-of-run checks.
#include "host.h"

#include <sstream>

#include "dma_alloc.h"
#include "ktimer.h"
#include "tpu/driver.h"

// Weak: a driver that hosts otherwise defines its own (one word of
// vocab/platform.h's `driver` choices).
extern "C" __attribute__((weak)) const char tpusim_hosted_driver[] = "project";

namespace tpusim {

// How often an injected run's interruptible sleepers are signalled before a
// run that still sleeps is a deadlock (a scenario's WAIT retries sleep
// again; a step list is short).
static constexpr unsigned kInjectedSignalRounds = 16;

Host::Host(const HostConfig &cfg)
	: top("tpu", cfg.tpu), os("os", top, cfg.os), cfg_(cfg)
{
	os.spawn("init", ThreadKind::kernel, nullptr, [this]() { return init_main(); });
	if (cfg_.shutdown_checks)
		os.spawn("shutdown", ThreadKind::kernel, nullptr, [this]() { return shutdown_main(); });
}

Process *Host::process(const std::string &name)
{
	return os.vfs().create_process(name);
}

SimThread *Host::thread(Process *p, const std::string &name, std::function<int()> body)
{
	SimThread *t = os.spawn(name, ThreadKind::user, p, [this, body]() {
		SimThread *self = os.current();
		// Wait for boot without holding a hart.
		if (!boot_done_) {
			os.release_hart(self);
			self->state = ThreadState::blocked;
			self->waits_on = "boot";
			sc_core::wait(booted_);
			self->waits_on.clear();
			os.acquire_hart(self);
		}
		return body();
	});
	users_.push_back(t);
	return t;
}

int Host::init_main()
{
	if (cfg_.probe_drivers) {
		// Like two modules loaded in order: a failed TPU probe leaves
		// ION loaded, and ION is removed at shutdown all the same.
		probe_rc_ = ion_drv_probe();
		ion_probed_ = !probe_rc_;
		if (ion_probed_) {
			probe_rc_ = tpu_drv_probe();
			tpu_probed_ = !probe_rc_;
		}
		if (probe_rc_)
			os.findings().add(Checker::probe, std::string(ion_probed_ ? "tpu" : "ion") +
							  " driver probe failed: " + std::to_string(probe_rc_));
	}
	boot_done_ = true;
	booted_.notify(sc_core::SC_ZERO_TIME);
	return probe_rc_;
}

int Host::shutdown_main()
{
	SimThread *self = os.current();

	// Wait (without a hart) until boot is over and every user thread ended.
	os.release_hart(self);
	self->state = ThreadState::blocked;
	self->waits_on = "all user threads to end";
	if (!boot_done_)
		sc_core::wait(booted_);
	for (SimThread *u : users_)
		while (u->state != ThreadState::done)
			sc_core::wait(u->exit_ev);
	self->waits_on.clear();
	os.acquire_hart(self);

	for (const auto &p : os.vfs().processes())
		os.vfs().exit_process(p.get());
	if (tpu_probed_)
		tpu_drv_remove();
	if (ion_probed_)
		ion_drv_remove();
	shut_down_ = true;
	if (!os.kallocs().empty())
		os.findings().add(Checker::leak, std::to_string(os.kallocs().size()) +
				  " kernel allocation(s) still live after driver removal");
	if (os.dma().live_count())
		os.findings().add(Checker::leak, std::to_string(os.dma().live_count()) +
				  " DMA buffer(s) still allocated after all fds closed and drivers removed");
	if (os.vfs().live_files())
		os.findings().add(Checker::leak, std::to_string(os.vfs().live_files()) +
				  " file(s) still referenced after all processes exited");
	if (size_t n = cancel_pending_timers())
		os.findings().add(Checker::kernel_api, std::to_string(n) +
				  " timer(s) still pending after driver removal (Linux would run the "
				  "callback in freed module memory); cancelled");
	const std::string kobjs = os.live_kobjs();
	if (!kobjs.empty())
		os.findings().add(Checker::leak, "kernel objects still live after driver removal: " + kobjs);
	for (const auto &kv : os.clk_enables())
		if (kv.second)
			os.findings().add(Checker::clk_leak, kv.first + " enable count " +
					  std::to_string(kv.second) + " after driver removal");
	return 0;
}

bool Host::run(const sc_core::sc_time &limit)
{
	// With a failure injected (fail-nth), a user thread that sleeps for
	// ever interruptibly in a system call waits for work the failure
	// prevented (a WAIT without a timeout for a job whose SUBMIT failed):
	// Linux's hung-task check ignores such a sleep and the user ends it
	// with a signal.  So does the host, a bounded number of times, and the
	// run goes on to its exit and the shutdown checks (leaks); a thread
	// stuck in any other way is still a deadlock (docs/fault-injection.md).
	for (unsigned rounds = 0;; rounds++) {
		if (limit == sc_core::SC_ZERO_TIME)
			sc_core::sc_start();
		else   // time stops with the events
			sc_core::sc_start(limit - sc_core::sc_time_stamp(), sc_core::SC_EXIT_ON_STARVATION);
		// Stopped at the limit with work left: not a deadlock, the caller
		// reports it (capped()).
		// (sc_stop() ends a run too, e.g. an interrupt storm: that is no cap.)
		capped_ = limit != sc_core::SC_ZERO_TIME && sc_core::sc_get_status() == sc_core::SC_PAUSED &&
			  sc_core::sc_pending_activity();
		if (capped_)
			return os.findings().empty();
		if (shut_down_ || !os.config().fail_nth || sc_core::sc_get_status() != sc_core::SC_PAUSED ||
		    rounds == kInjectedSignalRounds || !os.signal_interruptible_sleepers())
			break;
	}
	std::string blocked = os.blocked_report();
	if (!blocked.empty() && cfg_.shutdown_checks && !shut_down_)
		os.findings().add(Checker::deadlock, "simulation ran out of events with threads blocked:\n" +
				  blocked);
	return os.findings().empty();
}

std::string Host::report() const
{
	std::ostringstream out;

	for (const auto &f : const_cast<SimOs &>(os).findings().list())
		out << "[" << f.when << "] " << f.checker << ": " << f.message << "\n";
	return out.str();
}

} // namespace tpusim
