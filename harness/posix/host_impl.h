// SPDX-License-Identifier: Apache-2.0
//
// host_impl.h - the POSIX host's internals shared by its files: thread
// contexts, the sleep primitive, processes and files, the SystemC bridge,
// findings.  Not for users of the host (posix_host.h).
#ifndef TPUSIM_POSIX_HOST_IMPL_H
#define TPUSIM_POSIX_HOST_IMPL_H

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <shared_mutex>
#include <string>
#include <vector>

#include "posix_host.h"
#include "tpu/os.h"

// A file: shared by every fd and mapping that refers to it; release runs
// at the last reference, on the thread that drops it.  The memory is kept
// until the host shuts down (a reader that lost the race to fget a closing
// fd may still look at the count, as RCU readers do on Linux).
struct osal_file {
	const osal_file_ops *ops = nullptr;
	void *drvdata = nullptr;
	void *priv = nullptr;
	std::atomic<int> refs{1};
	std::string name;
	osal_file *grave_next = nullptr;
};

namespace tpusim {
namespace posix {

// A mutex and a condition variable on CLOCK_MONOTONIC: what wait queues,
// completions and interrupt lines sleep on.
struct WaitBase {
	pthread_mutex_t m;
	pthread_cond_t c;
	WaitBase();
	~WaitBase();
	WaitBase(const WaitBase &) = delete;
	WaitBase &operator=(const WaitBase &) = delete;
	// Sleep on c (m held); false when the absolute deadline (monotonic
	// ns, 0 = none) passed.
	bool sleep(uint64_t deadline_ns);
};

enum class Kind { kernel, user, irq };

struct HeldLock {
	const void *lock;
	int cls;
	bool spin;
};

// Per pthread: who it is and, for lockdep, what it holds.
struct ThreadCtx {
	Kind kind = Kind::kernel;
	uint64_t tid = 0;
	std::string name;
	Process *proc = nullptr;
	std::atomic<bool> stop{false};              // kthread_stop was called
	std::atomic<WaitBase *> sleeping_on{nullptr};
	HeldLock held[32];
	int nheld = 0;
	int spin_depth = 0;     // spinlocks held (preemption off)
	int irq_off = 0;        // irqsave nesting (interrupts off)
	bool in_irq = false;    // running an interrupt handler
	// An mmap op in progress (osal_vma_map_dma fills it in).
	struct {
		osal_vma *vma = nullptr;
		bool mapped = false;
		uint64_t paddr = 0;
		bool cached = false;
	} mapping;
};

// The calling thread's context; a thread the host did not start gets a
// kernel context on first use.
ThreadCtx *current();
void set_current(ThreadCtx *t);
uint64_t new_tid();
uint64_t mono_ns();

struct Region {
	uint64_t start = 0, len = 0;
	bool dma = false;            // backed by DRAM (an mmap), else host heap
	uint64_t paddr = 0;
	osal_file *file = nullptr;   // the mapping's file reference
	std::vector<uint8_t> heap;
};

struct Process {
	static constexpr int kMaxFds = 1024;

	int pid = 0;
	std::string name;
	pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;  // install / close
	std::atomic<osal_file *> fds[kMaxFds] = {};           // read lock-free
	std::shared_mutex mm;                                  // regions
	std::map<uint64_t, Region> regions;
	std::atomic<uint64_t> next_uaddr{0x10000000ull};
	bool exited = false;
};

// Findings (print at once, collected for the test).
void report(const std::string &kind, const std::string &message);

// The SystemC side (host.cpp): run fn on the SystemC thread, where it may
// wait(); returns when it has run.  Invisible to TSan (tsan.h).
void sc_call(const std::function<void()> &fn);
uint32_t mmio(bool write, uint64_t addr, uint32_t value);
int dram_access(uint64_t paddr, void *buf, size_t len, bool write);
bool dram_contains(uint64_t paddr, uint64_t len);
int dma_alloc(uint64_t size, uint64_t *paddr);
void dma_free(uint64_t paddr, uint64_t size);
int irq_request(int irq, osal_irq_handler_t h, void *arg, const char *name);
void irq_free(int irq, void *arg);
const HostOptions &options();

// Files and processes (vfs.cpp).
osal_file *file_new(const osal_file_ops *ops, void *drvdata, void *priv, const std::string &name);
int fd_install(Process *p, osal_file *f);
osal_file *file_get(Process *p, int fd);
void file_put(osal_file *f);
int chrdev_register(const std::string &path, const osal_file_ops *ops, void *drvdata);
void chrdev_unregister(const std::string &path);
int user_copy(Process *p, uint64_t uaddr, void *buf, size_t len, bool to_user);
void process_exit(Process *p);
size_t live_files();
void files_reclaim();

// Kernel memory and clocks (osal_posix.cpp): live counts for shutdown.
int64_t kmem_live();
int clk_count(int i);
const char *clk_name(int i);
int clk_names();
uint64_t log_warnings();

} // namespace posix
} // namespace tpusim

#endif
