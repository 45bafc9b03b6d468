/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernel.h - what a driver gets from <linux/kernel.h> in Linux 5.10,
 * directly or through the headers it includes: the types, error pointers,
 * printk, BUG/WARN, min/max and friends, do_div, kstrto*, might_sleep().
 */
#ifndef LX_LINUX_KERNEL_H
#define LX_LINUX_KERNEL_H

#include <limits.h>
#include <stdarg.h>

#include <asm/div64.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/typecheck.h>
#include <linux/types.h>
#include <tpu/os.h>

#define U8_MAX ((u8)~0U)
#define S8_MAX ((s8)(U8_MAX >> 1))
#define S8_MIN ((s8)(-S8_MAX - 1))
#define U16_MAX ((u16)~0U)
#define S16_MAX ((s16)(U16_MAX >> 1))
#define S16_MIN ((s16)(-S16_MAX - 1))
#define U32_MAX ((u32)~0U)
#define S32_MAX ((s32)(U32_MAX >> 1))
#define S32_MIN ((s32)(-S32_MAX - 1))
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN ((s64)(-S64_MAX - 1))

#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define PTR_ALIGN(p, a) ((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, d) (((x) + ((d) / 2)) / (d))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define FIELD_SIZEOF(t, f) (sizeof(((t *)0)->f))
#define sizeof_field(t, f) (sizeof(((t *)0)->f))

#define min(x, y)                                  \
	({                                         \
		__typeof__(x) __x = (x);           \
		__typeof__(y) __y = (y);           \
		(void)(&__x == &__y);              \
		__x < __y ? __x : __y;             \
	})
#define max(x, y)                                  \
	({                                         \
		__typeof__(x) __x = (x);           \
		__typeof__(y) __y = (y);           \
		(void)(&__x == &__y);              \
		__x > __y ? __x : __y;             \
	})
#define min3(x, y, z) min((__typeof__(x))min(x, y), z)
#define max3(x, y, z) max((__typeof__(x))max(x, y), z)
#define min_t(type, x, y)                          \
	({                                         \
		type __x = (x);                    \
		type __y = (y);                    \
		__x < __y ? __x : __y;             \
	})
#define max_t(type, x, y)                          \
	({                                         \
		type __x = (x);                    \
		type __y = (y);                    \
		__x > __y ? __x : __y;             \
	})
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(__typeof__(val), val, lo, hi)
#define swap(a, b)                                 \
	do {                                       \
		__typeof__(a) __tmp = (a);         \
		(a) = (b);                         \
		(b) = __tmp;                       \
	} while (0)
/* Linux might_sleep() with CONFIG_DEBUG_ATOMIC_SLEEP: a finding when the
 * caller is atomic, whether or not it then sleeps. */
#define might_sleep() osal_might_sleep("might_sleep() at " __FILE__)
#define might_sleep_if(cond)                    \
	do {                                    \
		if (cond)                       \
			might_sleep();          \
	} while (0)

#endif /* LX_LINUX_KERNEL_H */
