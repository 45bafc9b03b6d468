/* SPDX-License-Identifier: Apache-2.0 */
/* time.h - kernel time types (the 64-bit ones; 5.10 has no timespec for
 * drivers). */
#ifndef LX_LINUX_TIME_H
#define LX_LINUX_TIME_H

#include <linux/time64.h>

#endif /* LX_LINUX_TIME_H */
