/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dma-buf.h - the importer's side of dma-buf, over the platform's ION
 * buffer files (the project's /dev/ion).
 *
 * One struct dma_buf per buffer file while the kernel holds references
 * to it; priv is the ION buffer (ion.h: vaddr, paddr).  dma_buf_put
 * defers the final file put as Linux's fput does: the object stays valid
 * until the current system call returns to user space (user threads), or
 * until a worker runs it a jiffy later (kernel threads, interrupts), and
 * is then freed, so a later use is a use after free.
 */
#ifndef LX_LINUX_DMA_BUF_H
#define LX_LINUX_DMA_BUF_H

#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/types.h>

struct sg_table;
struct lx_dmabuf_ref;

struct dma_buf {
	size_t size;
	struct file *file;
	void *priv;                     /* struct ion_buffer * */
	const char *name;

	/* The layer's. */
	struct osal_file *lx_osal;      /* the buffer file */
	unsigned int lx_refs;           /* gets not yet finally put */
	struct lx_dmabuf_ref *lx_held;  /* one per get not yet put */
	struct dma_buf *lx_next;
};

struct dma_buf_attachment {
	struct dma_buf *dmabuf;
	struct device *dev;
	void *priv;
};

/* fd of the calling process -> its dma-buf, with a reference taken;
 * ERR_PTR(-EBADF) when fd is not open, ERR_PTR(-EINVAL) when it is not a
 * dma-buf. */
struct dma_buf *dma_buf_get(int fd);
void dma_buf_put(struct dma_buf *dmabuf);

/* ION: maps the buffer into the kernel (vaddr) while kmap_cnt > 0; no
 * cache maintenance (ION syncs only live attachments, none here).  May
 * sleep (the buffer's mutex).  0 or -errno. */
int dma_buf_begin_cpu_access(struct dma_buf *dmabuf, enum dma_data_direction dir);
int dma_buf_end_cpu_access(struct dma_buf *dmabuf, enum dma_data_direction dir);

/* Attachments exist only for their cache maintenance over the whole
 * buffer: map TO_DEVICE cleans, map or unmap FROM_DEVICE invalidates. */
struct dma_buf_attachment *dma_buf_attach(struct dma_buf *dmabuf, struct device *dev);
void dma_buf_detach(struct dma_buf *dmabuf, struct dma_buf_attachment *attach);
struct sg_table *dma_buf_map_attachment(struct dma_buf_attachment *attach,
					enum dma_data_direction dir);
void dma_buf_unmap_attachment(struct dma_buf_attachment *attach, struct sg_table *sgt,
			      enum dma_data_direction dir);

#endif /* LX_LINUX_DMA_BUF_H */
