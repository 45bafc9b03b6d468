/* SPDX-License-Identifier: Apache-2.0 */
/* compiler.h - compiler helpers the kernel's headers use. */
#ifndef LX_LINUX_COMPILER_H
#define LX_LINUX_COMPILER_H

#include <linux/types.h>

#define barrier() __asm__ __volatile__("" : : : "memory")

/* One access the compiler neither tears, merges nor moves across another
 * READ_ONCE/WRITE_ONCE. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define noinline __attribute__((noinline))
#define __cold __attribute__((cold))
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __used __attribute__((used))
#define __weak __attribute__((weak))
#define __section(s) __attribute__((section(s)))
#define __must_be_array(a) 0
#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define unreachable() __builtin_unreachable()

#endif /* LX_LINUX_COMPILER_H */
