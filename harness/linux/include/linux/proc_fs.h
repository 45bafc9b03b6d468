/* SPDX-License-Identifier: Apache-2.0 */
/*
 * proc_fs.h - /proc entries: each file is a sim-OS file node at
 * /proc/<path> whose open, read, write and release go to its proc_ops.
 * proc_remove removes an entry with everything below it; a file still
 * open on a removed entry gets -EIO.
 */
#ifndef LX_LINUX_PROC_FS_H
#define LX_LINUX_PROC_FS_H

#include <linux/fs.h>
#include <linux/types.h>

struct proc_dir_entry;

struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*proc_write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*proc_lseek)(struct file *, loff_t, int);
	int (*proc_release)(struct inode *, struct file *);
	long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
};

/* NULL on failure. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data);
struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops);
void proc_remove(struct proc_dir_entry *de);
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
/* The data given to proc_create_data for the entry of inode. */
void *PDE_DATA(const struct inode *inode);

#endif /* LX_LINUX_PROC_FS_H */
