/* SPDX-License-Identifier: Apache-2.0 */
/*
 * seq_file.h - the single_open flavour of seq_file: show() writes the
 * whole text into a buffer on the first read (retried with a larger
 * buffer when it overflows), and reads hand it out from *ppos.
 */
#ifndef LX_LINUX_SEQ_FILE_H
#define LX_LINUX_SEQ_FILE_H

#include <linux/fs.h>
#include <linux/types.h>

struct seq_file {
	char *buf;
	size_t size;
	size_t count;
	loff_t index;
	void *private;
	int (*lx_show)(struct seq_file *, void *);
	bool lx_filled;
};

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_release(struct inode *inode, struct file *file);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);

void seq_printf(struct seq_file *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

#endif /* LX_LINUX_SEQ_FILE_H */
