/* SPDX-License-Identifier: Apache-2.0 */
/*
 * completion.h - completions as Linux has them: a done count and a wait
 * queue.  complete() is interrupt-safe and wakes one waiter, complete_all()
 * every waiter and keeps the completion done.  The waits return Linux's
 * values: the _timeout forms the jiffies left (at least 1) or 0 on
 * timeout; the _interruptible forms -ERESTARTSYS on a signal.  A kernel
 * thread being stopped does not end a wait (Linux kthread_stop() is no
 * signal): it wakes, finds the completion not done and sleeps again.
 */
#ifndef LX_LINUX_COMPLETION_H
#define LX_LINUX_COMPLETION_H

#include <linux/compiler.h>
#include <linux/wait.h>

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)

#define init_completion(x) lx_init_completion((x), #x)
void lx_init_completion(struct completion *x, const char *name);
static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_interruptible(struct completion *x);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_killable(struct completion *x);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);

#endif /* LX_LINUX_COMPLETION_H */
