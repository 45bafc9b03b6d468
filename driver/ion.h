/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * ion.h - internal interface of the ION allocator (ion.c, ion_buf.c), and
 * the part of it the TPU driver uses (tpu_job.c, tpu_ioctl.c).
 *
 * An ION buffer is one physically contiguous DMA allocation.  It is shared
 * by its buffer file (one reference, dropped when the file is released)
 * and by every TPU task that runs it (one reference each, taken at submit).
 * The DMA pages are freed only when the last reference goes, so closing
 * the buffer fd (or the TPU fd, or exiting) while a job is queued or
 * running cannot hand the pages back under the hardware.
 *
 * Lock order: ion_dev.lock is a leaf lock; nothing else is taken while it
 * is held, and it is never held across a call into the OS that may sleep.
 */
#ifndef TPU_DRIVER_ION_H
#define TPU_DRIVER_ION_H

#include <stdbool.h>
#include <stdint.h>

#include "tpu/os.h"
#include "tpu/uapi/ion.h"
#include "tpu_list.h"

/* The three heaps /dev/ion reports (all are the same DMA pool here). */
#define ION_NUM_HEAPS     3u
#define ION_HEAP_ID_SYSTEM       0u
#define ION_HEAP_ID_DMA_COHERENT 1u
#define ION_HEAP_ID_CARVEOUT     2u
/* Allocations are rounded up to whole pages (the mmap granule). */
#define ION_PAGE_SIZE     4096u
#define ION_NAME_LEN      32u

struct ion_device;

struct ion_buffer {
	struct osal_kref ref;      /* buffer file + one per TPU task */
	uint64_t paddr;            /* page aligned, from osal_dma_alloc */
	uint64_t size;             /* rounded up to ION_PAGE_SIZE */
	bool cached;               /* ION_FLAG_CACHED: cacheable user mapping */
	uint32_t heap_id;
	char name[ION_NAME_LEN];   /* NUL-terminated; also the anon file name */
	struct ion_device *idev;   /* counted: the device outlives its buffers */
	struct tpu_list node;      /* on idev->buffers, under idev->lock */
};

struct ion_device {
	struct osal_kref ref;      /* probe + one per live buffer */
	osal_spinlock_t *lock;     /* protects: buffers, nr_buffers, bytes */
	struct tpu_list buffers;   /* live buffers, for the leak report at remove */
	unsigned int nr_buffers;
	uint64_t bytes;
	bool registered;           /* /dev/ion exists (probe .. remove) */
};

/* ---- ion_buf.c: buffer objects and buffer files ------------------------ */

/* Allocate a buffer of size bytes (already page rounded) and install a
 * buffer file for it in the caller's fd table.  Returns the fd (>= 0) or
 * -ENOMEM / -errno.  On success the file owns the only reference; *paddr
 * is filled in before the fd becomes visible (no pointer to the buffer is
 * returned: another thread may close the fd at once). */
int ion_buffer_create(struct ion_device *idev, uint64_t size, uint32_t heap_id,
		      bool cached, const char *name, uint64_t *paddr);

/* The ION buffer behind a file, or NULL when f is not an ION buffer file.
 * No reference is taken: the caller's file reference keeps it alive. */
struct ion_buffer *ion_buffer_from_file(struct osal_file *f);

/* fd -> ION buffer with a new reference the caller must put; NULL with
 * *err = -EBADF when fd is not open or is not an ION buffer file. */
struct ion_buffer *ion_buffer_get_fd(int fd, int *err);

void ion_buffer_get(struct ion_buffer *buf);
/* Drops a reference; the last one frees the DMA pages.  Does not sleep;
 * must not be called with a driver spinlock held (it takes ion_dev.lock). */
void ion_buffer_put(struct ion_buffer *buf);

static inline uint64_t ion_buffer_paddr(const struct ion_buffer *buf)
{
	return buf->paddr;
}

static inline uint64_t ion_buffer_size(const struct ion_buffer *buf)
{
	return buf->size;
}

/* ---- ion.c: the /dev/ion device ---------------------------------------- */

void ion_device_get(struct ion_device *idev);
void ion_device_put(struct ion_device *idev);

#endif /* TPU_DRIVER_ION_H */
