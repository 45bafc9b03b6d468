/* SPDX-License-Identifier: Apache-2.0 */
/*
 * preempt.h - context queries.  Interrupt context covers the interrupt
 * handlers and the timer callbacks (Linux's softirq), so in_irq() and
 * in_softirq() are not told apart.
 */
#ifndef LX_LINUX_PREEMPT_H
#define LX_LINUX_PREEMPT_H

#include <tpu/os.h>

#define in_interrupt() osal_in_interrupt()
#define in_irq() osal_in_interrupt()
#define in_softirq() osal_in_interrupt()
#define in_serving_softirq() osal_in_interrupt()
#define in_task() (!osal_in_interrupt())
#define preempt_disable() ((void)0)
#define preempt_enable() ((void)0)

#endif /* LX_LINUX_PREEMPT_H */
