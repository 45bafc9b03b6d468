/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sched/signal.h - signals and the process list.
 *
 * for_each_process(p) visits each live process once through its
 * thread-group leader (pid == tgid), user processes and kernel threads
 * alike, in increasing pid order; it neither sleeps nor yields, so it may
 * run with a spinlock held.  signal_pending() tells a signal to the
 * calling task only (the layer's tasks have no signal state of their own).
 */
#ifndef LX_LINUX_SCHED_SIGNAL_H
#define LX_LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>

/* The leader of the next live process after p (from the first when p is
 * NULL), or NULL. */
struct task_struct *lx_next_process(struct task_struct *p);

#define for_each_process(p) for (p = lx_next_process(NULL); p; p = lx_next_process(p))

int signal_pending(struct task_struct *p);
static inline int fatal_signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}
static inline int signal_pending_state(long state, struct task_struct *p)
{
	return (state & TASK_INTERRUPTIBLE) && signal_pending(p);
}

#endif /* LX_LINUX_SCHED_SIGNAL_H */
