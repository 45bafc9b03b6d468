/* SPDX-License-Identifier: Apache-2.0 */
/* math64.h - 64-bit divisions. */
#ifndef LX_LINUX_MATH64_H
#define LX_LINUX_MATH64_H

#include <asm/div64.h>
#include <linux/types.h>

static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}
static inline u64 div_u64(u64 dividend, u32 divisor) { return dividend / divisor; }
static inline s64 div_s64(s64 dividend, s32 divisor) { return dividend / divisor; }
static inline u64 div64_u64(u64 dividend, u64 divisor) { return dividend / divisor; }
static inline s64 div64_s64(s64 dividend, s64 divisor) { return dividend / divisor; }
static inline u64 div64_ul(u64 dividend, unsigned long divisor) { return dividend / divisor; }

#define DIV64_U64_ROUND_UP(ll, d) (((ll) + (d) - 1) / (d))

#endif /* LX_LINUX_MATH64_H */
