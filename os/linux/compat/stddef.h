/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/* <stddef.h> for driver/ inside the kernel: size_t, NULL, offsetof. */
#ifndef TPU_OS_LINUX_COMPAT_STDDEF_H
#define TPU_OS_LINUX_COMPAT_STDDEF_H

#include <linux/stddef.h>
#include <linux/types.h>

#endif
