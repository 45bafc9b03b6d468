// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_job.c - SUBMIT, the task list, the throttle, and the one resident
 * worker thread that owns the hardware.
 *
 * SUBMIT only queues: it resolves the fd to an ION buffer, takes a buffer
 * reference for the task, appends the task (FIFO) and wakes the worker,
 * then returns 0 before the job runs.  The worker runs tasks one at a time,
 * so the hardware layer never sees two jobs; results go to the done list
 * (tpu_done.c), where WAIT picks them up by (thread id, seq_no).
 */
#include "tpu_drv.h"

/* ---- task_list: every change is made with task_lock held ---------------- */

/* Queue a task at the tail (FIFO). */
static void tpu_job_append_locked(struct tpu_device *tdev, struct tpu_task *task)
{
	osal_spin_assert_held(tdev->task_lock);
	tpu_list_add_tail(&task->node, &tdev->task_list);
	tdev->task_count++;
}

/* Unlink and return the oldest queued task, or NULL. */
static struct tpu_task *tpu_job_pop_locked(struct tpu_device *tdev)
{
	struct tpu_list *first;

	osal_spin_assert_held(tdev->task_lock);
	first = tpu_list_first(&tdev->task_list);
	if (!first)
		return NULL;
	tpu_list_del(first);
	tdev->task_count--;
	return tpu_list_entry(first, struct tpu_task, node);
}

static unsigned int tpu_task_count(struct tpu_device *tdev)
{
	unsigned long flags;
	unsigned int n;

	flags = osal_spin_lock_irqsave(tdev->task_lock);
	n = tdev->task_count;
	osal_spin_unlock_irqrestore(tdev->task_lock, flags);
	return n;
}

/*
 * Back-pressure like the vendor driver: while more than TPU_TASK_LIST_MAX
 * tasks wait, sleep 20 ms and look again.  The count is read afresh on
 * every pass; the vendor kept a counter across passes that was never reset,
 * so a submitter that once saw a full list slept forever (11.1-1).
 */
static void tpu_job_throttle(struct tpu_device *tdev)
{
	unsigned int n;

	while ((n = tpu_task_count(tdev)) > TPU_TASK_LIST_MAX) {
		osal_warn("tpu: too many tasks in task list (%u > %u), tid=%llu sleeps %u ms", n,
			  TPU_TASK_LIST_MAX, (unsigned long long)osal_current_tid(),
			  TPU_THROTTLE_SLEEP_MS);
		osal_msleep(TPU_THROTTLE_SLEEP_MS);
	}
}

int tpu_job_submit(struct tpu_device *tdev, int fd, uint32_t seq_no)
{
	struct ion_buffer *buf;
	struct tpu_task *task;
	unsigned long flags;
	int ret;

	/* Resolve the fd first: a bad fd never becomes a queued task (the
	 * vendor queued it anyway with an error pointer: 11.1-2). */
	buf = ion_buffer_get_fd(fd, &ret);
	if (!buf) {
		osal_warn("tpu: submit: fd %d is not an ION buffer (%d)", fd, ret);
		return ret;
	}

	tpu_job_throttle(tdev);

	task = osal_kzalloc(sizeof(*task));
	if (!task) {
		ret = -ENOMEM;
		goto err_put_buf;
	}
	tpu_list_init(&task->node);
	/* A thread id, like Linux current->pid: WAIT must come from the same
	 * thread, and equal seq_nos of different threads never mix. */
	task->tid = osal_current_tid();
	task->seq_no = seq_no;
	task->buf = buf;            /* the reference taken above moves here */
	task->paddr = ion_buffer_paddr(buf);
	task->size = ion_buffer_size(buf);

	osal_dbg("tpu: submit tid=%llu seq_no=%u paddr=0x%llx", (unsigned long long)task->tid,
		 seq_no, (unsigned long long)task->paddr);

	flags = osal_spin_lock_irqsave(tdev->task_lock);
	tpu_job_append_locked(tdev, task);
	osal_spin_unlock_irqrestore(tdev->task_lock, flags);

	/* From the unlock on the task belongs to the worker (it may already
	 * be running, finished, even dropped): do not touch it again. */
	osal_wake_up_one(tdev->task_wq);
	return 0;

err_put_buf:
	ion_buffer_put(buf);
	return ret;
}

/* ---- the worker ---------------------------------------------------------- */

static bool tpu_worker_should_wake(void *arg)
{
	struct tpu_device *tdev = arg;

	/* Evaluated in the worker's own context, so should_stop is its own. */
	return tpu_task_count(tdev) != 0 || osal_kthread_should_stop();
}

static struct tpu_task *tpu_job_pop(struct tpu_device *tdev)
{
	struct tpu_task *task;
	unsigned long flags;

	flags = osal_spin_lock_irqsave(tdev->task_lock);
	task = tpu_job_pop_locked(tdev);
	osal_spin_unlock_irqrestore(tdev->task_lock, flags);
	return task;
}

static void tpu_job_run(struct tpu_device *tdev, struct tpu_task *task)
{
	osal_dbg("tpu: run tid=%llu seq_no=%u", (unsigned long long)task->tid, task->seq_no);
	task->ret = tpu_hw_run_one(tdev, task->paddr, task->size);
	tdev->jobs_run++;
	if (task->ret) {
		tdev->jobs_failed++;
		osal_warn("tpu: job tid=%llu seq_no=%u failed: %d", (unsigned long long)task->tid,
			  task->seq_no, task->ret);
	}

	/* The task keeps its buffer reference on the done list until WAIT
	 * claims it or the bound drops it (tpu_task_free), as the seed does:
	 * the result and its pages leave together, so the done-list bound
	 * is also the bound on DMA memory pinned by results nobody claims. */
}

int tpu_job_worker(void *arg)
{
	struct tpu_device *tdev = arg;
	struct tpu_task *task;

	osal_info("tpu: worker started");
	for (;;) {
		/* Interruptible only so that kthread_stop can wake us; a
		 * kernel thread gets no signals otherwise. */
		osal_wait_event(tdev->task_wq, tpu_worker_should_wake, tdev, OSAL_WAIT_FOREVER,
				true);
		if (osal_kthread_should_stop())
			break;
		task = tpu_job_pop(tdev);
		if (!task)
			continue;
		tpu_job_run(tdev, task);
		tpu_done_add(tdev, task);
	}
	osal_info("tpu: worker stopped after %llu jobs (%llu failed)",
		  (unsigned long long)tdev->jobs_run, (unsigned long long)tdev->jobs_failed);
	return 0;
}

void tpu_job_flush(struct tpu_device *tdev)
{
	/* Jobs never run: a warning, their submitters get no result. */
	tpu_task_list_drain(tdev->task_lock, &tdev->task_list, &tdev->task_count, OSAL_LOG_WARN,
			    "queued job");
}
