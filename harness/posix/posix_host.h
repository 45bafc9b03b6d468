// SPDX-License-Identifier: Apache-2.0
//
// posix_host.h - a host of include/tpu/os.h (and include/tpu/hx_sys.h) on
// POSIX threads, with the TPU model as one SystemC kernel on a thread of
// its own (docs/posix-host.md).
//
// User threads, the driver's kernel threads and the interrupt handlers are
// real pthreads and run in parallel; spinlocks and mutexes are pthread
// mutexes, wait queues and completions condition variables.  Every MMIO or
// DMA-memory access is handed to the SystemC thread, which performs it and
// hands the result back; the model's interrupt lines wake one interrupt
// thread per line, which runs the registered handler.  A small lockdep
// watches every lock (lockdep.h).  One Host per process (SystemC
// elaborates once).
#ifndef TPUSIM_POSIX_HOST_H
#define TPUSIM_POSIX_HOST_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tpusim {
namespace posix {

struct Process;

struct HostOptions {
	// osal_spin_assert_held() reports a lock-not-held finding when the
	// caller does not hold the lock.  Off only to show what TSan finds
	// without it (the list-no-lock mutant test).
	bool assert_held = true;
	// Echo every driver log line to stderr (else WARN and ERR only);
	// also on with TPUSIM_LOG=1.
	bool log_all = false;
	// Wall-clock nanoseconds per virtual nanosecond: virtual time never
	// runs ahead of wall time / time_scale (docs/posix-host.md, "Time").
	// Also TPUSIM_POSIX_TIME_SCALE.
	uint64_t time_scale = 10;
};

struct Finding {
	std::string kind;     // lock-cycle, sleep-in-atomic, irq-unsafe-lock, ...
	std::string message;
};

class Host {
public:
	explicit Host(const HostOptions &opt = HostOptions());
	~Host();
	Host(const Host &) = delete;
	Host &operator=(const Host &) = delete;

	// ion_drv_probe + tpu_drv_probe on a kernel thread; 0 or -errno.
	int probe();
	// tpu_drv_remove + ion_drv_remove on a kernel thread (no ioctl may be
	// in progress).
	void remove();

	Process *create_process(const std::string &name);
	// Close every fd and unmap everything, on a user thread of p.
	void exit_process(Process *p);

	// Run fn on a new user thread of p (a pthread); returns its handle.
	uint64_t spawn(Process *p, const std::string &name, std::function<void()> fn);
	// Run fn on a new kernel thread (driver context, no process).
	uint64_t spawn_kernel(const std::string &name, std::function<void()> fn);
	void join(uint64_t handle);
	// Run fn on a new thread in interrupt context (interrupts off, no
	// sleeping), and wait for it: for lockdep tests.
	void run_in_irq_context(std::function<void()> fn);

	// Stop the SystemC thread and check what is left: kernel memory, DMA
	// pages, files, clock enables, handlers (findings).  Idempotent.
	void shutdown();

	std::vector<Finding> findings() const;
	size_t count(const std::string &kind) const;
	// Driver log lines at WARN or above.
	uint64_t warnings() const;
	// MMIO accesses served, interrupts handled, virtual time (ns).
	uint64_t mmio_accesses() const;
	uint64_t irqs_handled() const;
	uint64_t sim_time_ns() const;

	static Host *get();
};

} // namespace posix
} // namespace tpusim

#endif
