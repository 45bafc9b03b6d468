/* SPDX-License-Identifier: Apache-2.0 */
/* kobject.h - included by drivers that use no kobject: nothing here. */
#ifndef LX_LINUX_KOBJECT_H
#define LX_LINUX_KOBJECT_H

#include <linux/types.h>

#endif /* LX_LINUX_KOBJECT_H */
