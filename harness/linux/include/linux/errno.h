/* SPDX-License-Identifier: Apache-2.0 */
/*
 * errno.h - the kernel's errno values: the architecture's (asm/errno.h,
 * the same numbers the C library uses on the hosts tpusim runs on) plus
 * the kernel-internal ones (include/linux/errno.h).
 *
 * Not <errno.h>: the C library's errno.h includes <linux/errno.h> for its
 * values, which finds this header, so going through it would leave them
 * undefined.
 */
#ifndef LX_LINUX_ERRNO_H
#define LX_LINUX_ERRNO_H

#include <asm/errno.h>

#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514
#define ENOIOCTLCMD     515
#define EPROBE_DEFER    517

#endif /* LX_LINUX_ERRNO_H */
