// SPDX-License-Identifier: Apache-2.0
/*
 * sched.c - current, the process list, kernel threads.
 *
 * One struct task_struct per simulated thread, made when first needed and
 * kept for the run, in a table by thread id.  The table and the tasks are
 * the layer's bookkeeping, not the driver's memory: they come from the C
 * heap, not the sim-OS kernel heap, whose leak check judges the driver.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <tpu/os.h>

#include "lx_host.h"
#include "lx_sched.h"

/* Open addressing by tid; tids are never reused within a run. */
static struct task_struct **tasks;
static size_t tasks_cap, tasks_used;

static size_t slot_of(uint64_t tid, size_t cap)
{
	return (size_t)((tid * 0x9E3779B97F4A7C15ull) >> 7) & (cap - 1);
}

static void insert(struct task_struct *t)
{
	size_t i;

	if ((tasks_used + 1) * 2 > tasks_cap) {
		size_t cap = tasks_cap ? tasks_cap * 2 : 64;
		struct task_struct **n = lx_host_zalloc(cap * sizeof(*n));

		for (size_t k = 0; k < tasks_cap; k++) {
			if (!tasks[k])
				continue;
			for (i = slot_of((uint64_t)tasks[k]->pid, cap); n[i]; i = (i + 1) & (cap - 1))
				;
			n[i] = tasks[k];
		}
		lx_host_free(tasks);
		tasks = n;
		tasks_cap = cap;
	}
	for (i = slot_of((uint64_t)t->pid, tasks_cap); tasks[i]; i = (i + 1) & (tasks_cap - 1))
		;
	tasks[i] = t;
	tasks_used++;
}

static struct task_struct *find(uint64_t tid)
{
	if (!tasks_cap)
		return NULL;
	for (size_t i = slot_of(tid, tasks_cap); tasks[i]; i = (i + 1) & (tasks_cap - 1))
		if ((uint64_t)tasks[i]->pid == tid)
			return tasks[i];
	return NULL;
}

static struct task_struct *new_task(uint64_t tid, uint64_t tgid)
{
	struct task_struct *t = lx_host_zalloc(sizeof(*t));

	t->pid = (pid_t)tid;
	t->tgid = (pid_t)tgid;
	t->state = TASK_RUNNING;
	snprintf(t->comm, sizeof(t->comm), "task-%llu", (unsigned long long)tid);
	insert(t);
	return t;
}

struct task_struct *lx_task(uint64_t tid, uint64_t tgid)
{
	struct task_struct *t = find(tid);

	return t ? t : new_task(tid, tgid);
}

struct task_struct *lx_current(void)
{
	uint64_t tid = osal_current_tid();
	struct task_struct *t = find(tid);

	if (!t) {
		t = new_task(tid, osal_current_tgid());
		if (osal_in_kthread())
			t->flags |= PF_KTHREAD;
	}
	return t;
}

osal_waitq_t *lx_task_queue(struct task_struct *t)
{
	/* Named for what sleeps on it: a sleep in atomic context reads
	 * "may sleep in waitq schedule_timeout". */
	if (!t->lx_q)
		t->lx_q = osal_waitq_create_embedded("schedule_timeout");
	return t->lx_q;
}

struct task_struct *lx_next_process(struct task_struct *p)
{
	uint64_t g = osal_next_process(p ? (uint64_t)p->tgid : 0);

	/* A leader's tid is its tgid. */
	return g ? lx_task(g, g) : NULL;
}

int signal_pending(struct task_struct *p)
{
	return p == current && osal_signal_pending();
}

int _cond_resched(void)
{
	osal_might_sleep("cond_resched");
	osal_udelay(0);  /* a scheduling point */
	return 0;
}

/* ---- kernel threads ----------------------------------------------------- */

struct kthread_start {
	int (*fn)(void *data);
	void *data;
	struct task_struct *task;
};

/* Waits for wake_up_process() (or a stop) before the thread function. */
static int kthread_main(void *arg)
{
	struct kthread_start s = *(struct kthread_start *)arg;
	osal_waitq_t *q = lx_task_queue(s.task);

	lx_host_free(arg);
	for (;;) {
		osal_prepare_to_wait(q, false);
		if (s.task->lx_started || osal_kthread_should_stop())
			break;
		osal_wait_woken(q, OSAL_WAIT_FOREVER, false);
	}
	osal_finish_wait(q);
	if (!s.task->lx_started)
		return -EINTR;
	return s.fn(s.data);
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char namefmt[], ...)
{
	char name[64];
	va_list ap;
	struct kthread_start *s = lx_host_zalloc(sizeof(*s));
	struct task_struct *t;
	osal_thread_t *h;
	uint64_t tid;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	s->fn = threadfn;
	s->data = data;
	s->task = NULL;
	h = osal_kthread_run(kthread_main, s, name);
	if (!h) {
		lx_host_free(s);
		return ERR_PTR(-ENOMEM);
	}
	/* The new thread runs only once this one reaches a scheduling
	 * point, so its task is complete before it looks. */
	tid = osal_thread_tid(h);
	t = lx_task(tid, tid);
	t->flags |= PF_KTHREAD;
	/* comm keeps the first TASK_COMM_LEN - 1 characters, as in Linux. */
	memcpy(t->comm, name, sizeof(t->comm) - 1);
	t->comm[sizeof(t->comm) - 1] = '\0';
	t->lx_thread = h;
	s->task = t;
	return t;
}

int wake_up_process(struct task_struct *p)
{
	if (p->lx_thread && !p->lx_started) {
		p->lx_started = true;
		osal_wake_up_all(lx_task_queue(p));
		return 1;
	}
	/* A task asleep in schedule_timeout() sleeps on its own queue. */
	if (p->lx_q)
		osal_wake_up_all(p->lx_q);
	return 0;
}

bool kthread_should_stop(void)
{
	return osal_kthread_should_stop();
}

int kthread_stop(struct task_struct *k)
{
	osal_thread_t *h = k->lx_thread;

	if (!h) {
		osal_kernel_bug("kthread_stop of task %d, which is no kernel thread kthread_create made "
				"or was already stopped", k->pid);
		return -EINVAL;
	}
	k->lx_thread = NULL;
	return osal_kthread_stop(h);
}
