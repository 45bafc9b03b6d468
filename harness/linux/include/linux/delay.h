/* SPDX-License-Identifier: Apache-2.0 */
/*
 * delay.h - busy-waits and sleeps.  udelay/ndelay/mdelay keep the hart busy
 * (no scheduling away, allowed in atomic context).  msleep sleeps
 * uninterruptibly for msecs_to_jiffies(ms) + 1 ticks, as Linux does, so
 * msleep(20) takes between 20 and 24 ms; msleep_interruptible also ends on
 * a signal and returns the milliseconds left; usleep_range sleeps at least
 * min microseconds.  The sleeps are a sleep-in-atomic finding in atomic
 * context.
 */
#ifndef LX_LINUX_DELAY_H
#define LX_LINUX_DELAY_H

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <tpu/os.h>

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);
static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

static inline void udelay(unsigned long usecs)
{
	osal_udelay((uint32_t)usecs);
}
static inline void ndelay(unsigned long nsecs)
{
	osal_udelay((uint32_t)((nsecs + 999) / 1000));
}
static inline void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

#endif /* LX_LINUX_DELAY_H */
