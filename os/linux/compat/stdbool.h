/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/* <stdbool.h> for driver/ inside the kernel: bool, true, false. */
#ifndef TPU_OS_LINUX_COMPAT_STDBOOL_H
#define TPU_OS_LINUX_COMPAT_STDBOOL_H

#include <linux/stddef.h>
#include <linux/types.h>

#endif
