/* SPDX-License-Identifier: Apache-2.0 */
/*
 * seq_file.c - single_open seq_files: the first read runs show() into a
 * buffer, doubling it while show() overflows it, as seq_read does; reads
 * then hand the text out from *ppos.
 */
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lx_dev.h"

#define LX_SEQ_FIRST 4096

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_file *m = osal_kzalloc(sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->lx_show = show;
	m->private = data;
	file->private_data = m;
	return 0;
}

int single_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	(void)inode;
	if (m) {
		osal_kfree(m->buf);
		osal_kfree(m);
	}
	file->private_data = NULL;
	return 0;
}

static int lx_seq_fill(struct seq_file *m)
{
	size_t size = LX_SEQ_FIRST;
	int ret;

	for (;;) {
		m->buf = osal_kzalloc(size);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		/* single_start: the one record is SEQ_START_TOKEN, (void *)1. */
		ret = m->lx_show(m, (void *)1);
		if (ret < 0)
			return ret;
		if (m->count < m->size)
			break;
		osal_kfree(m->buf);
		m->buf = NULL;
		size *= 2;
	}
	m->lx_filled = true;
	return 0;
}

ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	size_t n;
	int ret;

	if (!m->lx_filled) {
		ret = lx_seq_fill(m);
		if (ret)
			return ret;
	}
	if (*ppos < 0)
		return -EINVAL;
	if ((size_t)*ppos >= m->count)
		return 0;
	n = m->count - (size_t)*ppos;
	if (n > size)
		n = size;
	if (copy_to_user(buf, m->buf + *ppos, n))
		return -EFAULT;
	*ppos += (loff_t)n;
	return (ssize_t)n;
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	if (whence != 0 || offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

static bool lx_seq_full(struct seq_file *m)
{
	return !m->buf || m->count >= m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (lx_seq_full(m))
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= m->size - m->count)
		m->count = m->size;    /* overflow: show() runs again with more room */
	else
		m->count += (size_t)n;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (lx_seq_full(m))
		return;
	if (len >= m->size - m->count) {
		m->count = m->size;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}
