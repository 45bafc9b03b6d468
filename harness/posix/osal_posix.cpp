// SPDX-License-Identifier: Apache-2.0
//
// osal_posix.cpp - include/tpu/os.h on POSIX threads: logging, platform
// resources, MMIO, clocks and resets, kernel memory, locks, wait queues,
// completions, kernel threads, time, interrupts, DMA memory, user copies.
// Files are in vfs.cpp.
#include <sched.h>
#include <time.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "host_impl.h"
#include "lockdep.h"
#include "tpu/hwcfg.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

using namespace tpusim::posix;

struct osal_spinlock {
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	int cls = 0;
};

struct osal_mutex {
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	int cls = 0;
};

struct osal_waitq {
	WaitBase w;
	uint64_t seq = 0;   // bumped by every wake-up (under w.m)
	std::string name;
};

struct osal_completion {
	WaitBase w;
	unsigned done = 0;
	std::string name;
};

struct osal_thread {
	pthread_t th{};
	ThreadCtx ctx;
	int (*fn)(void *) = nullptr;
	void *arg = nullptr;
	int ret = 0;
};

namespace {

constexpr uint64_t kLive = 0x6b7a616c6c6f6321ull;   // kernel allocation header
constexpr uint64_t kFreed = 0x6672656564646464ull;

struct KHeader {
	uint64_t magic;
	uint64_t size;
};

std::atomic<int64_t> g_kmem{0};
std::atomic<uint64_t> g_warnings{0};

const char *const kClocks[] = {"clk_tpu_axi", "clk_tpu_fab"};
std::atomic<int> g_clk[2];

int clock_index(const char *name)
{
	for (int i = 0; i < 2; i++)
		if (!strcmp(kClocks[i], name))
			return i;
	return -1;
}

uint64_t deadline_after(uint64_t timeout_ns)
{
	if (timeout_ns == OSAL_WAIT_FOREVER)
		return 0;
	uint64_t now = mono_ns();
	return timeout_ns > UINT64_MAX - now - 1 ? 0 : now + timeout_ns + (timeout_ns == 0);
}

void *kthread_main(void *a)
{
	auto *t = static_cast<osal_thread *>(a);

	set_current(&t->ctx);
	t->ret = t->fn(t->arg);
	if (t->ctx.nheld)
		report("lock-held-at-exit", t->ctx.name + " ended holding " +
		       lockdep::class_name(t->ctx.held[0].cls));
	return nullptr;
}

} // namespace

namespace tpusim {
namespace posix {

int64_t kmem_live()
{
	return g_kmem.load();
}

int clk_count(int i)
{
	return g_clk[i].load();
}

const char *clk_name(int i)
{
	return kClocks[i];
}

int clk_names()
{
	return 2;
}

uint64_t log_warnings()
{
	return g_warnings.load();
}

} // namespace posix
} // namespace tpusim

extern "C" {

// ---- logging ---------------------------------------------------------------------

void osal_log(enum osal_log_level lvl, const char *fmt, ...)
{
	static const char *const names[] = {"debug", "info", "warn", "err"};
	char buf[512];
	va_list ap;

	if (lvl >= OSAL_LOG_WARN)
		g_warnings.fetch_add(1, std::memory_order_relaxed);
	if (lvl < OSAL_LOG_WARN && !options().log_all)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "[%s] %s: %s\n", current()->name.c_str(), names[lvl & 3], buf);
}

// ---- platform, MMIO, clocks, resets ---------------------------------------------

int osal_platform_get_resource(const char *name, uint64_t *phys, uint64_t *size)
{
	if (!strcmp(name, "tdma")) {
		*phys = TDMA_BASE;
		*size = TDMA_SIZE;
		return 0;
	}
	if (!strcmp(name, "tiu")) {
		*phys = TIU_BASE;
		*size = TIU_SIZE;
		return 0;
	}
	return -ENODEV;
}

int osal_platform_get_irq(const char *name)
{
	if (!strcmp(name, "tdma_irq"))
		return TDMA_IRQ;
	if (!strcmp(name, "tiu_irq"))
		return TIU_IRQ;
	return -ENODEV;
}

osal_iomem_t osal_ioremap(uint64_t phys, uint64_t size)
{
	(void)size;
	return static_cast<osal_iomem_t>(phys);  // the cookie is the bus address
}

void osal_iounmap(osal_iomem_t base)
{
	(void)base;
}

uint32_t osal_readl(osal_iomem_t base, uint32_t offset)
{
	return mmio(false, static_cast<uint64_t>(base) + offset, 0);
}

void osal_writel(osal_iomem_t base, uint32_t offset, uint32_t value)
{
	mmio(true, static_cast<uint64_t>(base) + offset, value);
}

int osal_clk_enable(const char *name)
{
	int i = clock_index(name);

	if (i < 0)
		return -ENOENT;
	g_clk[i].fetch_add(1, std::memory_order_relaxed);
	return 0;
}

void osal_clk_disable(const char *name)
{
	int i = clock_index(name);

	if (i < 0 || g_clk[i].fetch_sub(1, std::memory_order_relaxed) <= 0) {
		if (i >= 0)
			g_clk[i].fetch_add(1, std::memory_order_relaxed);
		report("clk-unbalanced", std::string("clk_disable(") + name +
		       ") without a matching enable");
	}
}

uint64_t osal_clk_get_rate(const char *name)
{
	return clock_index(name) < 0 ? 0 : static_cast<uint64_t>(TPU_CLK_HZ_DEFAULT);
}

static int reset_write(const char *name, bool assert_it)
{
	uint32_t mask;

	if (!strcmp(name, "res_tdma"))
		mask = RSTC_SOFT_RSTN_0_TDMA_MASK;
	else if (!strcmp(name, "res_tpu"))
		mask = RSTC_SOFT_RSTN_0_TPU_MASK;
	else if (!strcmp(name, "res_tpusys"))
		mask = RSTC_SOFT_RSTN_0_TPUSYS_MASK;
	else
		return -ENOENT;
	uint64_t a = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
	uint32_t v = mmio(false, a, 0);
	mmio(true, a, assert_it ? v & ~mask : v | mask);  // active low
	return 0;
}

int osal_reset_assert(const char *name)
{
	return reset_write(name, true);
}

int osal_reset_deassert(const char *name)
{
	return reset_write(name, false);
}

// ---- kernel memory ------------------------------------------------------------------

void *osal_kzalloc(size_t size)
{
	auto *h = static_cast<KHeader *>(calloc(1, sizeof(KHeader) + size));

	if (!h)
		return nullptr;
	h->magic = kLive;
	h->size = size;
	g_kmem.fetch_add(1, std::memory_order_relaxed);
	return h + 1;
}

void osal_kfree(void *p)
{
	if (!p)
		return;
	KHeader *h = static_cast<KHeader *>(p) - 1;
	if (h->magic != kLive) {
		report("bad-kfree", h->magic == kFreed ? "kfree of memory already freed"
						      : "kfree of a pointer kzalloc did not return");
		return;
	}
	h->magic = kFreed;
	g_kmem.fetch_sub(1, std::memory_order_relaxed);
	free(h);
}

// ---- spinlocks and mutexes ---------------------------------------------------------
//
// Spinlocks are pthread mutexes (as on PREEMPT_RT): on a machine with
// fewer cores than threads a spinning waiter would only burn the holder's
// time.  What makes them spinlocks is the discipline lockdep enforces: no
// sleeping while one is held.

osal_spinlock_t *osal_spin_create(const char *name)
{
	auto *l = new osal_spinlock;

	l->cls = lockdep::class_of(name ? name : "spinlock", false);
	return l;
}

void osal_spin_destroy(osal_spinlock_t *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->m);
	delete l;
}

void osal_spin_lock(osal_spinlock_t *l)
{
	lockdep::acquire(current(), l, l->cls, true);
	pthread_mutex_lock(&l->m);
}

void osal_spin_unlock(osal_spinlock_t *l)
{
	lockdep::release(current(), l, l->cls);
	pthread_mutex_unlock(&l->m);
}

unsigned long osal_spin_lock_irqsave(osal_spinlock_t *l)
{
	ThreadCtx *t = current();

	t->irq_off++;
	lockdep::acquire(t, l, l->cls, true);
	pthread_mutex_lock(&l->m);
	return 1;
}

void osal_spin_unlock_irqrestore(osal_spinlock_t *l, unsigned long flags)
{
	ThreadCtx *t = current();

	(void)flags;
	lockdep::release(t, l, l->cls);
	pthread_mutex_unlock(&l->m);
	if (t->irq_off > 0)
		t->irq_off--;
}

void osal_spin_assert_held(osal_spinlock_t *l)
{
	ThreadCtx *t = current();

	if (options().assert_held && !lockdep::holds(t, l))
		report("lock-not-held", std::string(lockdep::class_name(l->cls)) + " not held by " +
		       t->name + " where the driver asserts it");
}

osal_mutex_t *osal_mutex_create(const char *name)
{
	auto *m = new osal_mutex;

	m->cls = lockdep::class_of(name ? name : "mutex", true);
	return m;
}

void osal_mutex_destroy(osal_mutex_t *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->m);
	delete m;
}

void osal_mutex_lock(osal_mutex_t *m)
{
	lockdep::acquire(current(), m, m->cls, false);
	pthread_mutex_lock(&m->m);
}

void osal_mutex_unlock(osal_mutex_t *m)
{
	lockdep::release(current(), m, m->cls);
	pthread_mutex_unlock(&m->m);
}

// ---- wait queues ----------------------------------------------------------------------
//
// A wake-up bumps seq under the queue's mutex; a sleeper reads seq, checks
// cond with no lock held, and sleeps only while seq is unchanged, so a
// wake-up between its check and its sleep is never lost.

osal_waitq_t *osal_waitq_create(const char *name)
{
	auto *wq = new osal_waitq;

	wq->name = name ? name : "waitq";
	return wq;
}

void osal_waitq_destroy(osal_waitq_t *wq)
{
	delete wq;
}

int osal_wait_event(osal_waitq_t *wq, osal_cond_fn cond, void *arg, uint64_t timeout_ns,
		    bool interruptible)
{
	ThreadCtx *t = current();
	uint64_t deadline = deadline_after(timeout_ns);

	lockdep::might_sleep(t, ("wait_event(" + wq->name + ")").c_str());
	for (;;) {
		pthread_mutex_lock(&wq->w.m);
		uint64_t seq = wq->seq;
		pthread_mutex_unlock(&wq->w.m);
		if (cond(arg))
			return 1;

		bool timed_out = false, intr = false;
		pthread_mutex_lock(&wq->w.m);
		t->sleeping_on.store(&wq->w);
		while (wq->seq == seq) {
			if (interruptible && t->stop.load()) {
				intr = true;
				break;
			}
			if (!wq->w.sleep(deadline)) {
				timed_out = true;
				break;
			}
		}
		t->sleeping_on.store(nullptr);
		pthread_mutex_unlock(&wq->w.m);
		if (intr)
			return -EINTR;
		if (timed_out)
			return cond(arg) ? 1 : 0;
	}
}

void osal_wake_up_all(osal_waitq_t *wq)
{
	pthread_mutex_lock(&wq->w.m);
	wq->seq++;
	pthread_cond_broadcast(&wq->w.c);
	pthread_mutex_unlock(&wq->w.m);
}

void osal_wake_up_one(osal_waitq_t *wq)
{
	pthread_mutex_lock(&wq->w.m);
	wq->seq++;
	pthread_cond_signal(&wq->w.c);
	pthread_mutex_unlock(&wq->w.m);
}

// ---- completions -----------------------------------------------------------------------

osal_completion_t *osal_completion_create(const char *name)
{
	auto *c = new osal_completion;

	c->name = name ? name : "completion";
	return c;
}

void osal_completion_destroy(osal_completion_t *c)
{
	delete c;
}

void osal_reinit_completion(osal_completion_t *c)
{
	pthread_mutex_lock(&c->w.m);
	c->done = 0;
	pthread_mutex_unlock(&c->w.m);
}

void osal_complete(osal_completion_t *c)
{
	pthread_mutex_lock(&c->w.m);
	if (c->done != UINT32_MAX)
		c->done++;
	pthread_cond_broadcast(&c->w.c);
	pthread_mutex_unlock(&c->w.m);
}

int osal_wait_for_completion(osal_completion_t *c, uint64_t timeout_ns, bool interruptible)
{
	ThreadCtx *t = current();
	uint64_t deadline = deadline_after(timeout_ns);
	int r = 1;

	lockdep::might_sleep(t, ("wait_for_completion(" + c->name + ")").c_str());
	pthread_mutex_lock(&c->w.m);
	t->sleeping_on.store(&c->w);
	while (!c->done) {
		if (interruptible && t->stop.load()) {
			r = -EINTR;
			break;
		}
		if (!c->w.sleep(deadline)) {
			if (!c->done)
				r = 0;
			break;
		}
	}
	if (r == 1)
		c->done--;
	t->sleeping_on.store(nullptr);
	pthread_mutex_unlock(&c->w.m);
	return r;
}

// ---- kernel threads -------------------------------------------------------------------

osal_thread_t *osal_kthread_run(int (*fn)(void *arg), void *arg, const char *name)
{
	auto *t = new osal_thread;

	t->fn = fn;
	t->arg = arg;
	t->ctx.kind = Kind::kernel;
	t->ctx.tid = new_tid();
	t->ctx.name = name ? name : "kthread";
	if (pthread_create(&t->th, nullptr, kthread_main, t)) {
		delete t;
		return nullptr;
	}
	return t;
}

int osal_kthread_stop(osal_thread_t *t)
{
	lockdep::might_sleep(current(), "kthread_stop");
	t->ctx.stop.store(true);
	if (WaitBase *w = t->ctx.sleeping_on.load()) {
		pthread_mutex_lock(&w->m);
		pthread_cond_broadcast(&w->c);
		pthread_mutex_unlock(&w->m);
	}
	pthread_join(t->th, nullptr);
	int ret = t->ret;
	delete t;
	return ret;
}

bool osal_kthread_should_stop(void)
{
	return current()->stop.load();
}

uint64_t osal_current_tid(void)
{
	return current()->tid;
}

// ---- time -------------------------------------------------------------------------------

uint64_t osal_now_ns(void)
{
	return mono_ns();
}

void osal_msleep(uint32_t ms)
{
	timespec ts;

	lockdep::might_sleep(current(), "msleep");
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = static_cast<long>(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) && errno == EINTR) {
	}
}

void osal_udelay(uint32_t us)
{
	uint64_t end = mono_ns() + static_cast<uint64_t>(us) * 1000u;

	while (mono_ns() < end) {
	}
}

void osal_cpu_relax(void)
{
	sched_yield();
}

// ---- interrupts -------------------------------------------------------------------------

int osal_request_irq(int irq, osal_irq_handler_t handler, void *arg, const char *name)
{
	return irq_request(irq, handler, arg, name);
}

void osal_free_irq(int irq, void *arg)
{
	lockdep::might_sleep(current(), "free_irq");
	irq_free(irq, arg);
}

// ---- DMA memory -------------------------------------------------------------------------

int osal_dma_alloc(uint64_t size, uint64_t *paddr)
{
	lockdep::might_sleep(current(), "dma_alloc");
	return tpusim::posix::dma_alloc(size, paddr);
}

void osal_dma_free(uint64_t paddr, uint64_t size)
{
	lockdep::might_sleep(current(), "dma_free");
	tpusim::posix::dma_free(paddr, size);
}

int osal_dma_read(uint64_t paddr, void *dst, size_t len)
{
	return dram_access(paddr, dst, len, false);
}

int osal_dma_write(uint64_t paddr, const void *src, size_t len)
{
	return dram_access(paddr, const_cast<void *>(src), len, true);
}

// No CPU cache model on this host: every mapping of DMA memory is
// coherent, so maintenance has nothing to do.
void osal_dma_sync_for_device(uint64_t paddr, uint64_t size)
{
	(void)paddr;
	(void)size;
}

void osal_dma_sync_for_cpu(uint64_t paddr, uint64_t size)
{
	(void)paddr;
	(void)size;
}

// ---- user memory ------------------------------------------------------------------------

int osal_copy_from_user(void *dst, uint64_t uaddr, size_t len)
{
	ThreadCtx *t = current();

	lockdep::might_sleep(t, "copy_from_user");
	return user_copy(t->proc, uaddr, dst, len, false);
}

int osal_copy_to_user(uint64_t uaddr, const void *src, size_t len)
{
	ThreadCtx *t = current();

	lockdep::might_sleep(t, "copy_to_user");
	return user_copy(t->proc, uaddr, const_cast<void *>(src), len, true);
}

} // extern "C"
