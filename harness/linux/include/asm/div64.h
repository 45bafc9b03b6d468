/* SPDX-License-Identifier: Apache-2.0 */
/*
 * asm/div64.h - do_div(n, base): divides the 64-bit lvalue n in place by
 * the 32-bit base and yields the remainder (asm-generic).  The kernel's
 * pointer-type check of n is left out: the layer's u64 is unsigned long
 * long, the host's uint64_t unsigned long.
 */
#ifndef LX_ASM_DIV64_H
#define LX_ASM_DIV64_H

#include <linux/types.h>

#define do_div(n, base)                                   \
	({                                                \
		uint32_t __base = (base);                 \
		uint32_t __rem;                           \
		__rem = ((uint64_t)(n)) % __base;         \
		(n) = ((uint64_t)(n)) / __base;           \
		__rem;                                    \
	})

#endif /* LX_ASM_DIV64_H */
