/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kobject.h - no kobjects here; what Linux's kobject.h brings in on the way
 * (sysfs, kernfs: lists, wait queues, mutexes, reference counts), since
 * drivers rely on it through cdev.h and device.h.
 */
#ifndef LX_LINUX_KOBJECT_H
#define LX_LINUX_KOBJECT_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#endif /* LX_LINUX_KOBJECT_H */
