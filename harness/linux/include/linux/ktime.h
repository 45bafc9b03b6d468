/* SPDX-License-Identifier: Apache-2.0 */
/* ktime.h - ktime_t: nanoseconds in an s64. */
#ifndef LX_LINUX_KTIME_H
#define LX_LINUX_KTIME_H

#include <linux/jiffies.h>
#include <linux/time64.h>
#include <linux/types.h>

typedef s64 ktime_t;

#define KTIME_MAX ((s64)~((u64)1 << 63))

static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	return secs * NSEC_PER_SEC + (s64)nsecs;
}
#define ktime_sub(lhs, rhs) ((lhs) - (rhs))
#define ktime_add(lhs, rhs) ((lhs) + (rhs))
#define ktime_add_ns(kt, nsval) ((kt) + (nsval))
#define ktime_sub_ns(kt, nsval) ((kt) - (nsval))
static inline s64 ktime_to_ns(const ktime_t kt) { return kt; }
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline s64 ktime_to_us(const ktime_t kt) { return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(const ktime_t kt) { return kt / NSEC_PER_MSEC; }
static inline ktime_t ms_to_ktime(u64 ms) { return (ktime_t)(ms * NSEC_PER_MSEC); }
static inline ktime_t us_to_ktime(u64 us) { return (ktime_t)(us * NSEC_PER_USEC); }
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(later - earlier);
}
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(later - earlier);
}
static inline struct timespec64 ktime_to_timespec64(ktime_t kt)
{
	return ns_to_timespec64(kt);
}
static inline ktime_t timespec64_to_ktime(struct timespec64 ts)
{
	return ktime_set(ts.tv_sec, (unsigned long)ts.tv_nsec);
}
static inline int ktime_compare(const ktime_t a, const ktime_t b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}
static inline bool ktime_after(const ktime_t a, const ktime_t b) { return a > b; }
static inline bool ktime_before(const ktime_t a, const ktime_t b) { return a < b; }

#include <linux/timekeeping.h>

#endif /* LX_LINUX_KTIME_H */
