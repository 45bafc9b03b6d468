/* SPDX-License-Identifier: Apache-2.0 */
/*
 * os.h - the OS interface the TPU and ION drivers are written against.
 *
 * This is the whole world the driver sees: MMIO, locks, wait queues,
 * threads, time, interrupts, DMA memory, user memory, files.  tpusim's
 * sim-OS (harness/os) implements it on SystemC threads with virtual time; a
 * port to Linux or an RTOS implements the same calls.  The contracts below
 * are what the driver may rely on, nothing more.
 *
 * Conventions: functions that can fail return 0 or a negative errno (Linux
 * values from <errno.h>) or NULL, as stated per call.  "May sleep" calls
 * must not be made while holding a spinlock or from interrupt context (the
 * sim-OS reports it as a bug).  Every lock acquire, wake-up, MMIO access and
 * sleep is a scheduling point where another simulated thread may run.
 */
#ifndef TPU_OS_H
#define TPU_OS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- logging ----------------------------------------------------------- */

enum osal_log_level { OSAL_LOG_DEBUG, OSAL_LOG_INFO, OSAL_LOG_WARN, OSAL_LOG_ERR };

/* Never fails, never sleeps; safe in interrupt context. */
void osal_log(enum osal_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define osal_dbg(...)  osal_log(OSAL_LOG_DEBUG, __VA_ARGS__)
#define osal_info(...) osal_log(OSAL_LOG_INFO, __VA_ARGS__)
#define osal_warn(...) osal_log(OSAL_LOG_WARN, __VA_ARGS__)
#define osal_err(...)  osal_log(OSAL_LOG_ERR, __VA_ARGS__)

/* ---- platform resources (device tree) ---------------------------------- */

/* Register window by DT reg-name ("tdma", "tiu"); 0 or -ENODEV. */
int osal_platform_get_resource(const char *name, uint64_t *phys, uint64_t *size);
/* Interrupt line by DT interrupt-name ("tiu_irq", "tdma_irq"); >= 0 or -ENODEV. */
int osal_platform_get_irq(const char *name);

/* ---- MMIO -------------------------------------------------------------- */

typedef uintptr_t osal_iomem_t;

/* Map a register window; 0 on failure. */
osal_iomem_t osal_ioremap(uint64_t phys, uint64_t size);
void osal_iounmap(osal_iomem_t base);
/* 32-bit register access (readl/writel).  An access the bus rejects is
 * logged by the host; a read then returns 0xFFFFFFFF. */
uint32_t osal_readl(osal_iomem_t base, uint32_t offset);
void osal_writel(osal_iomem_t base, uint32_t offset, uint32_t value);

/* ---- clocks and resets -------------------------------------------------- */

/* Clocks by DT clock-name ("clk_tpu_axi", "clk_tpu_fab"): enable counts
 * like clk_prepare_enable; 0 or -ENOENT. */
int osal_clk_enable(const char *name);
void osal_clk_disable(const char *name);
/* Rate in Hz, 0 if unknown. */
uint64_t osal_clk_get_rate(const char *name);
/* Resets by DT reset-name ("res_tdma", "res_tpu", "res_tpusys"); 0 or -ENOENT. */
int osal_reset_assert(const char *name);
int osal_reset_deassert(const char *name);

/* ---- kernel memory ------------------------------------------------------ */

/* Zeroed allocation; NULL on failure (injectable).  Does not sleep. */
void *osal_kzalloc(size_t size) __attribute__((warn_unused_result));
void osal_kfree(void *p);

/* ---- spinlocks (interrupt-safe, never sleep) ---------------------------- */

typedef struct osal_spinlock osal_spinlock_t;

/* NULL on allocation failure. */
osal_spinlock_t *osal_spin_create(const char *name) __attribute__((warn_unused_result));
void osal_spin_destroy(osal_spinlock_t *l);
void osal_spin_lock(osal_spinlock_t *l);
void osal_spin_unlock(osal_spinlock_t *l);
/* Also masks interrupts on this hart until the matching restore. */
unsigned long osal_spin_lock_irqsave(osal_spinlock_t *l);
void osal_spin_unlock_irqrestore(osal_spinlock_t *l, unsigned long flags);
/* Reports a bug (lockdep-lite) if the caller does not hold l. */
void osal_spin_assert_held(osal_spinlock_t *l);

/* ---- mutexes (may sleep) ------------------------------------------------ */

typedef struct osal_mutex osal_mutex_t;

osal_mutex_t *osal_mutex_create(const char *name) __attribute__((warn_unused_result));
void osal_mutex_destroy(osal_mutex_t *m);
void osal_mutex_lock(osal_mutex_t *m);
void osal_mutex_unlock(osal_mutex_t *m);

/* ---- wait queues (sleepers side may sleep; wake side is IRQ-safe) ------- */

typedef struct osal_waitq osal_waitq_t;
typedef bool (*osal_cond_fn)(void *arg);

#define OSAL_WAIT_FOREVER UINT64_MAX

osal_waitq_t *osal_waitq_create(const char *name) __attribute__((warn_unused_result));
void osal_waitq_destroy(osal_waitq_t *wq);
/*
 * Sleep until cond(arg) is true.  cond is called with no lock held, before
 * the first sleep, after every wake-up and once more at the deadline; it
 * may take spinlocks.  Returns
 * 1 when cond is true, 0 when timeout_ns of virtual time passed with cond
 * still false, -EINTR when interruptible and a signal arrived (also when the
 * calling kernel thread is being stopped).
 */
int osal_wait_event(osal_waitq_t *wq, osal_cond_fn cond, void *arg,
		    uint64_t timeout_ns, bool interruptible);
void osal_wake_up_all(osal_waitq_t *wq);
void osal_wake_up_one(osal_waitq_t *wq);

/* ---- completions (complete() is IRQ-safe) ------------------------------- */

typedef struct osal_completion osal_completion_t;

osal_completion_t *osal_completion_create(const char *name) __attribute__((warn_unused_result));
void osal_completion_destroy(osal_completion_t *c);
void osal_reinit_completion(osal_completion_t *c);
void osal_complete(osal_completion_t *c);
/* 1 when completed, 0 on timeout, -EINTR if interrupted. */
int osal_wait_for_completion(osal_completion_t *c, uint64_t timeout_ns, bool interruptible);

/* ---- kernel threads ----------------------------------------------------- */

typedef struct osal_thread osal_thread_t;

/* Start fn(arg) on a new kernel thread; NULL on failure (injectable). */
osal_thread_t *osal_kthread_run(int (*fn)(void *arg), void *arg, const char *name)
	__attribute__((warn_unused_result));
/* Ask t to stop, wake it from its interruptible waits (they return
 * -EINTR; uninterruptible waits and msleep run to their end), and wait for
 * fn to return.  Returns fn's return value. */
int osal_kthread_stop(osal_thread_t *t);
/* In a kernel thread: true once osal_kthread_stop() was called on it. */
bool osal_kthread_should_stop(void);
/* Id of the calling thread (Linux current->pid: a thread id, not a process id). */
uint64_t osal_current_tid(void);

/* ---- time --------------------------------------------------------------- */

uint64_t osal_now_ns(void);
void osal_msleep(uint32_t ms);            /* may sleep */
void osal_udelay(uint32_t us);            /* busy-waits (the hart stays busy) */
/* One step of a busy-poll loop: burns a little CPU time and lets the
 * devices advance.  Poll loops must bound themselves by osal_now_ns(). */
void osal_cpu_relax(void);

/* ---- interrupts --------------------------------------------------------- */

enum osal_irqreturn { OSAL_IRQ_NONE = 0, OSAL_IRQ_HANDLED = 1 };
typedef enum osal_irqreturn (*osal_irq_handler_t)(int irq, void *arg);

/* Level-triggered: the handler runs in interrupt context (no sleeping) and
 * again for as long as the line stays high.  0 or -errno (injectable). */
int osal_request_irq(int irq, osal_irq_handler_t handler, void *arg, const char *name);
void osal_free_irq(int irq, void *arg);

/* ---- DMA memory --------------------------------------------------------- */

/* Physically contiguous, page-aligned, zeroed pages; 0 or -ENOMEM.
 * Alloc and free are for thread context with no spinlock held. */
int osal_dma_alloc(uint64_t size, uint64_t *paddr) __attribute__((warn_unused_result));
void osal_dma_free(uint64_t paddr, uint64_t size);
/* Kernel-mapping access to DMA memory; 0 or -EFAULT outside DRAM. */
int osal_dma_read(uint64_t paddr, void *dst, size_t len);
int osal_dma_write(uint64_t paddr, const void *src, size_t len);
/* Cache maintenance by physical range (no validation, as on Linux). */
void osal_dma_sync_for_device(uint64_t paddr, uint64_t size);  /* clean */
void osal_dma_sync_for_cpu(uint64_t paddr, uint64_t size);     /* invalidate */

/* ---- user memory -------------------------------------------------------- */

/* 0, or -EFAULT if any byte is not mapped in the calling process. */
int osal_copy_from_user(void *dst, uint64_t uaddr, size_t len);
int osal_copy_to_user(uint64_t uaddr, const void *src, size_t len);

/* ---- files -------------------------------------------------------------- */

struct osal_file;

struct osal_vma {
	uint64_t start;  /* user address chosen by the host */
	uint64_t len;
	uint64_t pgoff;  /* mmap offset / page size */
};

/* An op left NULL: open succeeds, release does nothing, ioctl fails with
 * -ENOTTY, mmap with -ENODEV, read and write with -EINVAL. */
struct osal_file_ops {
	int (*open)(struct osal_file *f);        /* chrdev only; 0 or -errno */
	void (*release)(struct osal_file *f);    /* last reference gone */
	long (*ioctl)(struct osal_file *f, unsigned int cmd, uint64_t arg);
	int (*mmap)(struct osal_file *f, struct osal_vma *vma);
	long (*read)(struct osal_file *f, uint64_t ubuf, size_t len);
	long (*write)(struct osal_file *f, uint64_t ubuf, size_t len);
};

/* Make a character device node; 0 or -errno.  drvdata is handed back by
 * osal_file_drvdata() for every file opened on it. */
int osal_register_chrdev(const char *path, const struct osal_file_ops *ops, void *drvdata);
void osal_unregister_chrdev(const char *path);

void *osal_file_drvdata(struct osal_file *f);
void *osal_file_private(struct osal_file *f);
void osal_file_set_private(struct osal_file *f, void *priv);
const struct osal_file_ops *osal_file_ops_of(struct osal_file *f);

/* New anonymous file (a dma-buf) in the calling process's fd table;
 * osal_file_private() of it returns priv until its release op runs.
 * fd >= 0 or -errno.  The fd cannot be taken back: do everything that can
 * fail before installing it. */
int osal_anon_fd(const struct osal_file_ops *ops, void *priv, const char *name);
/* fd -> file, taking a reference; NULL if fd is not open in the caller. */
struct osal_file *osal_fget(int fd);
void osal_fput(struct osal_file *f);

/* In an mmap op: back vma with the DMA range [paddr, paddr + vma->len);
 * cached selects a cacheable user mapping.  0 or -errno. */
int osal_vma_map_dma(struct osal_vma *vma, uint64_t paddr, bool cached);

/* ---- extensions for hosted Linux drivers (harness/linux) ----------------
 * The Linux kernel API layer needs a few primitives the project's driver
 * does not (docs/vendor-driver.md).  Only the sim-OS implements them; the
 * other hosts of this interface (POSIX, kernel module) never link the layer.
 */

/* Linux prepare_to_wait / schedule / finish_wait, for wait_event_*() with
 * an arbitrary C condition.  After osal_prepare_to_wait() the caller is on
 * wq, so a wake-up that comes between its check of the condition and its
 * sleep is not lost.  It returns -EINTR instead (and does not queue the
 * caller) when interruptible and a signal is pending, else 0.
 * osal_wait_woken() sleeps until the caller was woken since the last
 * prepare (returns 0 at once if it already was), the timeout passed
 * (-ETIMEDOUT; OSAL_WAIT_FOREVER: none) or, when interruptible, a signal
 * came (-EINTR).  Unlike osal_wait_event(), a kernel thread being stopped
 * is not a signal here: Linux kthread_stop() only wakes the thread, so the
 * wait returns 0 and the caller re-checks its condition.  A signal is not
 * consumed by these calls: it stays pending until the system call returns
 * (-ERESTARTSYS and friends become -EINTR there), as Linux delivers it.
 * osal_finish_wait() takes the caller off wq. */
int osal_prepare_to_wait(osal_waitq_t *wq, bool interruptible);
int osal_wait_woken(osal_waitq_t *wq, uint64_t timeout_ns, bool interruptible);
void osal_finish_wait(osal_waitq_t *wq);
/* Linux wake_up_interruptible(): wakes only the waiters that sleep
 * interruptibly (osal_wake_up_all() wakes every waiter).  IRQ-safe. */
void osal_wake_up_interruptible(osal_waitq_t *wq);
/* Linux signal_pending(current). */
bool osal_signal_pending(void);

/* Backing objects for the locks and wait queues a Linux driver embeds in
 * its own memory (spinlock_t, struct mutex, wait_queue_head_t): Linux
 * initialises them without failing and never destroys them, so these are
 * not injectable, never return NULL and are not counted as live kernel
 * objects at the end of a run. */
osal_spinlock_t *osal_spin_create_embedded(const char *name);
osal_mutex_t *osal_mutex_create_embedded(const char *name);
osal_waitq_t *osal_waitq_create_embedded(const char *name);

/* Context queries: interrupt (or timer callback) context, a kernel thread,
 * and the calling thread's process (Linux tgid: the id of the process's
 * first thread, which is that thread's osal_current_tid(); a kernel thread
 * is a process of its own).  osal_thread_tid() is the thread id of a
 * thread osal_kthread_run() made (Linux task->pid). */
bool osal_in_interrupt(void);
bool osal_in_kthread(void);
uint64_t osal_current_tgid(void);
uint64_t osal_thread_tid(osal_thread_t *t);
/* Process enumeration for for_each_process(): the smallest tgid greater
 * than after among live processes (user processes and kernel threads),
 * 0 when there is none.  Never sleeps or yields, so it may be called with
 * a spinlock held. */
uint64_t osal_next_process(uint64_t after);

/* Linux might_sleep() under CONFIG_DEBUG_ATOMIC_SLEEP: reports a finding
 * when the caller is in atomic context (spinlock held, interrupts masked,
 * interrupt or timer context), whether or not it would really block. */
void osal_might_sleep(const char *what);

/* A misuse of a kernel API that Linux would warn or oops about (a list_del
 * of a poisoned entry, a put below zero, an MMIO access outside every
 * mapping): reported as a finding of checker kernel-api, and the run goes
 * on.  Safe in any context. */
void osal_kernel_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One-shot timers whose callbacks run in softirq-like atomic context
 * (must not sleep; interrupt context for the checkers).  A timer is off
 * its queue before its callback runs.  Like a Linux timer_list, a timer is
 * never destroyed: create is not injectable and does not fail. */
typedef struct osal_timer osal_timer_t;
osal_timer_t *osal_timer_create(void (*fn)(void *arg), void *arg, const char *name)
	__attribute__((warn_unused_result));
void osal_timer_destroy(osal_timer_t *t);
/* Arm or move the timer to fire at virtual time expires_ns (osal_now_ns()
 * scale); returns true if it was pending. */
bool osal_timer_mod(osal_timer_t *t, uint64_t expires_ns);
/* Deactivate (Linux del_timer): does not wait for a running callback.
 * True if it was pending. */
bool osal_timer_del(osal_timer_t *t);
/* Deactivate; waits for a running callback to finish.  True if it was
 * pending. */
bool osal_timer_del_sync(osal_timer_t *t);
bool osal_timer_pending(osal_timer_t *t);

/* A host pointer to the live bytes of DMA memory [paddr, paddr + len): the
 * kernel's linear mapping, as ION's kernel mapping or phys_to_virt() give
 * it.  Accesses through it bypass the CPU cache model (an uncached kernel
 * view).  NULL when the range is not inside DRAM.  The inverse maps such a
 * pointer back: 0, or -EFAULT if p is not inside the mapping. */
void *osal_dma_kmap(uint64_t paddr, uint64_t len);
int osal_dma_kaddr_to_phys(const void *p, uint64_t *paddr);

/* ---- reference counts --------------------------------------------------- */

struct osal_kref {
	int refcount;
};

static inline void osal_kref_init(struct osal_kref *k)
{
	__atomic_store_n(&k->refcount, 1, __ATOMIC_RELEASE);
}

static inline void osal_kref_get(struct osal_kref *k)
{
	__atomic_add_fetch(&k->refcount, 1, __ATOMIC_ACQ_REL);
}

/* The current count, for diagnostics only (Linux kref_read): it may be
 * stale by the time the caller looks at it. */
static inline int osal_kref_read(const struct osal_kref *k)
{
	return __atomic_load_n(&k->refcount, __ATOMIC_RELAXED);
}

/* Returns 1 if release ran (the last reference was dropped). */
static inline int osal_kref_put(struct osal_kref *k, void (*release)(struct osal_kref *k))
{
	if (__atomic_sub_fetch(&k->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		release(k);
		return 1;
	}
	return 0;
}

#define osal_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#ifdef __cplusplus
}
#endif

#endif /* TPU_OS_H */
