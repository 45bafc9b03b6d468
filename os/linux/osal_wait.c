// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_wait.c - wait queues and completions.
 *
 * Both sleep in one loop, osal_wait_on(), rather than in wait_event_*()
 * and wait_for_completion_*(), for one reason: os.h makes an
 * interruptible wait return -EINTR when the calling kernel thread is
 * being stopped.  Linux's kthread_stop() only wakes the thread; a native
 * wait whose condition does not test kthread_should_stop() goes straight
 * back to sleep.  The loop is the one ___wait_event() builds (set the task
 * state, test, schedule), plus that test.
 *
 * Waiters are non-exclusive, so osal_wake_up_one() wakes every waiter of
 * the queue, not only the first: every waiter re-tests its own condition,
 * so waking more is always safe, while an exclusive waiter that times out
 * or is stopped at the moment it is chosen would swallow the one wake-up.
 */
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "osal_linux.h"

struct osal_waitq {
	struct wait_queue_head head;
};

struct osal_completion {
	struct completion done;         /* the count complete() adds to */
	struct wait_queue_head head;    /* where osal_wait_on() sleeps */
};

/* At least timeout_ns: round up to whole ticks, plus the tick in progress. */
static long osal_timeout_jiffies(uint64_t timeout_ns)
{
	u64 j;

	if (timeout_ns == OSAL_WAIT_FOREVER)
		return MAX_SCHEDULE_TIMEOUT;
	if (!timeout_ns)
		return 0;
	j = div_u64(timeout_ns, TICK_NSEC) + 2;
	return min_t(u64, j, MAX_SCHEDULE_TIMEOUT - 1);
}

static int osal_wait_on(struct wait_queue_head *head, osal_cond_fn cond, void *arg,
			uint64_t timeout_ns, bool interruptible)
{
	unsigned int state = interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
	long left = osal_timeout_jiffies(timeout_ns);
	struct wait_queue_entry entry;
	long pending;
	int ret;

	might_sleep();
	if (cond(arg))
		return 1;

	init_wait_entry(&entry, 0);
	for (;;) {
		/* Queue and set the state before testing: a wake-up that
		 * follows the test makes schedule_timeout() return at once. */
		pending = prepare_to_wait_event(head, &entry, state);
		if (cond(arg)) {
			ret = 1;
			break;
		}
		if (pending || (interruptible && osal_kthread_should_stop())) {
			ret = -EINTR;
			break;
		}
		if (!left) {
			/* The test above was the "once more at the deadline". */
			ret = 0;
			break;
		}
		left = schedule_timeout(left);
	}
	finish_wait(head, &entry);
	return ret;
}

/* ---- wait queues ---------------------------------------------------------- */

osal_waitq_t *osal_waitq_create(const char *name)
{
	struct osal_waitq *wq;

	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return NULL;
	init_waitqueue_head(&wq->head);
	return wq;
}

void osal_waitq_destroy(osal_waitq_t *wq)
{
	kfree(wq);
}

int osal_wait_event(osal_waitq_t *wq, osal_cond_fn cond, void *arg, uint64_t timeout_ns,
		    bool interruptible)
{
	return osal_wait_on(&wq->head, cond, arg, timeout_ns, interruptible);
}

void osal_wake_up_all(osal_waitq_t *wq)
{
	wake_up_all(&wq->head);
}

void osal_wake_up_one(osal_waitq_t *wq)
{
	wake_up(&wq->head);
}

/* ---- completions ---------------------------------------------------------- */

osal_completion_t *osal_completion_create(const char *name)
{
	struct osal_completion *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	init_completion(&c->done);
	init_waitqueue_head(&c->head);
	return c;
}

void osal_completion_destroy(osal_completion_t *c)
{
	kfree(c);
}

void osal_reinit_completion(osal_completion_t *c)
{
	reinit_completion(&c->done);
}

/* Interrupt-safe: complete() and wake_up_all() both take irqsave locks. */
void osal_complete(osal_completion_t *c)
{
	complete(&c->done);
	wake_up_all(&c->head);
}

static bool osal_completion_take(void *arg)
{
	struct osal_completion *c = arg;

	return try_wait_for_completion(&c->done);
}

int osal_wait_for_completion(osal_completion_t *c, uint64_t timeout_ns, bool interruptible)
{
	return osal_wait_on(&c->head, osal_completion_take, c, timeout_ns, interruptible);
}
