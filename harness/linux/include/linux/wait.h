/* SPDX-License-Identifier: Apache-2.0 */
/*
 * wait.h - wait queues and wait_event_*() with an arbitrary C condition.
 *
 * The macros follow Linux's ___wait_event(): the waiter goes on the queue
 * (osal_prepare_to_wait) before it evaluates the condition, so a wake-up
 * that comes while the condition runs (it may take spinlocks, each a
 * scheduling point) or before the sleep is not lost; it then sleeps until
 * woken (osal_wait_woken) and evaluates the condition again.  A pending
 * signal ends an interruptible wait with -ERESTARTSYS unless the condition
 * is already true.  A kernel thread being stopped only wakes it (Linux
 * kthread_stop() is no signal): the condition decides.  Timeouts are in
 * jiffies; the _timeout forms return 0 when the condition was still false
 * when the time ran out, else the jiffies left (at least 1).
 */
#ifndef LX_LINUX_WAIT_H
#define LX_LINUX_WAIT_H

#include <limits.h>

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <tpu/os.h>

#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_WAKEKILL 0x0100
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct wait_queue_head {
	spinlock_t lock;
	void *lx_self;
	osal_waitq_t *lx_q;
	const char *lx_name;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .lx_self = 0, .lx_q = 0, .lx_name = #name }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* The sim-OS wait queue behind wq, made on first use. */
osal_waitq_t *lx_waitq(struct wait_queue_head *wq, const char *name);
void lx_init_waitqueue_head(struct wait_queue_head *wq, const char *name);
#define init_waitqueue_head(wq) lx_init_waitqueue_head((wq), #wq)

#define wake_up(wq) osal_wake_up_all(lx_waitq((wq), #wq))
#define wake_up_all(wq) osal_wake_up_all(lx_waitq((wq), #wq))
#define wake_up_nr(wq, nr) osal_wake_up_all(lx_waitq((wq), #wq))
#define wake_up_interruptible(wq) osal_wake_up_interruptible(lx_waitq((wq), #wq))
#define wake_up_interruptible_all(wq) osal_wake_up_interruptible(lx_waitq((wq), #wq))
#define wake_up_interruptible_nr(wq, nr) osal_wake_up_interruptible(lx_waitq((wq), #wq))

/* One wait_event_*(): its queue, kind and deadline (src/wait.c). */
struct lx_wait {
	osal_waitq_t *q;
	bool interruptible;
	long timeout;              /* jiffies left; MAX_SCHEDULE_TIMEOUT: none */
};

void lx_wait_begin(struct lx_wait *w, struct wait_queue_head *wq, const char *name,
		   bool interruptible, long timeout);
/* prepare_to_wait_event(): 0, or -ERESTARTSYS on a pending signal. */
long lx_wait_prepare(struct lx_wait *w);
/* schedule_timeout(): sleeps until woken or w->timeout runs out; updates
 * w->timeout to the jiffies left (0: timed out). */
void lx_wait_sleep(struct lx_wait *w);
void lx_wait_end(struct lx_wait *w);

#define ___lx_wait_event(wq_head, condition, intr, tmo)                                    \
	({                                                                                 \
		struct lx_wait __w;                                                        \
		long __ret;                                                                \
		lx_wait_begin(&__w, &(wq_head), #wq_head, (intr), (tmo));                  \
		for (;;) {                                                                 \
			long __int = lx_wait_prepare(&__w);                                \
			bool __cond = (condition);                                         \
			if (__cond) {                                                      \
				__ret = __w.timeout ? __w.timeout : 1;                     \
				break;                                                     \
			}                                                                  \
			if (!__w.timeout) {                                                \
				__ret = 0;                                                 \
				break;                                                     \
			}                                                                  \
			if (__int) {                                                       \
				__ret = __int;                                             \
				break;                                                     \
			}                                                                  \
			lx_wait_sleep(&__w);                                               \
		}                                                                          \
		lx_wait_end(&__w);                                                         \
		__ret;                                                                     \
	})

#define wait_event(wq_head, condition) \
	((void)___lx_wait_event(wq_head, condition, false, MAX_SCHEDULE_TIMEOUT))
#define wait_event_interruptible(wq_head, condition)                                        \
	({                                                                                  \
		long __r = ___lx_wait_event(wq_head, condition, true, MAX_SCHEDULE_TIMEOUT); \
		(int)(__r < 0 ? __r : 0);                                                   \
	})
#define wait_event_timeout(wq_head, condition, timeout) \
	___lx_wait_event(wq_head, condition, false, (long)(timeout))
#define wait_event_interruptible_timeout(wq_head, condition, timeout) \
	___lx_wait_event(wq_head, condition, true, (long)(timeout))
/* Killable: only a fatal signal ends it; the sim-OS's signals are not
 * fatal, so it waits like wait_event(). */
#define wait_event_killable(wq_head, condition) \
	({ wait_event(wq_head, condition); 0; })

#endif /* LX_LINUX_WAIT_H */
