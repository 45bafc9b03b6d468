/* SPDX-License-Identifier: Apache-2.0 */
/* check_lx_core_kern.h - the kernel-side programs of check_lx_core.cpp
 * (check_lx_core_kern.c); plain C types only, for C++. */
#ifndef CHECK_LX_CORE_KERN_H
#define CHECK_LX_CORE_KERN_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
	KT_SLEEP_VMALLOC,
	KT_SLEEP_MUTEX,
	KT_SLEEP_MSLEEP,
	KT_SLEEP_KMALLOC,
	KT_SLEEP_KMALLOC_ATOMIC,   /* does not sleep: the control */
	KT_SLEEP_TIMER,            /* vmalloc in a timer callback */
	KT_SLEEP_KINDS
};

int kt_lost_wakeup_waiter(void);
void kt_lost_wakeup_waker(void);
long kt_uninterruptible_waiter(void);
void kt_wake(int interruptible_only);
int kt_wait_interruptible(int cond_true);
long kt_stop_during_completion(int complete_after_ms, int *stop_rc, unsigned long *stop_jiffies);
int kt_stop_wait_event(int *wait_rc);
int kt_stop_unwoken(int *ran, int *pid);
void kt_completion_values(long out[8]);
long kt_completion_interruptible(void);
int kt_processes(int *pids, int max, int *bad);
int kt_current_pid(void);
int kt_current_tgid(void);
int kt_current_stable(void);
void kt_timer_basic(long out[6]);
void kt_timer_zero_filled(long out[2]);
void kt_timer_move(long out[4]);
void kt_timer_del(long out[2]);
void kt_timer_del_sync(long out[4]);
void kt_timer_left_running(void);
void kt_msleep(unsigned int ms, unsigned long *dj, unsigned long long *dns);
void kt_jiffies(unsigned long long out[10]);
void kt_zero_lock_worker(int n);
void kt_zero_lock_result(int *counter, int *overlap);
void kt_garbage_lock(void);
int kt_isr_request(void);
void kt_isr_free(int irq);
int kt_isr_hold(int irqsave, void (*raise)(void));
void kt_sleeping_call(int which, int locked);
int kt_list_del(int twice, unsigned long *next_after);
void kt_list_double_add(void);
int kt_kref(int puts);
int kt_memory_poison(void);
int kt_printk(int debug_on);

/* The layer's own C functions the tests call directly. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

#ifdef __cplusplus
}
#endif

#endif /* CHECK_LX_CORE_KERN_H */
