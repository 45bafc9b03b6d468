// SPDX-License-Identifier: Apache-2.0
/* timer.c - struct timer_list onto the sim-OS's timers (osal_timer_*). */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/timer.h>
#include <tpu/os.h>

#include "lx_time.h"

static void fire(void *arg)
{
	struct timer_list *t = arg;

	/* Read at expiry: drivers assign .function directly. */
	if (t->function)
		t->function(t);
	else
		osal_kernel_bug("timer %p fired with no function", (void *)t);
}

/* The sim-OS timer behind t, made on first use (zero-filled = set up). */
static osal_timer_t *tmr(struct timer_list *t)
{
	if (t->lx_self != t) {
		if (t->lx_self || t->lx_timer)
			osal_kernel_bug("timer %p used uninitialised (neither zero nor set up by "
					"timer_setup)", (void *)t);
		t->lx_timer = osal_timer_create(fire, t, "timer_list");
		t->lx_self = t;
	}
	return t->lx_timer;
}

static bool set_up(const struct timer_list *t)
{
	return t->lx_self == t;
}

void timer_setup(struct timer_list *timer, void (*callback)(struct timer_list *), unsigned int flags)
{
	/* Set up again while queued: Linux's debugobjects reports an active
	 * object being initialised; the old arming is dropped. */
	if (set_up(timer) && osal_timer_pending(timer->lx_timer)) {
		osal_kernel_bug("timer_setup of timer %p while it is pending", (void *)timer);
		osal_timer_del(timer->lx_timer);
	}
	timer->entry.next = NULL;
	timer->entry.pprev = NULL;
	timer->function = callback;
	timer->flags = flags;
	tmr(timer);
}

/* The virtual time of the tick when jiffies reaches expires; a time that
 * has passed fires at the next tick. */
static uint64_t expiry_ns(unsigned long expires)
{
	unsigned long now = lx_jiffies();

	return lx_jiffy_ns(time_after(expires, now) ? expires : now + 1);
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	timer->expires = expires;
	return osal_timer_mod(tmr(timer), expiry_ns(expires));
}

void add_timer(struct timer_list *timer)
{
	if (timer_pending(timer))
		osal_kernel_bug("add_timer of timer %p, which is already pending", (void *)timer);
	mod_timer(timer, timer->expires);
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	if (timer_pending(timer) && !time_before(expires, timer->expires))
		return 1;
	return mod_timer(timer, expires);
}

int del_timer(struct timer_list *timer)
{
	return set_up(timer) ? osal_timer_del(timer->lx_timer) : 0;
}

int del_timer_sync(struct timer_list *timer)
{
	return set_up(timer) ? osal_timer_del_sync(timer->lx_timer) : 0;
}

int timer_pending(const struct timer_list *timer)
{
	return set_up(timer) && osal_timer_pending(timer->lx_timer);
}
