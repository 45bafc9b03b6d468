// SPDX-License-Identifier: Apache-2.0
/*
 * time.c - jiffies, the clocks and the sleeps (msleep, usleep_range,
 * schedule_timeout), on virtual time.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <tpu/os.h>

#include "lx_sched.h"
#include "lx_time.h"

unsigned long lx_jiffies(void)
{
	return INITIAL_JIFFIES + (unsigned long)(osal_now_ns() / TICK_NSEC);
}

uint64_t lx_jiffy_ns(unsigned long j)
{
	return (uint64_t)(j - INITIAL_JIFFIES) * TICK_NSEC;
}

ktime_t ktime_get(void)
{
	return (ktime_t)osal_now_ns();
}

ktime_t ktime_get_real(void)
{
	return LX_BOOT_REALTIME_SEC * NSEC_PER_SEC + (ktime_t)osal_now_ns();
}

long lx_sleep_on(osal_waitq_t *q, long timeout, bool interruptible)
{
	unsigned long expire;
	uint64_t at, now;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		osal_wait_woken(q, OSAL_WAIT_FOREVER, interruptible);
		return timeout;
	}
	if (timeout < 0) {
		osal_kernel_bug("schedule_timeout: wrong timeout value %lx", (unsigned long)timeout);
		return 0;
	}
	expire = lx_jiffies() + (unsigned long)timeout;
	at = lx_jiffy_ns(expire);
	now = osal_now_ns();
	osal_wait_woken(q, at > now ? at - now : 0, interruptible);
	left = (long)(expire - lx_jiffies());
	return left < 0 ? 0 : left;
}

/* schedule_timeout() in state: sleeps on the task's own queue, where
 * wake_up_process() finds it. */
static long sleep_state(long timeout, long state)
{
	struct task_struct *t = current;
	osal_waitq_t *q = lx_task_queue(t);
	bool intr = (state & TASK_INTERRUPTIBLE) != 0;

	if (state == TASK_RUNNING) {
		/* Nothing to sleep for: Linux only reschedules. */
		_cond_resched();
		return timeout;
	}
	if (osal_prepare_to_wait(q, intr)) {
		osal_finish_wait(q);
		t->state = TASK_RUNNING;
		return timeout;  /* a signal is pending: no sleep */
	}
	timeout = lx_sleep_on(q, timeout, intr);
	osal_finish_wait(q);
	t->state = TASK_RUNNING;
	return timeout;
}

long schedule_timeout(long timeout)
{
	return sleep_state(timeout, current->state);
}

long schedule_timeout_interruptible(long timeout)
{
	return sleep_state(timeout, TASK_INTERRUPTIBLE);
}

long schedule_timeout_uninterruptible(long timeout)
{
	return sleep_state(timeout, TASK_UNINTERRUPTIBLE);
}

long schedule_timeout_killable(long timeout)
{
	return sleep_state(timeout, TASK_KILLABLE);
}

void schedule(void)
{
	sleep_state(MAX_SCHEDULE_TIMEOUT, current->state);
}

void msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = (unsigned long)schedule_timeout_uninterruptible((long)timeout);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout && !signal_pending(current))
		timeout = (unsigned long)schedule_timeout_interruptible((long)timeout);
	return jiffies_to_msecs(timeout);
}

void usleep_range(unsigned long min, unsigned long max)
{
	struct task_struct *t = current;
	osal_waitq_t *q = lx_task_queue(t);
	uint64_t end = osal_now_ns() + (uint64_t)min * 1000u;

	(void)max;  /* the sim-OS has no timer slack: wakes at min */
	osal_might_sleep("usleep_range");
	for (;;) {
		uint64_t now = osal_now_ns();

		if (now >= end)
			break;
		osal_prepare_to_wait(q, false);
		osal_wait_woken(q, end - now, false);
		osal_finish_wait(q);
	}
}
