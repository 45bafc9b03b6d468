/* SPDX-License-Identifier: Apache-2.0 */
/* lx_sched.h - the layer's task table, for its own sources. */
#ifndef LX_SCHED_H
#define LX_SCHED_H

#include <linux/sched.h>
#include <tpu/os.h>

/* The task of thread tid, made when first asked for (pid = tid,
 * tgid = tgid); never NULL, never sleeps or yields. */
struct task_struct *lx_task(uint64_t tid, uint64_t tgid);
/* The task's own wait queue (its sleeps, kthread start), made on first use. */
osal_waitq_t *lx_task_queue(struct task_struct *t);

#endif /* LX_SCHED_H */
