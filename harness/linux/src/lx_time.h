/* SPDX-License-Identifier: Apache-2.0 */
/* lx_time.h - the layer's tick arithmetic and its one sleep primitive. */
#ifndef LX_TIME_H
#define LX_TIME_H

#include <linux/types.h>
#include <tpu/os.h>

/* Virtual time (osal_now_ns scale) at which jiffies becomes j. */
uint64_t lx_jiffy_ns(unsigned long j);

/* Linux schedule_timeout() for a caller already on q (osal_prepare_to_wait):
 * sleeps until woken through q (or by kthread_stop), until the tick when
 * timeout jiffies have passed, or, when interruptible, until a signal;
 * returns the jiffies left (0: the time ran out).  MAX_SCHEDULE_TIMEOUT
 * sleeps until woken and returns it unchanged. */
long lx_sleep_on(osal_waitq_t *q, long timeout, bool interruptible);

#endif /* LX_TIME_H */
