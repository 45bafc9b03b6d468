/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/* <errno.h> for driver/ inside the kernel: os.h promises Linux values. */
#ifndef TPU_OS_LINUX_COMPAT_ERRNO_H
#define TPU_OS_LINUX_COMPAT_ERRNO_H

#include <linux/errno.h>

#endif
