/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs.c - /proc entries as sim-OS file nodes.  Directories are
 * bookkeeping; each file entry is the node /proc/<path> whose operations
 * go to its proc_ops through trampolines (system call brackets, as for
 * device nodes).  proc_remove takes the subtree away; an entry a file is
 * still open on is freed when the last such file is released, and until
 * then its operations fail with -EIO (proc_reg_read after removal).
 */
#include <linux/proc_fs.h>
#include <stdio.h>
#include <string.h>

#include "lx_dev.h"

struct proc_dir_entry {
	char path[128];                 /* /proc/... */
	const struct proc_ops *ops;     /* NULL for a directory */
	void *data;
	umode_t mode;
	struct proc_dir_entry *parent, *subdir, *next;
	unsigned int users;             /* open files */
	bool registered, removed;
};

static struct proc_dir_entry *lx_proc_root;   /* top-level entries */

static struct proc_dir_entry *lx_pde_new(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de;

	if (!name || !*name || strchr(name, '/'))
		return NULL;
	de = osal_kzalloc(sizeof(*de));
	if (!de)
		return NULL;
	if ((size_t)snprintf(de->path, sizeof(de->path), "%s/%s", parent ? parent->path : "/proc",
			     name) >= sizeof(de->path)) {
		osal_kfree(de);
		return NULL;
	}
	de->parent = parent;
	return de;
}

static void lx_pde_link(struct proc_dir_entry *de)
{
	struct proc_dir_entry **head = de->parent ? &de->parent->subdir : &lx_proc_root;

	de->next = *head;
	*head = de;
}

static int lx_proc_open(struct osal_file *of)
{
	struct proc_dir_entry *de = osal_file_drvdata(of);
	struct lx_kpath kp;
	struct file *f;
	int ret = 0;

	if (de->removed)
		return -ENOENT;
	lx_kpath_enter(&kp);
	f = lx_file_new(of, NULL, 0);
	if (!f) {
		ret = -ENOMEM;
		goto out;
	}
	f->f_inode->lx_pde = de;
	f->f_inode->i_private = de->data;
	f->f_inode->i_mode = de->mode;
	de->users++;
	if (de->ops->proc_open)
		ret = de->ops->proc_open(f->f_inode, f);
	if (ret) {
		de->users--;
		lx_file_free(f);
	} else {
		osal_file_set_private(of, f);
	}
out:
	lx_kpath_exit(&kp);
	return ret;
}

static void lx_proc_release(struct osal_file *of)
{
	struct file *f = osal_file_private(of);
	struct proc_dir_entry *de = f->f_inode->lx_pde;
	struct lx_kpath kp;

	lx_kpath_enter(&kp);
	if (de->ops->proc_release)
		de->ops->proc_release(f->f_inode, f);
	lx_file_free(f);
	if (--de->users == 0 && de->removed)
		osal_kfree(de);
	lx_kpath_exit(&kp);
}

static long lx_proc_read(struct osal_file *of, uint64_t ubuf, size_t len)
{
	struct file *f = osal_file_private(of);
	struct proc_dir_entry *de = f->f_inode->lx_pde;
	struct lx_kpath kp;
	long ret = -EIO;

	lx_kpath_enter(&kp);
	if (!de->removed && de->ops->proc_read)
		ret = de->ops->proc_read(f, (char __user *)(uintptr_t)ubuf, len, &f->f_pos);
	lx_kpath_exit(&kp);
	return ret;
}

static long lx_proc_write(struct osal_file *of, uint64_t ubuf, size_t len)
{
	struct file *f = osal_file_private(of);
	struct proc_dir_entry *de = f->f_inode->lx_pde;
	struct lx_kpath kp;
	long ret = -EIO;

	lx_kpath_enter(&kp);
	if (!de->removed && de->ops->proc_write)
		ret = de->ops->proc_write(f, (const char __user *)(uintptr_t)ubuf, len, &f->f_pos);
	lx_kpath_exit(&kp);
	return ret;
}

static long lx_proc_ioctl(struct osal_file *of, unsigned int cmd, uint64_t arg)
{
	struct file *f = osal_file_private(of);
	struct proc_dir_entry *de = f->f_inode->lx_pde;
	struct lx_kpath kp;
	long ret = -ENOTTY;

	lx_kpath_enter(&kp);
	if (de->removed)
		ret = -EIO;
	else if (de->ops->proc_ioctl)
		ret = de->ops->proc_ioctl(f, cmd, (unsigned long)arg);
	lx_kpath_exit(&kp);
	return ret;
}

static const struct osal_file_ops lx_proc_fops = {
	.open = lx_proc_open,
	.release = lx_proc_release,
	.ioctl = lx_proc_ioctl,
	.read = lx_proc_read,
	.write = lx_proc_write,
};

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de = lx_pde_new(name, parent);

	if (de) {
		de->mode = 0555;
		lx_pde_link(de);
	}
	return de;
}

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	struct proc_dir_entry *de;

	if (!proc_ops)
		return NULL;
	de = lx_pde_new(name, parent);
	if (!de)
		return NULL;
	de->ops = proc_ops;
	de->data = data;
	de->mode = mode ? mode : 0444;
	if (osal_register_chrdev(de->path, &lx_proc_fops, de)) {
		osal_kfree(de);
		return NULL;
	}
	de->registered = true;
	lx_pde_link(de);
	return de;
}

struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, NULL);
}

static void lx_pde_drop(struct proc_dir_entry *de)
{
	while (de->subdir) {
		struct proc_dir_entry *c = de->subdir;

		de->subdir = c->next;
		lx_pde_drop(c);
	}
	if (de->registered)
		osal_unregister_chrdev(de->path);
	de->removed = true;
	if (!de->users)
		osal_kfree(de);
}

void proc_remove(struct proc_dir_entry *de)
{
	struct proc_dir_entry **pp;

	if (!de)
		return;
	for (pp = de->parent ? &de->parent->subdir : &lx_proc_root; *pp; pp = &(*pp)->next)
		if (*pp == de) {
			*pp = de->next;
			break;
		}
	lx_pde_drop(de);
}

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de;
	const char *base;

	for (de = parent ? parent->subdir : lx_proc_root; de; de = de->next) {
		base = strrchr(de->path, '/');
		if (base && !strcmp(base + 1, name)) {
			proc_remove(de);
			return;
		}
	}
	osal_kernel_bug("remove_proc_entry: %s not found", name);
}

void *PDE_DATA(const struct inode *inode)
{
	const struct proc_dir_entry *de = inode->lx_pde;

	return de ? de->data : NULL;
}
