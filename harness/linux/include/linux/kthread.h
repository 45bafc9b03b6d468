/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kthread.h - kernel threads on the sim-OS's (osal_kthread_*).
 *
 * kthread_create() makes a thread that waits until wake_up_process() before
 * it runs its function; kthread_run() also wakes it.  Both return the
 * thread's struct task_struct (its pid already set) or ERR_PTR(-ENOMEM).
 * kthread_stop() sets the stop flag, wakes the thread (a wait_event_*()
 * re-checks its condition, a completion wait sleeps on; neither is
 * interrupted), waits for its function to return and returns that value;
 * a thread stopped before it was woken returns -EINTR without running.
 */
#ifndef LX_LINUX_KTHREAD_H
#define LX_LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char namefmt[], ...) __printf(3, 4);
#define kthread_create_on_node(fn, data, node, namefmt, ...) \
	kthread_create(fn, data, namefmt, ##__VA_ARGS__)

#define kthread_run(threadfn, data, namefmt, ...)                                      \
	({                                                                             \
		struct task_struct *__k = kthread_create(threadfn, data, namefmt,      \
							 ##__VA_ARGS__);               \
		if (!IS_ERR(__k))                                                      \
			wake_up_process(__k);                                          \
		__k;                                                                   \
	})

bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);

#endif /* LX_LINUX_KTHREAD_H */
