/* SPDX-License-Identifier: Apache-2.0 */
/*
 * timekeeping.h - the clocks, on virtual time.  CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME are the time since the simulation began; the wall clock
 * (CLOCK_REALTIME) is that plus a fixed boot time, LX_BOOT_REALTIME_SEC
 * (2024-01-01T00:00:00Z), so that every run reads the same values.
 */
#ifndef LX_LINUX_TIMEKEEPING_H
#define LX_LINUX_TIMEKEEPING_H

#include <linux/ktime.h>
#include <linux/time64.h>
#include <linux/types.h>

#define LX_BOOT_REALTIME_SEC 1704067200LL

ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
static inline ktime_t ktime_get_boottime(void) { return ktime_get(); }
static inline ktime_t ktime_get_raw(void) { return ktime_get(); }
static inline u64 ktime_get_ns(void) { return (u64)ktime_get(); }
static inline u64 ktime_get_real_ns(void) { return (u64)ktime_get_real(); }
static inline u64 ktime_get_boottime_ns(void) { return (u64)ktime_get(); }
static inline u64 ktime_get_raw_ns(void) { return (u64)ktime_get(); }
static inline time64_t ktime_get_seconds(void) { return ktime_get() / NSEC_PER_SEC; }
static inline time64_t ktime_get_real_seconds(void) { return ktime_get_real() / NSEC_PER_SEC; }
static inline void ktime_get_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get()); }
static inline void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real());
}
static inline void ktime_get_boottime_ts64(struct timespec64 *ts) { ktime_get_ts64(ts); }

#endif /* LX_LINUX_TIMEKEEPING_H */
