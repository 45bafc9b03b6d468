/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sched.h - tasks and sleeping.
 *
 * current is one struct task_struct per simulated thread, made on first
 * use and kept for the whole run (a stable pointer): pid is the thread id
 * (osal_current_tid), tgid its process's (osal_current_tgid: the id of the
 * process's first thread; a kernel thread is a process of its own).  The
 * sleeps (schedule_timeout and friends) sleep until the time runs out or
 * the task is woken (wake_up_process, kthread_stop); in
 * TASK_INTERRUPTIBLE a signal ends them too.
 */
#ifndef LX_LINUX_SCHED_H
#define LX_LINUX_SCHED_H

#include <limits.h>

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <tpu/os.h>

#define TASK_COMM_LEN 16

struct task_struct {
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	long state;               /* set_current_state(): the next sleep's kind */
	unsigned int flags;
	/* The layer's: the sim-OS kernel thread (kthread_create), whether it
	 * was started (wake_up_process), and its private wait queue. */
	osal_thread_t *lx_thread;
	bool lx_started;
	osal_waitq_t *lx_q;
};

#define PF_KTHREAD 0x00200000

struct task_struct *lx_current(void);
#define current lx_current()
#define get_current() lx_current()

#define __set_current_state(s) (current->state = (s))
#define set_current_state(s) (current->state = (s))

long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_killable(long timeout);
void schedule(void);
int wake_up_process(struct task_struct *p);

/* A point where another thread may run; may sleep (might_sleep). */
int _cond_resched(void);
#define cond_resched() _cond_resched()
#define yield() ((void)_cond_resched())

static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }
static inline pid_t task_pid_vnr(struct task_struct *t) { return t->pid; }
static inline void get_task_struct(struct task_struct *t) { (void)t; }
static inline void put_task_struct(struct task_struct *t) { (void)t; }
static inline bool is_idle_task(const struct task_struct *t) { return t->pid == 0; }

#endif /* LX_LINUX_SCHED_H */
