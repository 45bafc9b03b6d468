// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_thread.c - kernel threads, thread ids and time.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "osal_linux.h"

struct osal_thread {
	struct task_struct *task;
};

osal_thread_t *osal_kthread_run(int (*fn)(void *arg), void *arg, const char *name)
{
	struct osal_thread *t;
	struct task_struct *task;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	task = kthread_create(fn, arg, "%s", name);
	if (IS_ERR(task)) {
		kfree(t);
		return NULL;
	}
	/*
	 * Hold the task_struct: os.h lets fn return on its own before
	 * osal_kthread_stop(), and kthread_stop() on a thread that already
	 * exited is only safe with a reference.
	 */
	get_task_struct(task);
	t->task = task;
	wake_up_process(task);
	return t;
}

/*
 * kthread_stop() returns fn's value, or -EINTR when the thread was stopped
 * before fn ever ran (then fn never runs; the driver's worker has nothing
 * to undo in that case).
 */
int osal_kthread_stop(osal_thread_t *t)
{
	int ret;

	ret = kthread_stop(t->task);
	put_task_struct(t->task);
	kfree(t);
	return ret;
}

/* Also asked from user threads (a shared wait condition): they are never
 * being stopped, and kthread_should_stop() is only defined in kthreads. */
bool osal_kthread_should_stop(void)
{
	return (current->flags & PF_KTHREAD) && kthread_should_stop();
}

/* current->pid is the thread id, what the vendor driver keys jobs on. */
uint64_t osal_current_tid(void)
{
	return task_pid_nr(current);
}

uint64_t osal_now_ns(void)
{
	return ktime_get_ns();
}

void osal_msleep(uint32_t ms)
{
	msleep(ms);
}

/* udelay() is only good for short delays on some architectures. */
void osal_udelay(uint32_t us)
{
	if (us >= 1000)
		mdelay(us / 1000);
	udelay(us % 1000);
}

void osal_cpu_relax(void)
{
	cpu_relax();
}
