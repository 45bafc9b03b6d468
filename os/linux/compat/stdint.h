/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * <stdint.h> for driver/ inside the kernel.  driver/ is plain C11 and
 * names the C library's headers; a kernel build has no C library, and the
 * compiler's own <stdint.h> would typedef uint64_t as unsigned long, which
 * clashes with the kernel's u64.  So the fixed-width types come from
 * <linux/types.h>, the limits the driver uses from <linux/limits.h>.
 */
#ifndef TPU_OS_LINUX_COMPAT_STDINT_H
#define TPU_OS_LINUX_COMPAT_STDINT_H

#include <linux/limits.h>
#include <linux/types.h>

#define UINT8_MAX	U8_MAX
#define UINT16_MAX	U16_MAX
#define UINT32_MAX	U32_MAX
#define UINT64_MAX	U64_MAX
#define INT32_MIN	S32_MIN
#define INT32_MAX	S32_MAX
#define INT64_MAX	S64_MAX

#endif
