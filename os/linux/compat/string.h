/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/* <string.h> for driver/ inside the kernel: memcpy, memset, strcpy ... */
#ifndef TPU_OS_LINUX_COMPAT_STRING_H
#define TPU_OS_LINUX_COMPAT_STRING_H

#include <linux/string.h>

#endif
