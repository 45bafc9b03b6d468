/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jiffies.h - the tick counter over virtual time.
 *
 * HZ is 250 (CONFIG_HZ_250: the sim-OS's 4 ms time slice assumes it; the
 * vendor kernel's value is not published).  jiffies counts the 4 ms ticks
 * since the simulation began, starting at INITIAL_JIFFIES as Linux does,
 * so that the 32-bit wrap comes five minutes after boot; it is an
 * expression, not a variable.  The conversions are Linux's for HZ = 250:
 * msecs_to_jiffies() rounds up.
 */
#ifndef LX_LINUX_JIFFIES_H
#define LX_LINUX_JIFFIES_H

#include <limits.h>

#include <linux/time64.h>
#include <linux/typecheck.h>
#include <linux/types.h>

#define HZ 250
#define USER_HZ 100
#define TICK_NSEC ((NSEC_PER_SEC + HZ / 2) / HZ)

#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

unsigned long lx_jiffies(void);
#define jiffies lx_jiffies()
#define jiffies_64 ((u64)lx_jiffies())
static inline u64 get_jiffies_64(void)
{
	return lx_jiffies();
}

#define time_after(a, b) \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) && ((long)((b) - (a)) < 0))
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) && ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_after64(a, b) ((s64)((b) - (a)) < 0)
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b) ((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b) time_after_eq64(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)((MSEC_PER_SEC / HZ) * j);
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((USEC_PER_SEC / HZ) * j);
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)(n / (NSEC_PER_SEC / HZ));
}

#endif /* LX_LINUX_JIFFIES_H */
