/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * tpu_drv.h - internal interface of the TPU driver (/dev/cvi-tpu0).
 *
 * Threads and contexts:
 *   - user threads: ioctl SUBMIT (queue a task, return at once), WAIT (sleep
 *     on done_wq for the (tid, seq_no) result), cache ioctls;
 *   - one resident worker (tpu_job.c): pops tasks FIFO, runs each through
 *     the hardware layer (tpu_hw.c), moves it to the done list;
 *   - the TDMA interrupt handler (tpu_irq.c): records the status, clears it,
 *     completes tdma_done for the worker.
 *
 * Lock order (outer to inner; a line lists every lock that may be taken
 * while holding the one on its left):
 *
 *     task_lock  -> (none)
 *     done_lock  -> (none)
 *     irq_lock   -> (none)      taken with irqsave; also from the ISR
 *     ion_dev.lock (ion.h) is a leaf and never nests with these
 *
 * No two driver locks are ever held together, and none is held across a
 * call that may sleep, an MMIO access, or ion_buffer_put() (which takes
 * ion_dev.lock and frees DMA pages): entries are unlinked under the lock
 * and disposed of after it is dropped.
 *
 * task_list and done_list are changed only by the *_locked helpers of
 * tpu_job.c, tpu_done.c and tpu_task.c, each of which asserts its lock
 * (osal_spin_assert_held), so a caller that forgets the lock is reported
 * even where no thread switch happens to expose the race.
 *
 * Lifetimes:
 *   - struct tpu_device: probe .. remove; one instance (tpu_drv.c).
 *   - struct tpu_task: allocated by SUBMIT, owned by task_list, then by the
 *     worker while it runs, then by done_list, then freed by the WAIT that
 *     matches it, by the drop-oldest bound, or by remove.
 *   - a task holds one ION buffer reference from SUBMIT until its run ends
 *     (see tpu_job.c: the vendor driver also puts its dma_buf right after
 *     the run), so user space may close any fd while the job is queued or
 *     running without the pages going away.
 */
#ifndef TPU_DRIVER_TPU_DRV_H
#define TPU_DRIVER_TPU_DRV_H

#include <stdbool.h>
#include <stdint.h>

#include "tpu/dmabuf.h"
#include "tpu/os.h"
#include "ion.h"
#include "tpu_list.h"

/* ---- limits and timeouts ------------------------------------------------ */

#define TPU_NS_PER_MS            1000000ull
#define TPU_NS_PER_S             1000000000ull

/* SUBMIT sleeps while more than this many tasks are queued (vendor
 * TASK_LIST_MAX). */
#define TPU_TASK_LIST_MAX        100u
#define TPU_THROTTLE_SLEEP_MS    20u
/* Finished results kept for WAIT; the oldest is dropped beyond this
 * (Starry glue DONE_LIST_MAX). */
#define TPU_DONE_LIST_MAX        64u
/* WAIT gives up after this much (virtual) time (Starry glue; vendor Linux
 * waits forever). */
#define TPU_WAIT_TIMEOUT_NS      (10 * TPU_NS_PER_S)
/* Hardware waits: TDMA interrupt per segment, PMU stop, TIU poll (Starry
 * glue 10 s; vendor 60 s, see docs/driver.md). */
#define TPU_HW_TIMEOUT_NS        (10 * TPU_NS_PER_S)
/* Polling fallback (no IRQ): spin this long with cpu_relax before falling
 * back to 1 ms sleeps, so short segments do not pay a whole millisecond. */
#define TPU_POLL_SPIN_NS         (50 * 1000ull)
/* While the TDMA interrupt is awaited, the TIU's error flag is looked at
 * this often: a TIU stopped by an error leaves the TDMA waiting for its
 * ids, and the job must fail promptly, not at TPU_HW_TIMEOUT_NS
 * (docs/driver.md deviation 20).  The TIU poll's sleep step. */
#define TPU_HW_LOOK_NS           (1000 * 1000ull)

/*
 * FIELD_PREP (tpu/bits.h) computes the shift in an inline function, so it
 * is not a constant expression.  This twin folds at compile time; it exists
 * only so that register values composed from the generated masks can be
 * _Static_assert'ed against the vendor's literals.
 */
#define TPU_FIELD_PREP_CONST(mask, val) \
	((((uint32_t)(val)) << __builtin_ctz(mask)) & (uint32_t)(mask))

/* ---- data --------------------------------------------------------------- */

struct tpu_task {
	struct tpu_list node;      /* on task_list or done_list, or unlinked */
	uint64_t tid;              /* submitting thread (osal_current_tid) */
	uint32_t seq_no;           /* caller's sequence number */
	struct ion_buffer *buf;    /* counted reference; NULL once the run ended */
	uint64_t paddr;            /* dmabuf physical address */
	uint64_t size;             /* dmabuf size (bounds the header reads) */
	int ret;                   /* run result: 0 or -errno */
};

/* What the interrupt handler (or the polling fallback) saw for the wait in
 * progress; reset by the worker before each hardware wait. */
struct tpu_irq_rec {
	uint32_t status;           /* OR of all STATUS fields seen */
	uint32_t err;              /* status bits that are errors */
	uint32_t sync_status;      /* SYNC_STATUS read before the clear */
	uint32_t count;            /* interrupts serviced */
	bool seen;
};

struct tpu_device {
	osal_iomem_t tdma;         /* TDMA register window */
	osal_iomem_t tiu;          /* TIU register window */

	osal_spinlock_t *task_lock; /* protects: task_list, task_count */
	struct tpu_list task_list;  /* FIFO of struct tpu_task, not yet run */
	unsigned int task_count;
	osal_waitq_t *task_wq;      /* worker sleeps here for work or stop */

	osal_spinlock_t *done_lock; /* protects: done_list, done_count */
	struct tpu_list done_list;  /* finished tasks, oldest first */
	unsigned int done_count;
	osal_waitq_t *done_wq;      /* WAIT callers sleep here (wake_up_all) */

	osal_spinlock_t *irq_lock;  /* protects: irq_rec */
	struct tpu_irq_rec irq_rec;
	osal_completion_t *tdma_done; /* ISR -> worker; tpu_irq_setup .. teardown */
	int irq;                    /* TDMA line, or -1 when polling */
	bool irq_requested;

	osal_thread_t *worker;

	/* Written only by the worker (single thread), read for logs. */
	bool clk_missing_warned;
	bool rst_missing_warned;
	uint64_t jobs_run;
	uint64_t jobs_failed;
};

/* ---- tpu_drv.c: probe/remove, file operations --------------------------- */
/* (entry points tpu_drv_probe / tpu_drv_remove are in tpu/driver.h) */

/* ---- tpu_ioctl.c: dispatch and argument copy-in/out --------------------- */

long tpu_ioctl(struct tpu_device *tdev, unsigned int cmd, uint64_t arg);

/* ---- tpu_task.c: freeing tasks (below tpu_job.c and tpu_done.c) -------- */

/* Free a task, dropping its buffer reference if it still has one. */
void tpu_task_free(struct tpu_task *task);
/* Unlink every task of list (and zero *count) under lock, then log each
 * one at lvl as "discarding <what>" and free it outside the lock.  For
 * remove, after the worker stopped. */
void tpu_task_list_drain(osal_spinlock_t *lock, struct tpu_list *list, unsigned int *count,
			 enum osal_log_level lvl, const char *what);

/* ---- tpu_job.c: submit, task list, throttle, worker --------------------- */

/* Queue the dmabuf behind fd for the calling thread; 0, -EBADF, -ENOMEM. */
int tpu_job_submit(struct tpu_device *tdev, int fd, uint32_t seq_no);
/* The worker thread's body (osal_kthread_run). */
int tpu_job_worker(void *arg);
/* After the worker stopped: free every queued task (remove). */
void tpu_job_flush(struct tpu_device *tdev);

/* ---- tpu_done.c: bounded done list, (tid, seq_no) match, WAIT ----------- */

/* Append a finished task; drops (and frees) the oldest beyond the bound;
 * wakes every waiter. */
void tpu_done_add(struct tpu_device *tdev, struct tpu_task *task);
/* Wait for the caller's (tid, seq_no) result: 0 with *ret filled in,
 * -ETIMEDOUT, or -EINTR. */
int tpu_done_wait(struct tpu_device *tdev, uint32_t seq_no, int *ret);
/* After the worker stopped: free every unclaimed result (remove). */
void tpu_done_flush(struct tpu_device *tdev);

/* ---- tpu_irq.c: ISR and polling fallback -------------------------------- */

/* Create tdma_done, then request the TDMA line; without the line the
 * driver polls (not an error).  0, or -ENOMEM (nothing to undo). */
int tpu_irq_setup(struct tpu_device *tdev);
/* Undo tpu_irq_setup: free the line, destroy tdma_done. */
void tpu_irq_teardown(struct tpu_device *tdev);
/* Worker: forget what was seen so far; call before firing an engine. */
void tpu_irq_arm(struct tpu_device *tdev);
/* Asked every TPU_HW_LOOK_NS while tpu_irq_wait waits: true ends the wait. */
typedef bool (*tpu_irq_look_fn)(struct tpu_device *tdev);
/* Worker: wait for the TDMA interrupt (or poll for it); fills *rec with
 * what was seen.  0, -ETIMEDOUT, or -ECANCELED when look (may be NULL)
 * ended the wait. */
int tpu_irq_wait(struct tpu_device *tdev, uint64_t timeout_ns, tpu_irq_look_fn look,
		 struct tpu_irq_rec *rec);

/* ---- tpu_hw.c: one dmabuf on the hardware ------------------------------- */

/* Run the dmabuf at [paddr, paddr + size): 0 or -EINVAL / -EFAULT /
 * -ETIMEDOUT / -EIO.  Worker context only (sleeps, owns the hardware). */
int tpu_hw_run_one(struct tpu_device *tdev, uint64_t paddr, uint64_t size);

/* ---- tpu_pmu.c: optional performance monitor ---------------------------- */

/* Check that the header's PMU buffer is usable: 0 (also when the PMU is
 * off), or -EINVAL (misaligned, or outside the dmabuf).  *on tells. */
int tpu_pmu_check(const struct tpu_dma_hdr *hdr, uint64_t dmabuf_size, bool *on);
void tpu_pmu_enable(struct tpu_device *tdev, uint64_t buf_paddr, uint32_t buf_size);
void tpu_pmu_disable(struct tpu_device *tdev);

#endif /* TPU_DRIVER_TPU_DRV_H */
