/* SPDX-License-Identifier: Apache-2.0 */
/*
 * errno.h - the kernel's errno values.  The C library's <errno.h> has the
 * same numbers as Linux on the hosts tpusim runs on; the kernel-internal
 * ones (include/linux/errno.h) are added here.
 */
#ifndef LX_LINUX_ERRNO_H
#define LX_LINUX_ERRNO_H

#include <errno.h>

#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514
#define ENOIOCTLCMD     515
#define EPROBE_DEFER    517

#endif /* LX_LINUX_ERRNO_H */
