/* SPDX-License-Identifier: Apache-2.0 */
/* time64.h - struct timespec64 and the time unit constants. */
#ifndef LX_LINUX_TIME64_H
#define LX_LINUX_TIME64_H

#include <linux/types.h>

typedef s64 time64_t;
typedef u64 timeu64_t;

struct timespec64 {
	time64_t tv_sec;  /* seconds */
	long tv_nsec;     /* nanoseconds */
};

#define MSEC_PER_SEC 1000L
#define USEC_PER_MSEC 1000L
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_SEC 1000000000L

static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	return ((s64)ts->tv_sec * NSEC_PER_SEC) + ts->tv_nsec;
}

static inline struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = {0, 0};
	s32 rem;

	if (!nsec)
		return ts;
	ts.tv_sec = nsec / NSEC_PER_SEC;
	rem = (s32)(nsec % NSEC_PER_SEC);
	if (rem < 0) {
		ts.tv_sec--;
		rem += NSEC_PER_SEC;
	}
	ts.tv_nsec = rem;
	return ts;
}

static inline struct timespec64 timespec64_sub(struct timespec64 lhs, struct timespec64 rhs)
{
	return ns_to_timespec64(timespec64_to_ns(&lhs) - timespec64_to_ns(&rhs));
}

#endif /* LX_LINUX_TIME64_H */
