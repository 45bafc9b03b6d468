/* SPDX-License-Identifier: Apache-2.0 */
/*
 * timer.h - kernel timers on the sim-OS's (osal_timer_*).
 *
 * Linux semantics: a timer fires at the tick when jiffies reaches expires
 * (at the next tick when expires has already passed); its callback runs
 * in softirq-like atomic context (interrupt context for the checkers: a
 * sleeping call is a sleep-in-atomic finding); the timer is off its queue
 * before the callback runs, so timer_pending() is false there and the
 * callback may re-arm it; del_timer_sync() also waits for a running
 * callback.  The timer wheel's coarser granularity for far expiries
 * (Linux may fire a timer more than 63 ticks away a few ticks late) is
 * not modelled: every timer fires at its exact tick.  A zero-filled
 * timer_list works as one set up by timer_setup() whose function was
 * assigned directly (the sim-OS timer is made on first use).
 */
#ifndef LX_LINUX_TIMER_H
#define LX_LINUX_TIMER_H

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/types.h>
#include <tpu/os.h>

struct timer_list {
	struct hlist_node entry;    /* unused: the sim-OS keeps the queue */
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
	void *lx_self;
	osal_timer_t *lx_timer;
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000

#define __TIMER_INITIALIZER(_function, _flags) \
	{ .entry = { 0, 0 }, .expires = 0, .function = (_function), .flags = (_flags), .lx_self = 0, .lx_timer = 0 }
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void timer_setup(struct timer_list *timer, void (*callback)(struct timer_list *), unsigned int flags);
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

void add_timer(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
#define del_singleshot_timer_sync(t) del_timer_sync(t)
int timer_pending(const struct timer_list *timer);

#endif /* LX_LINUX_TIMER_H */
