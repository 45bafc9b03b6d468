/* SPDX-License-Identifier: Apache-2.0 */
/* typecheck.h - a compile-time warning when x is not of the given type. */
#ifndef LX_LINUX_TYPECHECK_H
#define LX_LINUX_TYPECHECK_H

#define typecheck(type, x)                          \
	({                                          \
		type __dummy;                       \
		__typeof__(x) __dummy2;             \
		(void)(&__dummy == &__dummy2);      \
		1;                                  \
	})

#endif /* LX_LINUX_TYPECHECK_H */
