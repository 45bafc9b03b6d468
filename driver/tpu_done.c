// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_done.c - finished jobs waiting to be claimed, and WAIT.
 *
 * A result belongs to the thread that submitted it: WAIT matches on
 * (osal_current_tid(), seq_no) and never hands a result to anyone else.
 * The list is bounded: beyond TPU_DONE_LIST_MAX entries the oldest result
 * is dropped with a warning, so threads that submit and never wait (or
 * exit first) cannot grow it without bound.
 */
#include "tpu_drv.h"

/* ---- done_list: every change is made with done_lock held ---------------- */

/*
 * Append a finished task; beyond the bound, move the oldest entries to
 * *dropped, which the caller disposes of after dropping the lock.
 */
static void tpu_done_append_locked(struct tpu_device *tdev, struct tpu_task *task,
				   struct tpu_list *dropped)
{
	struct tpu_list *pos;

	osal_spin_assert_held(tdev->done_lock);
	tpu_list_add_tail(&task->node, &tdev->done_list);
	tdev->done_count++;
	while (tdev->done_count > TPU_DONE_LIST_MAX) {
		pos = tpu_list_first(&tdev->done_list);
		tpu_list_del(pos);
		tdev->done_count--;
		tpu_list_add_tail(pos, dropped);
	}
}

/* Unlink and return the oldest result of (tid, seq_no), or NULL.  The
 * oldest, so duplicate seq_nos of one thread come back in completion
 * order. */
static struct tpu_task *tpu_done_take_locked(struct tpu_device *tdev, uint64_t tid,
					     uint32_t seq_no)
{
	struct tpu_list *pos;

	osal_spin_assert_held(tdev->done_lock);
	tpu_list_for_each(pos, &tdev->done_list) {
		struct tpu_task *t = tpu_list_entry(pos, struct tpu_task, node);

		if (t->tid == tid && t->seq_no == seq_no) {
			tpu_list_del(pos);
			tdev->done_count--;
			return t;
		}
	}
	return NULL;
}

void tpu_done_add(struct tpu_device *tdev, struct tpu_task *task)
{
	struct tpu_list dropped, *pos, *tmp;
	unsigned long flags;

	tpu_list_init(&dropped);
	flags = osal_spin_lock_irqsave(tdev->done_lock);
	tpu_done_append_locked(tdev, task, &dropped);
	osal_spin_unlock_irqrestore(tdev->done_lock, flags);

	/* Warn and free outside the lock. */
	tpu_list_for_each_safe(pos, tmp, &dropped) {
		struct tpu_task *old = tpu_list_entry(pos, struct tpu_task, node);

		osal_warn("tpu: done list above %u, dropping oldest unclaimed result tid=%llu seq_no=%u ret=%d",
			  TPU_DONE_LIST_MAX, (unsigned long long)old->tid, old->seq_no, old->ret);
		tpu_list_del(pos);
		tpu_task_free(old);
	}

	/* Every waiter re-checks its own (tid, seq_no). */
	osal_wake_up_all(tdev->done_wq);
}

struct tpu_done_match {
	struct tpu_device *tdev;
	uint64_t tid;
	uint32_t seq_no;
	struct tpu_task *found;    /* unlinked and owned by the waiter */
};

/*
 * Wait condition that also claims: finding the entry and unlinking it
 * happen under one hold of done_lock, so between "it is there" and "take
 * it" nothing (the drop-oldest bound included) can remove it.  Whatever
 * osal_wait_event then returns, m->found tells whether we own a result.
 */
static bool tpu_done_claim(void *arg)
{
	struct tpu_done_match *m = arg;
	struct tpu_device *tdev = m->tdev;
	unsigned long flags;

	if (m->found)
		return true;
	flags = osal_spin_lock_irqsave(tdev->done_lock);
	m->found = tpu_done_take_locked(tdev, m->tid, m->seq_no);
	osal_spin_unlock_irqrestore(tdev->done_lock, flags);
	return m->found != NULL;
}

int tpu_done_wait(struct tpu_device *tdev, uint32_t seq_no, int *ret)
{
	struct tpu_done_match m = {
		.tdev = tdev,
		.tid = osal_current_tid(),
		.seq_no = seq_no,
		.found = NULL,
	};
	int r;

	r = osal_wait_event(tdev->done_wq, tpu_done_claim, &m, TPU_WAIT_TIMEOUT_NS, true);
	/* Timed out: look once more, so a result that landed at the very
	 * deadline is still delivered. */
	if (!m.found && r == 0)
		tpu_done_claim(&m);

	if (m.found) {
		*ret = m.found->ret;
		osal_dbg("tpu: claim tid=%llu seq_no=%u ret=%d", (unsigned long long)m.found->tid,
			 m.found->seq_no, *ret);
		tpu_task_free(m.found);
		return 0;
	}
	if (r < 0)
		return -EINTR;  /* the result, if it comes, stays for a retry */
	osal_warn("tpu: wait: no result for tid=%llu seq_no=%u after %llu ms",
		  (unsigned long long)m.tid, seq_no,
		  (unsigned long long)(TPU_WAIT_TIMEOUT_NS / TPU_NS_PER_MS));
	return -ETIMEDOUT;
}

void tpu_done_flush(struct tpu_device *tdev)
{
	/* The jobs ran; only their results go unclaimed: a debug line. */
	tpu_task_list_drain(tdev->done_lock, &tdev->done_list, &tdev->done_count, OSAL_LOG_DEBUG,
			    "unclaimed result");
}
