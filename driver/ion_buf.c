// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * ion_buf.c - ION buffer objects and their files (the dma-buf side).
 *
 * Lifetime: ion_buffer_create() allocates the pages and installs a buffer
 * file that owns the first reference.  The TPU driver takes one more per
 * queued task (ion_buffer_get_fd).  The file's release op and the task
 * teardown each drop theirs; whoever drops the last frees the pages.  So
 * the pages stay allocated exactly as long as something can still reach
 * them: an open fd, a mapping's file, or a job the hardware may run.
 */
#include <string.h>

#include "ion.h"

static void ion_buffer_release(struct osal_kref *ref)
{
	struct ion_buffer *buf = osal_container_of(ref, struct ion_buffer, ref);
	struct ion_device *idev = buf->idev;
	unsigned long flags;

	flags = osal_spin_lock_irqsave(idev->lock);
	tpu_list_del(&buf->node);
	idev->nr_buffers--;
	idev->bytes -= buf->size;
	osal_spin_unlock_irqrestore(idev->lock, flags);

	osal_dbg("ion: free %s paddr=0x%llx size=%llu", buf->name,
		 (unsigned long long)buf->paddr, (unsigned long long)buf->size);
	osal_dma_free(buf->paddr, buf->size);
	osal_kfree(buf);
	/* Last: the device (and its lock) may go with this buffer. */
	ion_device_put(idev);
}

void ion_buffer_get(struct ion_buffer *buf)
{
	osal_kref_get(&buf->ref);
}

void ion_buffer_put(struct ion_buffer *buf)
{
	osal_kref_put(&buf->ref, ion_buffer_release);
}

/* ---- buffer file operations -------------------------------------------- */

static void ion_buf_file_release(struct osal_file *f)
{
	struct ion_buffer *buf = osal_file_private(f);

	/* The file's reference; queued TPU jobs may still hold theirs. */
	if (buf)
		ion_buffer_put(buf);
}

static int ion_buf_mmap(struct osal_file *f, struct osal_vma *vma)
{
	struct ion_buffer *buf = osal_file_private(f);
	uint64_t off;

	if (!buf || vma->len == 0)
		return -EINVAL;
	/* The window [pgoff * page, + len) must lie inside the buffer; written
	 * so that no intermediate value can wrap. */
	if (vma->pgoff > buf->size / ION_PAGE_SIZE)
		return -EINVAL;
	off = vma->pgoff * ION_PAGE_SIZE;
	if (vma->len > buf->size - off)
		return -EINVAL;
	return osal_vma_map_dma(vma, buf->paddr + off, buf->cached);
}

/* Identity of an ION buffer file: ion_buffer_from_file compares against
 * the address of this table, so it must stay unique to buffer files.
 * No open: buffer files are created by ALLOC, never opened by path.  No
 * ioctl: there are no dma-buf ioctls (DMA_BUF_IOCTL_SYNC ...), the runtime
 * uses the TPU device's cache ioctls instead (-ENOTTY).  No read or write
 * (-EINVAL). */
static const struct osal_file_ops ion_buf_fops = {
	.release = ion_buf_file_release,
	.mmap = ion_buf_mmap,
};

struct ion_buffer *ion_buffer_from_file(struct osal_file *f)
{
	if (!f || osal_file_ops_of(f) != &ion_buf_fops)
		return NULL;
	return osal_file_private(f);
}

struct ion_buffer *ion_buffer_get_fd(int fd, int *err)
{
	struct osal_file *f;
	struct ion_buffer *buf;

	if (fd < 0) {
		*err = -EBADF;
		return NULL;
	}
	f = osal_fget(fd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	buf = ion_buffer_from_file(f);
	if (!buf) {
		*err = -EBADF;
		goto out_fput;
	}
	/* Safe: the file reference we hold keeps the file's buffer reference. */
	ion_buffer_get(buf);
	*err = 0;
out_fput:
	osal_fput(f);
	return buf;
}

int ion_buffer_create(struct ion_device *idev, uint64_t size, uint32_t heap_id,
		      bool cached, const char *name, uint64_t *paddr)
{
	struct ion_buffer *buf;
	unsigned long flags;
	int ret;

	buf = osal_kzalloc(sizeof(*buf));
	if (!buf)
		return -ENOMEM;

	ret = osal_dma_alloc(size, &buf->paddr);
	if (ret)
		goto err_free_buf;

	osal_kref_init(&buf->ref);
	buf->size = size;
	buf->cached = cached;
	buf->heap_id = heap_id;
	strncpy(buf->name, name, sizeof(buf->name) - 1);
	buf->name[sizeof(buf->name) - 1] = '\0';
	tpu_list_init(&buf->node);

	ion_device_get(idev);
	buf->idev = idev;
	flags = osal_spin_lock_irqsave(idev->lock);
	tpu_list_add_tail(&buf->node, &idev->buffers);
	idev->nr_buffers++;
	idev->bytes += size;
	osal_spin_unlock_irqrestore(idev->lock, flags);

	/* Read before the fd exists: once installed, another thread of the
	 * process may close it and free the buffer under us. */
	*paddr = buf->paddr;

	ret = osal_anon_fd(&ion_buf_fops, buf, buf->name);
	if (ret < 0)
		goto err_put_buf;
	osal_dbg("ion: alloc %s fd=%d paddr=0x%llx size=%llu heap=%u%s", name, ret,
		 (unsigned long long)*paddr, (unsigned long long)size, heap_id,
		 cached ? " cached" : "");
	return ret;

err_put_buf:
	/* The only reference: frees the pages and unlinks the buffer. */
	ion_buffer_put(buf);
	return ret;
err_free_buf:
	osal_kfree(buf);
	return ret;
}
