// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * ion.c - the /dev/ion device: ALLOC, FREE, IMPORT, HEAP_QUERY in the
 * cvitek ABI (include/tpu/uapi/ion.h), as the Starry glue serves it.
 *
 * Handles are file descriptors: ALLOC returns a buffer fd, IMPORT returns
 * the fd it was given, FREE only validates (the fd's close is what drops
 * the buffer).  All three heaps allocate from the same DMA pool.
 */
#include <string.h>

#include "tpu/bits.h"
#include "tpu/driver.h"
#include "ion.h"

/* The probed device; also handed back as the chrdev's drvdata. */
static struct ion_device *ion_dev;

static const struct ion_heap_data ion_heaps[ION_NUM_HEAPS] = {
	{ .name = "system", .type = ION_HEAP_TYPE_SYSTEM, .heap_id = ION_HEAP_ID_SYSTEM },
	{ .name = "dma_coherent", .type = ION_HEAP_TYPE_DMA_COHERENT,
	  .heap_id = ION_HEAP_ID_DMA_COHERENT },
	{ .name = "carveout", .type = ION_HEAP_TYPE_CARVEOUT, .heap_id = ION_HEAP_ID_CARVEOUT },
};

static void ion_device_release(struct osal_kref *ref)
{
	struct ion_device *idev = osal_container_of(ref, struct ion_device, ref);

	osal_spin_destroy(idev->lock);
	osal_kfree(idev);
}

void ion_device_get(struct ion_device *idev)
{
	osal_kref_get(&idev->ref);
}

void ion_device_put(struct ion_device *idev)
{
	osal_kref_put(&idev->ref, ion_device_release);
}

/* ---- ioctls ------------------------------------------------------------- */

/* Heap choice in the Starry glue's order: DMA-coherent, carveout, system. */
static int ion_pick_heap(uint32_t heap_id_mask, uint32_t *heap_id)
{
	if (heap_id_mask & TPU_BIT(ION_HEAP_ID_DMA_COHERENT))
		*heap_id = ION_HEAP_ID_DMA_COHERENT;
	else if (heap_id_mask & TPU_BIT(ION_HEAP_ID_CARVEOUT))
		*heap_id = ION_HEAP_ID_CARVEOUT;
	else if (heap_id_mask & TPU_BIT(ION_HEAP_ID_SYSTEM))
		*heap_id = ION_HEAP_ID_SYSTEM;
	else
		return -EINVAL;
	return 0;
}

static long ion_ioctl_alloc(struct ion_device *idev, uint64_t uarg)
{
	struct ion_allocation_data a;
	char name[ION_NAME_LEN];
	uint32_t heap_id;
	uint64_t size, paddr;
	int fd, ret;

	if (osal_copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.len == 0)
		return -EINVAL;
	ret = ion_pick_heap(a.heap_id_mask, &heap_id);
	if (ret)
		return ret;
	if (a.len > UINT64_MAX - (ION_PAGE_SIZE - 1))
		return -EINVAL;
	size = (a.len + ION_PAGE_SIZE - 1) & ~(uint64_t)(ION_PAGE_SIZE - 1);

	memcpy(name, a.name, sizeof(name));
	name[sizeof(name) - 1] = '\0';
	if (name[0] == '\0')
		strcpy(name, "ion");

	/* There is no way to take an installed fd back out of the process's
	 * table, so prove the record is writable before creating one. */
	if (osal_copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;

	fd = ion_buffer_create(idev, size, heap_id, a.flags & ION_FLAG_CACHED, name, &paddr);
	if (fd < 0)
		return fd;

	a.fd = (uint32_t)fd;
	a.paddr = paddr;
	if (osal_copy_to_user(uarg, &a, sizeof(a))) {
		/* Only if user space unmapped the record meanwhile; the fd
		 * stays open and is reclaimed by close() or process exit. */
		osal_warn("ion: alloc fd=%d created but result not copied out", fd);
		return -EFAULT;
	}
	return 0;
}

static long ion_ioctl_free(uint64_t uarg)
{
	struct ion_buffer *buf;
	uint32_t handle;
	int err;

	if (osal_copy_from_user(&handle, uarg, sizeof(handle)))
		return -EFAULT;
	/* Handles are buffer fds: the buffer goes when its fd is closed, so
	 * FREE only checks that the handle names a buffer (Starry glue). */
	buf = ion_buffer_get_fd((int)handle, &err);
	if (!buf)
		return -EINVAL;
	ion_buffer_put(buf);
	return 0;
}

static long ion_ioctl_import(uint64_t uarg)
{
	struct ion_fd_data d;
	struct ion_buffer *buf;
	int err;

	if (osal_copy_from_user(&d, uarg, sizeof(d)))
		return -EFAULT;
	buf = ion_buffer_get_fd(d.fd, &err);
	if (!buf)
		return err;
	ion_buffer_put(buf);
	d.handle = d.fd;
	if (osal_copy_to_user(uarg, &d, sizeof(d)))
		return -EFAULT;
	return 0;
}

static long ion_ioctl_heap_query(uint64_t uarg)
{
	struct ion_heap_query q;
	uint32_t n;

	if (osal_copy_from_user(&q, uarg, sizeof(q)))
		return -EFAULT;
	if (q.heaps == 0) {
		/* Size query: how many heaps there are. */
		q.cnt = ION_NUM_HEAPS;
	} else {
		/* Linux ion_query_heaps: a buffer with no room is an error. */
		if (q.cnt == 0)
			return -EINVAL;
		n = q.cnt < ION_NUM_HEAPS ? q.cnt : ION_NUM_HEAPS;
		if (osal_copy_to_user(q.heaps, ion_heaps, n * sizeof(ion_heaps[0])))
			return -EFAULT;
		q.cnt = n;
	}
	if (osal_copy_to_user(uarg, &q, sizeof(q)))
		return -EFAULT;
	return 0;
}

static long ion_ioctl(struct osal_file *f, unsigned int cmd, uint64_t arg)
{
	struct ion_device *idev = osal_file_drvdata(f);

	switch (cmd) {
	case ION_IOC_ALLOC:
		return ion_ioctl_alloc(idev, arg);
	case ION_IOC_FREE:
		return ion_ioctl_free(arg);
	case ION_IOC_IMPORT:
		return ion_ioctl_import(arg);
	case ION_IOC_HEAP_QUERY:
		return ion_ioctl_heap_query(arg);
	default:
		osal_warn("ion: unknown ioctl 0x%08x", cmd);
		return -ENOTTY;
	}
}

static int ion_mmap(struct osal_file *f, struct osal_vma *vma)
{
	/* Map a buffer through its own fd (Linux ION); the Starry glue's
	 * "offset = handle" mapping of /dev/ion is not provided. */
	return -ENODEV;
}

/* No open or release: there is no per-open state (buffers belong to
 * their own files).  No read or write: they fail with -EINVAL. */
static const struct osal_file_ops ion_fops = {
	.ioctl = ion_ioctl,
	.mmap = ion_mmap,
};

/* ---- probe / remove ----------------------------------------------------- */

int ion_drv_probe(void)
{
	struct ion_device *idev;
	int ret;

	if (ion_dev)
		return -EBUSY;

	idev = osal_kzalloc(sizeof(*idev));
	if (!idev)
		return -ENOMEM;
	osal_kref_init(&idev->ref);
	tpu_list_init(&idev->buffers);

	idev->lock = osal_spin_create("ion_dev.lock");
	if (!idev->lock) {
		ret = -ENOMEM;
		goto err_free_idev;
	}

	ret = osal_register_chrdev(ION_DEV_PATH, &ion_fops, idev);
	if (ret)
		goto err_destroy_lock;
	idev->registered = true;
	ion_dev = idev;
	osal_info("ion: %s ready", ION_DEV_PATH);
	return 0;

err_destroy_lock:
	osal_spin_destroy(idev->lock);
err_free_idev:
	osal_kfree(idev);
	return ret;
}

void ion_drv_remove(void)
{
	struct ion_device *idev = ion_dev;
	struct tpu_list *pos;
	unsigned long flags;

	if (!idev)
		return;
	osal_unregister_chrdev(ION_DEV_PATH);
	idev->registered = false;
	ion_dev = NULL;

	/* Buffers still alive are owned by open fds or queued TPU jobs; they
	 * keep the device (and this lock) alive and free themselves later.
	 * Freeing them here would pull pages out from under their owners. */
	flags = osal_spin_lock_irqsave(idev->lock);
	if (idev->nr_buffers)
		osal_warn("ion: remove with %u buffer(s), %llu bytes still referenced",
			  idev->nr_buffers, (unsigned long long)idev->bytes);
	tpu_list_for_each(pos, &idev->buffers) {
		struct ion_buffer *buf = tpu_list_entry(pos, struct ion_buffer, node);

		osal_warn("ion:   %s paddr=0x%llx size=%llu refs=%d", buf->name,
			  (unsigned long long)buf->paddr, (unsigned long long)buf->size,
			  osal_kref_read(&buf->ref));
	}
	osal_spin_unlock_irqrestore(idev->lock, flags);

	ion_device_put(idev);
}
