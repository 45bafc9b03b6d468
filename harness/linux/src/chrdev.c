/* SPDX-License-Identifier: Apache-2.0 */
/*
 * chrdev.c - character device numbers, cdevs, classes and device nodes.
 *
 * device_create() registers /dev/<name> on the sim-OS; an open of it
 * finds the cdev added for the node's dev_t (as chrdev_open does through
 * the cdev map), makes the struct file / inode pair and calls the
 * cdev's open.  The file operations are trampolines from osal_file_ops,
 * each one a system call bracket (lx_kpath).
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lx_dev.h"

/* ---- chrdev regions ------------------------------------------------------ */

#define LX_REGIONS 32

struct lx_region {
	dev_t first;
	unsigned int count;
	const char *name;
};

static struct lx_region lx_regions[LX_REGIONS];

static bool lx_region_busy(dev_t first, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < LX_REGIONS; i++) {
		const struct lx_region *r = &lx_regions[i];

		if (r->count && first < r->first + r->count && r->first < first + count)
			return true;
	}
	return false;
}

int register_chrdev_region(dev_t from, unsigned int count, const char *name)
{
	unsigned int i;

	if (!count || MINOR(from) + count > MINORMASK + 1)
		return -EINVAL;
	if (lx_region_busy(from, count))
		return -EBUSY;
	for (i = 0; i < LX_REGIONS; i++)
		if (!lx_regions[i].count) {
			lx_regions[i] = (struct lx_region){from, count, name};
			return 0;
		}
	return -ENOMEM;
}

/* Dynamic majors as fs/char_dev.c hands them out: 254 down to 234, then
 * 511 down to 384. */
int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count,
			const char *name)
{
	unsigned int major;

	for (major = 254; major >= 234; major--)
		if (!lx_region_busy(MKDEV(major, 0), MINORMASK + 1))
			goto found;
	for (major = 511; major >= 384; major--)
		if (!lx_region_busy(MKDEV(major, 0), MINORMASK + 1))
			goto found;
	return -EBUSY;
found:
	if (register_chrdev_region(MKDEV(major, baseminor), count, name))
		return -EBUSY;
	*dev = MKDEV(major, baseminor);
	return 0;
}

void unregister_chrdev_region(dev_t from, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < LX_REGIONS; i++)
		if (lx_regions[i].count == count && lx_regions[i].first == from) {
			lx_regions[i].count = 0;
			return;
		}
	osal_kernel_bug("unregister_chrdev_region(%u:%u, %u): not registered", MAJOR(from),
			MINOR(from), count);
}

/* ---- cdevs --------------------------------------------------------------- */

static struct cdev *lx_cdevs;

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	memset(cdev, 0, sizeof(*cdev));
	cdev->ops = fops;
}

int cdev_add(struct cdev *p, dev_t dev, unsigned int count)
{
	struct cdev *c;

	if (!count)
		return -EINVAL;
	for (c = lx_cdevs; c; c = c->lx_next)
		if (dev < c->dev + c->count && c->dev < dev + count)
			return -EBUSY;
	p->dev = dev;
	p->count = count;
	p->lx_next = lx_cdevs;
	p->lx_added = true;
	lx_cdevs = p;
	return 0;
}

void cdev_del(struct cdev *p)
{
	struct cdev **pp;

	for (pp = &lx_cdevs; *pp; pp = &(*pp)->lx_next)
		if (*pp == p) {
			*pp = p->lx_next;
			p->lx_added = false;
			return;
		}
}

static struct cdev *lx_cdev_lookup(dev_t dev)
{
	struct cdev *c;

	for (c = lx_cdevs; c; c = c->lx_next)
		if (dev >= c->dev && dev < c->dev + c->count)
			return c;
	return NULL;
}

/* ---- the file operations of a device node ------------------------------ */

struct lx_node {
	struct device dev;
	char path[80];
	bool registered;
};

static int lx_chr_open(struct osal_file *of)
{
	struct lx_node *n = osal_file_drvdata(of);
	struct lx_kpath kp;
	struct cdev *c;
	struct file *f;
	int ret = 0;

	lx_kpath_enter(&kp);
	c = lx_cdev_lookup(n->dev.devt);
	if (!c) {
		ret = -ENXIO;
		goto out;
	}
	f = lx_file_new(of, c->ops, n->dev.devt);
	if (!f) {
		ret = -ENOMEM;
		goto out;
	}
	f->f_inode->i_cdev = c;
	if (f->f_op && f->f_op->open)
		ret = f->f_op->open(f->f_inode, f);
	if (ret)
		lx_file_free(f);
	else
		osal_file_set_private(of, f);
out:
	lx_kpath_exit(&kp);
	return ret;
}

static void lx_chr_release(struct osal_file *of)
{
	struct file *f = osal_file_private(of);
	struct lx_kpath kp;

	lx_kpath_enter(&kp);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	lx_file_free(f);
	lx_kpath_exit(&kp);
}

static long lx_chr_ioctl(struct osal_file *of, unsigned int cmd, uint64_t arg)
{
	struct file *f = osal_file_private(of);
	struct lx_kpath kp;
	long ret = -ENOTTY;

	lx_kpath_enter(&kp);
	if (f->f_op && f->f_op->unlocked_ioctl) {
		ret = f->f_op->unlocked_ioctl(f, cmd, (unsigned long)arg);
		if (ret == -ENOIOCTLCMD)
			ret = -ENOTTY;
	}
	lx_kpath_exit(&kp);
	return ret;
}

static long lx_chr_read(struct osal_file *of, uint64_t ubuf, size_t len)
{
	struct file *f = osal_file_private(of);
	struct lx_kpath kp;
	long ret = -EINVAL;

	lx_kpath_enter(&kp);
	if (f->f_op && f->f_op->read)
		ret = f->f_op->read(f, (char __user *)(uintptr_t)ubuf, len, &f->f_pos);
	lx_kpath_exit(&kp);
	return ret;
}

static long lx_chr_write(struct osal_file *of, uint64_t ubuf, size_t len)
{
	struct file *f = osal_file_private(of);
	struct lx_kpath kp;
	long ret = -EINVAL;

	lx_kpath_enter(&kp);
	if (f->f_op && f->f_op->write)
		ret = f->f_op->write(f, (const char __user *)(uintptr_t)ubuf, len, &f->f_pos);
	lx_kpath_exit(&kp);
	return ret;
}

static const struct osal_file_ops lx_chr_fops = {
	.open = lx_chr_open,
	.release = lx_chr_release,
	.ioctl = lx_chr_ioctl,
	.read = lx_chr_read,
	.write = lx_chr_write,
};

/* ---- classes and device nodes ------------------------------------------ */

struct class *class_create(struct module *owner, const char *name)
{
	struct class *cls = osal_kzalloc(sizeof(*cls));

	if (!cls)
		return ERR_PTR(-ENOMEM);
	cls->name = name;
	cls->owner = owner;
	return cls;
}

void class_destroy(struct class *cls)
{
	if (IS_ERR_OR_NULL(cls))
		return;
	if (cls->lx_devices)
		osal_kernel_bug("class_destroy(%s): devices still registered", cls->name);
	osal_kfree(cls);
}

struct device *device_create(struct class *cls, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...)
{
	struct lx_node *n;
	va_list ap;
	int ret;

	if (IS_ERR_OR_NULL(cls))
		return ERR_PTR(-ENODEV);
	n = osal_kzalloc(sizeof(*n));
	if (!n)
		return ERR_PTR(-ENOMEM);
	va_start(ap, fmt);
	vsnprintf(n->dev.lx_name, sizeof(n->dev.lx_name), fmt, ap);
	va_end(ap);
	n->dev.parent = parent;
	n->dev.devt = devt;
	n->dev.class = cls;
	n->dev.driver_data = drvdata;
	if (MAJOR(devt)) {
		/* devtmpfs: the node appears under /dev with the device's name. */
		snprintf(n->path, sizeof(n->path), "/dev/%s", n->dev.lx_name);
		ret = osal_register_chrdev(n->path, &lx_chr_fops, n);
		if (ret) {
			osal_kfree(n);
			return ERR_PTR(ret);
		}
		n->registered = true;
	}
	n->dev.lx_next = cls->lx_devices;
	cls->lx_devices = &n->dev;
	return &n->dev;
}

void device_destroy(struct class *cls, dev_t devt)
{
	struct device **pp;

	if (IS_ERR_OR_NULL(cls))
		return;
	for (pp = &cls->lx_devices; *pp; pp = &(*pp)->lx_next) {
		struct lx_node *n = container_of(*pp, struct lx_node, dev);

		if (n->dev.devt != devt)
			continue;
		*pp = n->dev.lx_next;
		if (n->registered)
			osal_unregister_chrdev(n->path);
		osal_kfree(n);
		return;
	}
}
