// SPDX-License-Identifier: Apache-2.0
/*
 * check_lx_core_kern.c - the kernel side of check_lx_core.cpp: small
 * kernel-style programs written against the Linux API layer, each called
 * from a simulated thread of a test; what they saw goes back in plain C
 * types for the test to judge.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <tpu/os.h>

#include "check_lx_core_kern.h"

/* ---- a wake-up between the check and the sleep ------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(lw_wq);
static int lw_flag, lw_calls, lw_raced;

/* The first evaluation reads the flag, then keeps its hart busy for 5 us
 * while the waker (on the other hart) sets it and wakes the queue, and
 * returns the stale value. */
static bool lw_cond(void)
{
	int seen = READ_ONCE(lw_flag);

	if (++lw_calls == 1) {
		udelay(5);
		lw_raced = READ_ONCE(lw_flag) != seen;
	}
	return seen;
}

int kt_lost_wakeup_waiter(void)
{
	wait_event(lw_wq, lw_cond());
	return lw_raced;
}

void kt_lost_wakeup_waker(void)
{
	udelay(2);
	WRITE_ONCE(lw_flag, 1);
	wake_up(&lw_wq);
}

/* wake_up_interruptible() leaves an uninterruptible sleeper asleep: it
 * finds its condition true only when its 10 ticks have run out (1). */
static DECLARE_WAIT_QUEUE_HEAD(wi_wq);
static int wi_flag;

long kt_uninterruptible_waiter(void)
{
	return wait_event_timeout(wi_wq, READ_ONCE(wi_flag), 10);
}

void kt_wake(int interruptible_only)
{
	msleep(5);
	WRITE_ONCE(wi_flag, 1);
	if (interruptible_only)
		wake_up_interruptible(&wi_wq);
	else
		wake_up(&wi_wq);
}

/* ---- signals and stops --------------------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(sig_wq);
static int sig_cond;

int kt_wait_interruptible(int cond_true)
{
	sig_cond = cond_true;
	return wait_event_interruptible(sig_wq, sig_cond);
}

static struct completion stop_c;
static long stop_r = 12345;

static int completion_thread(void *data)
{
	(void)data;
	stop_r = wait_for_completion_interruptible_timeout(&stop_c, msecs_to_jiffies(100));
	while (!kthread_should_stop())
		msleep(1);
	return 7;
}

long kt_stop_during_completion(int complete_after_ms, int *stop_rc, unsigned long *stop_jiffies)
{
	struct task_struct *t;
	unsigned long j0;

	init_completion(&stop_c);
	t = kthread_run(completion_thread, NULL, "kt_comp%d", 1);
	if (IS_ERR(t))
		return -1000;
	msleep(10);
	if (complete_after_ms) {
		msleep(complete_after_ms);
		complete(&stop_c);
	}
	j0 = jiffies;
	*stop_rc = kthread_stop(t);
	*stop_jiffies = jiffies - j0;
	return stop_r;
}

static DECLARE_WAIT_QUEUE_HEAD(stop_wq);
static int stop_we_r = 12345;

static int wait_event_thread(void *data)
{
	(void)data;
	stop_we_r = wait_event_interruptible(stop_wq, kthread_should_stop());
	return 5;
}

int kt_stop_wait_event(int *wait_rc)
{
	struct task_struct *t = kthread_run(wait_event_thread, NULL, "kt_we");
	int rc;

	if (IS_ERR(t))
		return -1000;
	msleep(5);
	rc = kthread_stop(t);
	*wait_rc = stop_we_r;
	return rc;
}

static int nowake_ran;

static int nowake_thread(void *data)
{
	(void)data;
	nowake_ran = 1;
	return 0;
}

int kt_stop_unwoken(int *ran, int *pid)
{
	struct task_struct *t = kthread_create(nowake_thread, NULL, "kt_nowake");

	if (IS_ERR(t))
		return -1000;
	*pid = t->pid;
	msleep(1);
	*ran = nowake_ran;
	return kthread_stop(t);
}

/* ---- completions ------------------------------------------------------- */

static struct completion cv_c;
static struct timer_list cv_timer;

static void cv_timer_fn(struct timer_list *t)
{
	(void)t;
	complete(&cv_c);
}

void kt_completion_values(long out[8])
{
	unsigned long j0;

	init_completion(&cv_c);
	complete(&cv_c);
	out[0] = (long)wait_for_completion_timeout(&cv_c, 25);   /* done before: 25 */
	j0 = jiffies;
	out[1] = (long)wait_for_completion_timeout(&cv_c, 25);   /* times out: 0 */
	out[2] = (long)(jiffies - j0);                           /* after 25 ticks */
	/* Completed from a timer (interrupt context) 5 ticks in: 20 left. */
	timer_setup(&cv_timer, cv_timer_fn, 0);
	j0 = jiffies;
	mod_timer(&cv_timer, j0 + 5);
	out[3] = (long)wait_for_completion_timeout(&cv_c, 25);
	reinit_completion(&cv_c);
	complete_all(&cv_c);
	out[4] = (long)wait_for_completion_timeout(&cv_c, 10);   /* 10 */
	out[5] = (long)wait_for_completion_timeout(&cv_c, 10);   /* still done: 10 */
	out[6] = completion_done(&cv_c);
	reinit_completion(&cv_c);
	out[7] = completion_done(&cv_c);
}

long kt_completion_interruptible(void)
{
	static struct completion c;

	init_completion(&c);
	return wait_for_completion_interruptible_timeout(&c, msecs_to_jiffies(1000));
}

/* ---- processes ----------------------------------------------------------- */

int kt_processes(int *pids, int max, int *bad)
{
	static DEFINE_SPINLOCK(lock);
	struct task_struct *p;
	int n = 0;

	*bad = 0;
	spin_lock(&lock);
	for_each_process(p) {
		if (p->pid != p->tgid)
			(*bad)++;
		if (n < max)
			pids[n] = p->pid;
		n++;
	}
	spin_unlock(&lock);
	return n;
}

int kt_current_pid(void)
{
	return current->pid;
}

int kt_current_tgid(void)
{
	return current->tgid;
}

int kt_current_stable(void)
{
	struct task_struct *a = current;

	msleep(1);
	return a == current;
}

/* ---- timers -------------------------------------------------------------- */

struct kt_tm {
	struct timer_list t;
	int fired;
	int pending_in_cb;
	int irq_in_cb;
	unsigned long j_in_cb;
	int running, done;
	unsigned int spin_us;
};

static struct kt_tm tm;

static void tm_fn(struct timer_list *t)
{
	struct kt_tm *k = from_timer(k, t, t);

	WRITE_ONCE(k->running, 1);
	k->fired++;
	k->pending_in_cb = timer_pending(t);
	k->irq_in_cb = in_interrupt();
	k->j_in_cb = jiffies;
	if (k->spin_us)
		udelay(k->spin_us);
	WRITE_ONCE(k->done, 1);
}

void kt_timer_basic(long out[6])
{
	unsigned long j0;

	timer_setup(&tm.t, tm_fn, 0);
	j0 = jiffies;
	out[0] = mod_timer(&tm.t, j0 + 10);   /* was not pending: 0 */
	out[1] = timer_pending(&tm.t);
	msleep(60);
	out[2] = tm.fired;
	out[3] = tm.pending_in_cb;
	out[4] = tm.irq_in_cb;
	out[5] = (long)(tm.j_in_cb - j0);
}

/* The vendor's way: a zero-filled timer_list, .function and .expires
 * assigned, add_timer(). */
void kt_timer_zero_filled(long out[2])
{
	unsigned long j0 = jiffies;

	/* tm is zero-filled (static, one test per process). */
	tm.t.function = tm_fn;
	tm.t.expires = j0 + 3;
	add_timer(&tm.t);
	msleep(30);
	out[0] = tm.fired;
	out[1] = (long)(tm.j_in_cb - j0);
}

void kt_timer_move(long out[4])
{
	unsigned long j0;

	timer_setup(&tm.t, tm_fn, 0);
	j0 = jiffies;
	out[0] = mod_timer(&tm.t, j0 + 10);
	out[1] = mod_timer(&tm.t, j0 + 20);   /* pending: 1, and moved */
	msleep(120);
	out[2] = tm.fired;
	out[3] = (long)(tm.j_in_cb - j0);
}

void kt_timer_del(long out[2])
{
	timer_setup(&tm.t, tm_fn, 0);
	mod_timer(&tm.t, jiffies + 10);
	out[0] = del_timer(&tm.t);   /* was pending: 1 */
	msleep(60);
	out[1] = tm.fired;           /* never fired */
}

void kt_timer_del_sync(long out[4])
{
	timer_setup(&tm.t, tm_fn, 0);
	tm.spin_us = 500;
	mod_timer(&tm.t, jiffies + 2);
	while (!READ_ONCE(tm.running))
		udelay(1);
	out[0] = READ_ONCE(tm.done);          /* the callback is running: 0 */
	out[1] = del_timer_sync(&tm.t);       /* not pending any more: 0 */
	out[2] = READ_ONCE(tm.done);          /* it has returned: 1 */
	out[3] = timer_pending(&tm.t);
}

static struct timer_list periodic;

static void periodic_fn(struct timer_list *t)
{
	mod_timer(t, jiffies + HZ);
}

/* A periodic timer nobody deletes (the vendor's profiling timer after
 * removal). */
void kt_timer_left_running(void)
{
	timer_setup(&periodic, periodic_fn, 0);
	mod_timer(&periodic, jiffies + HZ);
}

/* ---- time ---------------------------------------------------------------- */

void kt_msleep(unsigned int ms, unsigned long *dj, unsigned long long *dns)
{
	unsigned long j0 = jiffies;
	u64 t0 = ktime_get_ns();

	msleep(ms);
	*dj = jiffies - j0;
	*dns = ktime_get_ns() - t0;
}

void kt_jiffies(unsigned long long out[10])
{
	unsigned long big = ~0UL - 2;
	struct timespec64 ts;

	out[0] = jiffies - INITIAL_JIFFIES;
	out[1] = msecs_to_jiffies(1);
	out[2] = msecs_to_jiffies(4);
	out[3] = msecs_to_jiffies(5);
	out[4] = jiffies_to_msecs(250);
	out[5] = time_after(big + 5, big);    /* across the wrap: 1 */
	out[6] = time_before(big + 5, big);   /* 0 */
	ktime_get_real_ts64(&ts);
	out[7] = (unsigned long long)ts.tv_sec;
	out[8] = (unsigned long long)ktime_get_ns();
	{
		u64 n = 1000000007ULL;
		u32 rem = do_div(n, 1000);

		out[9] = n * 10000 + rem;
	}
}

/* ---- spinlocks ------------------------------------------------------------ */

struct kt_zl {
	int a;
	spinlock_t lock;
	int counter, inside, overlap;
};

static struct kt_zl zl;   /* zero-filled, never spin_lock_init()ed */

void kt_zero_lock_worker(int n)
{
	for (int i = 0; i < n; i++) {
		spin_lock(&zl.lock);
		if (zl.inside)
			zl.overlap++;
		zl.inside = 1;
		udelay(3);
		zl.counter++;
		zl.inside = 0;
		spin_unlock(&zl.lock);
		udelay(1);
	}
}

void kt_zero_lock_result(int *counter, int *overlap)
{
	*counter = zl.counter;
	*overlap = zl.overlap;
}

void kt_garbage_lock(void)
{
	struct kt_zl *z = vmalloc(sizeof(*z));   /* poisoned, not zeroed */

	spin_lock(&z->lock);
	spin_unlock(&z->lock);
	vfree(z);
}

static spinlock_t isr_lock;
static int isr_count;

static enum osal_irqreturn isr(int irq, void *arg)
{
	(void)irq;
	(void)arg;
	spin_lock(&isr_lock);
	isr_count++;
	spin_unlock(&isr_lock);
	return OSAL_IRQ_HANDLED;
}

int kt_isr_request(void)
{
	int irq = osal_platform_get_irq("tdma_irq");
	int rc;

	spin_lock_init(&isr_lock);
	if (irq < 0)
		return irq;
	rc = osal_request_irq(irq, isr, &isr_count, "kt_isr");
	return rc ? rc : irq;
}

void kt_isr_free(int irq)
{
	osal_free_irq(irq, &isr_count);
}

int kt_isr_hold(int irqsave, void (*raise)(void))
{
	unsigned long flags = 0;

	if (irqsave)
		spin_lock_irqsave(&isr_lock, flags);
	else
		spin_lock(&isr_lock);
	raise();
	for (int i = 0; i < 20; i++)
		udelay(1);
	if (irqsave)
		spin_unlock_irqrestore(&isr_lock, flags);
	else
		spin_unlock(&isr_lock);
	msleep(1);
	return isr_count;
}

/* ---- sleeping in atomic context ------------------------------------------ */

static struct timer_list sleepy_timer;

static void sleepy_fn(struct timer_list *t)
{
	(void)t;
	vfree(vmalloc(8));
}

void kt_sleeping_call(int which, int locked)
{
	static DEFINE_SPINLOCK(lock);
	static DEFINE_MUTEX(m);
	void *p;

	if (which == KT_SLEEP_TIMER) {
		timer_setup(&sleepy_timer, sleepy_fn, 0);
		mod_timer(&sleepy_timer, jiffies + 1);
		msleep(20);
		return;
	}
	if (locked)
		spin_lock(&lock);
	switch (which) {
	case KT_SLEEP_VMALLOC:
		p = vmalloc(64);
		if (locked)
			spin_unlock(&lock);
		vfree(p);
		return;
	case KT_SLEEP_MUTEX:
		mutex_lock(&m);
		mutex_unlock(&m);
		break;
	case KT_SLEEP_MSLEEP:
		msleep(1);
		break;
	case KT_SLEEP_KMALLOC:
		kfree(kmalloc(16, GFP_KERNEL));
		break;
	case KT_SLEEP_KMALLOC_ATOMIC:
		kfree(kmalloc(16, GFP_ATOMIC));
		break;
	default:
		break;
	}
	if (locked)
		spin_unlock(&lock);
}

/* ---- lists, references, memory, logging ---------------------------------- */

int kt_list_del(int twice, unsigned long *next_after)
{
	LIST_HEAD(head);
	struct list_head e;

	list_add_tail(&e, &head);
	list_del(&e);
	*next_after = (unsigned long)e.next;
	if (twice)
		list_del(&e);
	return list_empty(&head);
}

void kt_list_double_add(void)
{
	LIST_HEAD(head);
	struct list_head e;

	list_add(&e, &head);
	list_add(&e, &head);
}

static int kref_released;

static void kref_release(struct kref *k)
{
	(void)k;
	kref_released++;
}

int kt_kref(int puts)
{
	struct kref k;

	kref_init(&k);
	kref_get(&k);
	for (int i = 0; i < puts; i++)
		kref_put(&k, kref_release);
	return kref_released;
}

int kt_memory_poison(void)
{
	unsigned char *v = vmalloc(32), *z = vzalloc(32), *k = kmalloc(32, GFP_KERNEL),
		      *kz = kzalloc(32, GFP_KERNEL), *kc = kcalloc(4, 8, GFP_KERNEL);
	int bad = 0;

	for (int i = 0; i < 32; i++) {
		bad |= (v[i] != 0x5a) << 0;
		bad |= (z[i] != 0) << 1;
		bad |= (k[i] != 0x5a) << 2;
		bad |= (kz[i] != 0) << 3;
		bad |= (kc[i] != 0) << 4;
	}
	vfree(v);
	vfree(z);
	kfree(k);
	kfree(kz);
	kfree(kc);
	return bad;
}

static int side_effects;

static int side_effect(void)
{
	return ++side_effects;
}

int kt_printk(int debug_on)
{
	lx_set_debug_output(debug_on);
	pr_debug("kt debug %d\n", side_effect());
	pr_err("kt error %d\n", 42);
	pr_info("kt info\n");
	return side_effects;
}
