/* SPDX-License-Identifier: Apache-2.0 */
/*
 * errno.h - the kernel's errno values.  The C library's <errno.h> has the
 * same numbers as Linux on the hosts tpusim runs on; the kernel-internal
 * ones (include/linux/errno.h) are added here.
 */
#ifndef LX_LINUX_ERRNO_H
#define LX_LINUX_ERRNO_H

/* The values first, from the kernel's UAPI header: glibc's <errno.h>
 * takes them from <linux/errno.h>, which on the layer's include path is
 * this file, so including <errno.h> alone would define none. */
#include <asm-generic/errno.h>
#include <errno.h>

#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514
#define ENOIOCTLCMD     515
#define EPROBE_DEFER    517

#endif /* LX_LINUX_ERRNO_H */
