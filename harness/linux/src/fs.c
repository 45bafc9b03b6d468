/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fs.c - the struct file / struct inode pair around an open sim-OS file,
 * and the bracket around every system call into the layer that runs the
 * caller's deferred fputs on its way back to user space.
 */
#include <linux/fs.h>
#include <linux/types.h>

#include "lx_dev.h"

static struct lx_kpath *lx_kpaths;   /* system calls in progress, any thread */

void lx_kpath_enter(struct lx_kpath *p)
{
	p->tid = osal_current_tid();
	p->next = lx_kpaths;
	lx_kpaths = p;
}

void lx_kpath_exit(struct lx_kpath *p)
{
	struct lx_kpath **pp, *q;

	for (pp = &lx_kpaths; *pp != p; pp = &(*pp)->next)
		;
	*pp = p->next;
	for (q = lx_kpaths; q; q = q->next)
		if (q->tid == p->tid)
			return;       /* not the outermost call of this thread */
	lx_dmabuf_run_deferred(p->tid);
}

bool lx_in_syscall(void)
{
	uint64_t tid = osal_current_tid();
	struct lx_kpath *q;

	for (q = lx_kpaths; q; q = q->next)
		if (q->tid == tid)
			return true;
	return false;
}

struct lx_file_pair {
	struct file file;
	struct inode inode;
};

struct file *lx_file_new(struct osal_file *of, const struct file_operations *fops, dev_t rdev)
{
	struct lx_file_pair *fp = osal_kzalloc(sizeof(*fp));

	if (!fp)
		return NULL;
	fp->inode.i_rdev = rdev;
	fp->file.f_inode = &fp->inode;
	fp->file.f_op = fops;
	fp->file.f_count = 1;
	fp->file.lx_file = of;
	return &fp->file;
}

void lx_file_free(struct file *f)
{
	if (f)
		osal_kfree(container_of(f, struct lx_file_pair, file));
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	(void)file;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	(void)filp;
	return 0;
}
