/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fs.h - files, inodes, file operations and character device numbers.
 *
 * A struct file and its struct inode are made when a node of the layer
 * (a device_create()d /dev node, a /proc entry) is opened on the sim-OS,
 * and freed after release, which runs when the last reference to the
 * open file goes.  The user buffer and ioctl arguments the operations
 * receive are simulated user addresses: only copy_*_user may use them.
 * Includes the generic _IOC encoding, as Linux's fs.h does.
 */
#ifndef LX_LINUX_FS_H
#define LX_LINUX_FS_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct module;
struct cdev;
struct osal_file;
struct file;
struct inode;

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

struct inode {
	dev_t i_rdev;
	umode_t i_mode;
	struct cdev *i_cdev;            /* character devices */
	void *i_private;
	void *lx_pde;                   /* /proc entries: its proc_dir_entry */
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	unsigned int f_flags;
	unsigned int f_mode;
	loff_t f_pos;
	long f_count;                   /* kernel references not yet put (dma-bufs: gets
					 * minus puts; the fd table's is not counted) */
	void *private_data;
	struct osal_file *lx_file;      /* the sim-OS's open file */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline long file_count(struct file *f)
{
	return f->f_count;
}

/* kdev_t.h: dev_t is major:12 minor:20 inside the kernel. */
#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))

static inline unsigned int iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned int imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

/* A dynamic major (as Linux hands them out, from 511 down); 0 or -errno. */
int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count,
			const char *name);
int register_chrdev_region(dev_t from, unsigned int count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned int count);

loff_t no_llseek(struct file *file, loff_t offset, int whence);
int nonseekable_open(struct inode *inode, struct file *filp);

#endif /* LX_LINUX_FS_H */
