/* SPDX-License-Identifier: Apache-2.0 */
/* cdev.h - character devices: file operations for a range of dev_t. */
#ifndef LX_LINUX_CDEV_H
#define LX_LINUX_CDEV_H

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kobject.h>
#include <linux/types.h>

struct cdev {
	struct module *owner;
	const struct file_operations *ops;
	dev_t dev;
	unsigned int count;
	struct cdev *lx_next;           /* on the layer's cdev map */
	bool lx_added;
};

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
/* 0 or -errno (-EBUSY when a number of the range is taken). */
int cdev_add(struct cdev *p, dev_t dev, unsigned int count);
void cdev_del(struct cdev *p);

#endif /* LX_LINUX_CDEV_H */
