/* SPDX-License-Identifier: Apache-2.0 */
/* sysfs.h - included by drivers that create no sysfs attribute: nothing here. */
#ifndef LX_LINUX_SYSFS_H
#define LX_LINUX_SYSFS_H

#include <linux/kobject.h>

#endif /* LX_LINUX_SYSFS_H */
