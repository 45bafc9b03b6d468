// SPDX-License-Identifier: Apache-2.0
/*
 * wait.c - wait queues, the steps of wait_event_*() and completions, on
 * the sim-OS's Linux-style waits (osal_prepare_to_wait / osal_wait_woken /
 * osal_finish_wait).
 *
 * The kernel guards a wait queue's list and a completion's count with the
 * queue's spinlock; here the sim-OS keeps the list, and a simulated thread
 * runs alone between scheduling points, so the count needs no lock (taking
 * one would add scheduling points and lockdep classes Linux has inside the
 * kernel, not in the driver).
 */
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <tpu/os.h>

#include "lx_time.h"

void lx_init_waitqueue_head(struct wait_queue_head *wq, const char *name)
{
	lx_spin_lock_init(&wq->lock, name);
	wq->lx_name = name;
	wq->lx_q = osal_waitq_create_embedded(name);
	wq->lx_self = wq;
}

osal_waitq_t *lx_waitq(struct wait_queue_head *wq, const char *name)
{
	if (wq->lx_self != wq) {
		if (wq->lx_self || wq->lx_q) {
			osal_kernel_bug("wait queue %s used uninitialised (neither zero nor set up by "
					"init_waitqueue_head)", name);
			wq->lx_name = 0;
		}
		wq->lx_q = osal_waitq_create_embedded(wq->lx_name ? wq->lx_name : name);
		wq->lx_self = wq;
	}
	return wq->lx_q;
}

void lx_wait_begin(struct lx_wait *w, struct wait_queue_head *wq, const char *name,
		   bool interruptible, long timeout)
{
	w->q = lx_waitq(wq, name);
	w->interruptible = interruptible;
	w->timeout = timeout;
}

long lx_wait_prepare(struct lx_wait *w)
{
	return osal_prepare_to_wait(w->q, w->interruptible) ? -ERESTARTSYS : 0;
}

void lx_wait_sleep(struct lx_wait *w)
{
	w->timeout = lx_sleep_on(w->q, w->timeout, w->interruptible);
}

void lx_wait_end(struct lx_wait *w)
{
	osal_finish_wait(w->q);
}

void lx_init_completion(struct completion *x, const char *name)
{
	x->done = 0;
	lx_init_waitqueue_head(&x->wait, name);
}

void complete(struct completion *x)
{
	osal_waitq_t *q = lx_waitq(&x->wait, "completion");

	if (x->done != UINT_MAX)
		x->done++;
	/* Completion waiters are exclusive: one wake-up per complete(). */
	osal_wake_up_one(q);
}

void complete_all(struct completion *x)
{
	osal_waitq_t *q = lx_waitq(&x->wait, "completion");

	x->done = UINT_MAX;
	osal_wake_up_all(q);
}

/* Linux do_wait_for_common(): the jiffies left (at least 1) once done, 0
 * on timeout, -ERESTARTSYS on a signal when interruptible.  A wake-up
 * that finds the completion not done (kthread_stop) sleeps again. */
static long wait_common(struct completion *x, long timeout, bool interruptible)
{
	osal_waitq_t *q = lx_waitq(&x->wait, "completion");

	osal_might_sleep("wait_for_completion");
	if (!x->done) {
		do {
			if (osal_prepare_to_wait(q, interruptible)) {
				timeout = -ERESTARTSYS;
				break;
			}
			if (x->done)
				break;
			timeout = lx_sleep_on(q, timeout, interruptible);
		} while (!x->done && timeout);
		osal_finish_wait(q);
		if (timeout < 0)
			return timeout;
		if (!x->done)
			return timeout;
	}
	if (x->done != UINT_MAX)
		x->done--;
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	wait_common(x, MAX_SCHEDULE_TIMEOUT, false);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)wait_common(x, (long)timeout, false);
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_common(x, MAX_SCHEDULE_TIMEOUT, true);

	return t == -ERESTARTSYS ? (int)t : 0;
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return wait_common(x, (long)timeout, true);
}

int wait_for_completion_killable(struct completion *x)
{
	wait_common(x, MAX_SCHEDULE_TIMEOUT, false);
	return 0;
}

bool try_wait_for_completion(struct completion *x)
{
	if (!x->done)
		return false;
	if (x->done != UINT_MAX)
		x->done--;
	return true;
}

bool completion_done(struct completion *x)
{
	return x->done != 0;
}
