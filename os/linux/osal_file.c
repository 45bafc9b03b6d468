// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_file.c - files: the driver's device nodes as misc devices, its
 * buffer files as anonymous files, and fd -> file lookups.
 *
 * Every file the driver owns has one struct osal_file behind
 * file->private_data and the one file_operations table below, whether it
 * was opened on a misc device or created by osal_anon_fd().  That table is
 * also how osal_fget() recognises the driver's own files: an ION buffer fd
 * passed to SUBMIT is "imported" by looking its file up in the caller's fd
 * table and taking a file reference, which keeps the buffer alive.
 *
 * Lifetimes: the fops' owner is this module, so every open file (and every
 * mapping, which holds its file) pins the module; the platform driver
 * cannot be unbound by hand (osal_module.c).  So remove, which frees the
 * driver's drvdata, runs only when no file of the driver is open.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "osal_linux.h"

#define OSAL_DEV_PREFIX "/dev/"

/* A node made by osal_register_chrdev(). */
struct osal_chrdev {
	struct list_head node;
	struct miscdevice misc;
	const char *path;
	const struct osal_file_ops *ops;
	void *drvdata;
};

static LIST_HEAD(osal_chrdevs);
static DEFINE_MUTEX(osal_chrdevs_lock);

static const struct file_operations osal_fops;

/* ---- file operations: trampolines into the driver's osal_file_ops -------- */

/* Only reached through misc_open(), which holds misc_mtx, so the
 * registration cannot be torn down under us. */
static int osal_fop_open(struct inode *inode, struct file *filp)
{
	struct miscdevice *misc = filp->private_data;
	struct osal_chrdev *cd = container_of(misc, struct osal_chrdev, misc);
	struct osal_file *of;
	int ret;

	of = kzalloc(sizeof(*of), GFP_KERNEL);
	if (!of)
		return -ENOMEM;
	of->ops = cd->ops;
	of->drvdata = cd->drvdata;
	of->filp = filp;
	ret = of->ops->open ? of->ops->open(of) : 0;
	if (ret) {
		kfree(of);
		return ret;
	}
	filp->private_data = of;
	return 0;
}

/* The last reference is gone (close, exit, munmap of the last mapping). */
static int osal_fop_release(struct inode *inode, struct file *filp)
{
	struct osal_file *of = filp->private_data;

	if (of->ops->release)
		of->ops->release(of);
	kfree(of);
	return 0;
}

static long osal_fop_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct osal_file *of = filp->private_data;

	if (!of->ops->ioctl)
		return -ENOTTY;
	return of->ops->ioctl(of, cmd, arg);
}

static int osal_fop_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct osal_file *of = filp->private_data;
	struct osal_linux_vma lvma = {
		.ovma = {
			.start = vma->vm_start,
			.len = vma->vm_end - vma->vm_start,
			.pgoff = vma->vm_pgoff,
		},
		.vma = vma,
	};

	if (!of->ops->mmap)
		return -ENODEV;
	return of->ops->mmap(of, &lvma.ovma);
}

static ssize_t osal_fop_read(struct file *filp, char __user *buf, size_t len, loff_t *ppos)
{
	struct osal_file *of = filp->private_data;

	if (!of->ops->read)
		return -EINVAL;
	return of->ops->read(of, (__force uintptr_t)buf, len);
}

static ssize_t osal_fop_write(struct file *filp, const char __user *buf, size_t len,
			      loff_t *ppos)
{
	struct osal_file *of = filp->private_data;

	if (!of->ops->write)
		return -EINVAL;
	return of->ops->write(of, (__force uintptr_t)buf, len);
}

/*
 * No compat_ioctl: the ABI's argument records are laid out for LP64
 * (include/tpu/uapi), and the SG2002's user space is 64-bit.
 */
static const struct file_operations osal_fops = {
	.owner = THIS_MODULE,
	.open = osal_fop_open,
	.release = osal_fop_release,
	.unlocked_ioctl = osal_fop_ioctl,
	.mmap = osal_fop_mmap,
	.read = osal_fop_read,
	.write = osal_fop_write,
	.llseek = noop_llseek,
};

/* ---- os.h: device nodes ----------------------------------------------------- */

static struct osal_chrdev *osal_chrdev_find(const char *path)
{
	struct osal_chrdev *cd;

	lockdep_assert_held(&osal_chrdevs_lock);
	list_for_each_entry(cd, &osal_chrdevs, node)
		if (!strcmp(cd->path, path))
			return cd;
	return NULL;
}

/* "/dev/cvi-tpu0" becomes the misc device "cvi-tpu0": devtmpfs (or udev)
 * makes the node under that name. */
int osal_register_chrdev(const char *path, const struct osal_file_ops *ops, void *drvdata)
{
	const char *name = path + strlen(OSAL_DEV_PREFIX);
	struct osal_chrdev *cd;
	int ret;

	if (strncmp(path, OSAL_DEV_PREFIX, strlen(OSAL_DEV_PREFIX)) || !*name || strchr(name, '/'))
		return -EINVAL;

	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return -ENOMEM;
	cd->path = kstrdup(path, GFP_KERNEL);
	if (!cd->path) {
		ret = -ENOMEM;
		goto err_free;
	}
	cd->ops = ops;
	cd->drvdata = drvdata;
	cd->misc.minor = MISC_DYNAMIC_MINOR;
	cd->misc.name = cd->path + strlen(OSAL_DEV_PREFIX);
	cd->misc.fops = &osal_fops;
	cd->misc.parent = osal_res_dev();

	mutex_lock(&osal_chrdevs_lock);
	if (osal_chrdev_find(path)) {
		ret = -EEXIST;
		goto err_unlock;
	}
	/* Last: from here on the node can be opened. */
	ret = misc_register(&cd->misc);
	if (ret)
		goto err_unlock;
	list_add_tail(&cd->node, &osal_chrdevs);
	mutex_unlock(&osal_chrdevs_lock);
	return 0;

err_unlock:
	mutex_unlock(&osal_chrdevs_lock);
	kfree(cd->path);
err_free:
	kfree(cd);
	return ret;
}

static void osal_chrdev_free(struct osal_chrdev *cd)
{
	misc_deregister(&cd->misc);
	kfree(cd->path);
	kfree(cd);
}

void osal_unregister_chrdev(const char *path)
{
	struct osal_chrdev *cd;

	mutex_lock(&osal_chrdevs_lock);
	cd = osal_chrdev_find(path);
	if (cd)
		list_del(&cd->node);
	mutex_unlock(&osal_chrdevs_lock);

	if (WARN(!cd, "unregister of %s, which is not registered\n", path))
		return;
	osal_chrdev_free(cd);
}

void osal_file_unregister_all(void)
{
	struct osal_chrdev *cd, *tmp;
	LIST_HEAD(left);

	mutex_lock(&osal_chrdevs_lock);
	list_splice_init(&osal_chrdevs, &left);
	mutex_unlock(&osal_chrdevs_lock);

	list_for_each_entry_safe(cd, tmp, &left, node) {
		pr_warn("%s still registered after remove\n", cd->path);
		list_del(&cd->node);
		osal_chrdev_free(cd);
	}
}

/* ---- os.h: the file as the driver sees it ----------------------------------- */

void *osal_file_drvdata(struct osal_file *f)
{
	return f->drvdata;
}

void *osal_file_private(struct osal_file *f)
{
	return f->priv;
}

void osal_file_set_private(struct osal_file *f, void *priv)
{
	f->priv = priv;
}

const struct osal_file_ops *osal_file_ops_of(struct osal_file *f)
{
	return f->ops;
}

/* ---- os.h: anonymous files and fd lookups ----------------------------------- */

int osal_anon_fd(const struct osal_file_ops *ops, void *priv, const char *name)
{
	struct osal_file *of;
	struct file *filp;
	int fd;

	of = kzalloc(sizeof(*of), GFP_KERNEL);
	if (!of)
		return -ENOMEM;
	of->ops = ops;
	of->priv = priv;

	/* Reserve the fd, make the file, and only then install it: once it
	 * is in the table another thread may close it, and the file must be
	 * complete by then.  O_CLOEXEC like ION's buffer fds. */
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		goto err_free;
	filp = anon_inode_getfile(name, &osal_fops, of, O_RDWR);
	if (IS_ERR(filp)) {
		put_unused_fd(fd);
		fd = PTR_ERR(filp);
		goto err_free;
	}
	of->filp = filp;
	fd_install(fd, filp);
	return fd;

err_free:
	kfree(of);
	return fd;
}

/*
 * A file that is not the driver's own (a pipe, another driver's dma-buf)
 * still comes back as an osal_file, with no ops, so that the driver can
 * tell it apart with osal_file_ops_of(); it exists for one fget/fput pair.
 */
struct osal_file *osal_fget(int fd)
{
	struct osal_file *of;
	struct file *filp;

	filp = fget(fd);
	if (!filp)
		return NULL;
	if (filp->f_op == &osal_fops)
		return filp->private_data;

	of = kzalloc(sizeof(*of), GFP_KERNEL);
	if (!of) {
		fput(filp);
		return NULL;
	}
	of->filp = filp;
	of->foreign = true;
	return of;
}

void osal_fput(struct osal_file *f)
{
	struct file *filp = f->filp;

	if (f->foreign)
		kfree(f);
	fput(filp);
}
