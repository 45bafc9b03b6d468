// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_task.c - the end of a task's life, shared by the task list
 * (tpu_job.c) and the done list (tpu_done.c): free one task, or drain a
 * whole list at remove.
 *
 * Both lists call into this file and it calls neither, so the
 * dependencies run one way: tpu_job.c -> tpu_done.c -> tpu_task.c.
 */
#include "tpu_drv.h"

void tpu_task_free(struct tpu_task *task)
{
	if (task->buf)
		ion_buffer_put(task->buf);
	osal_kfree(task);
}

/* Move every entry of list to *pending and zero its count. */
static void tpu_task_list_splice_locked(osal_spinlock_t *lock, struct tpu_list *list,
					unsigned int *count, struct tpu_list *pending)
{
	struct tpu_list *pos, *tmp;

	osal_spin_assert_held(lock);
	tpu_list_for_each_safe(pos, tmp, list) {
		tpu_list_del(pos);
		tpu_list_add_tail(pos, pending);
	}
	*count = 0;
}

void tpu_task_list_drain(osal_spinlock_t *lock, struct tpu_list *list, unsigned int *count,
			 enum osal_log_level lvl, const char *what)
{
	struct tpu_list pending, *pos, *tmp;
	unsigned long flags;

	/* Unlink everything under the lock, free outside it (buffer puts
	 * take ion_dev.lock and free pages). */
	tpu_list_init(&pending);
	flags = osal_spin_lock_irqsave(lock);
	tpu_task_list_splice_locked(lock, list, count, &pending);
	osal_spin_unlock_irqrestore(lock, flags);

	tpu_list_for_each_safe(pos, tmp, &pending) {
		struct tpu_task *task = tpu_list_entry(pos, struct tpu_task, node);

		osal_log(lvl, "tpu: remove: discarding %s tid=%llu seq_no=%u", what,
			 (unsigned long long)task->tid, task->seq_no);
		tpu_list_del(pos);
		tpu_task_free(task);
	}
}
