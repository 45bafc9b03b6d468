// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_ioctl.c - the /dev/cvi-tpu0 ioctls: argument copy-in/out and
 * dispatch (vendor ABI, include/tpu/uapi/tpu_ioctl.h).
 *
 * Every argument is copied in with osal_copy_from_user and results out with
 * osal_copy_to_user; a bad pointer is -EFAULT (the vendor returned the
 * positive "bytes not copied": 11.1-3).  Errors are errnos throughout.
 */
#include "tpu/uapi/tpu_ioctl.h"
#include "tpu_drv.h"

static long tpu_ioctl_submit(struct tpu_device *tdev, uint64_t uarg)
{
	struct cvi_submit_dma_arg a;

	if (osal_copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	return tpu_job_submit(tdev, a.fd, a.seq_no);
}

static long tpu_ioctl_wait(struct tpu_device *tdev, uint64_t uarg)
{
	struct cvi_wait_dma_arg a;
	int job_ret, ret;

	if (osal_copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	/* A claimed result cannot go back on the done list: prove the
	 * argument is writable before claiming one. */
	if (osal_copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;

	ret = tpu_done_wait(tdev, a.seq_no, &job_ret);
	if (ret)
		return ret;

	/* Vendor ABI: the ioctl succeeds and the job's failure travels in
	 * ret (the seed failed the ioctl here, and the runtime, which retries
	 * WAIT while the ioctl fails, then looped forever). */
	a.ret = job_ret;
	if (osal_copy_to_user(uarg, &a, sizeof(a))) {
		osal_warn("tpu: wait seq_no=%u: result %d lost, argument unmapped meanwhile",
			  a.seq_no, job_ret);
		return -EFAULT;
	}
	return 0;
}

/* DMABUF_FLUSH / DMABUF_INVLD: by physical range, unvalidated, as on Linux. */
static long tpu_ioctl_cache(uint64_t uarg, bool for_device)
{
	struct cvi_cache_op_arg a;

	if (osal_copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (for_device)
		osal_dma_sync_for_device(a.paddr, a.size);
	else
		osal_dma_sync_for_cpu(a.paddr, a.size);
	return 0;
}

/* DMABUF_FLUSH_FD / DMABUF_INVLD_FD: the argument points at an int fd
 * (vendor get_user; the seed took the pointer itself for the fd). */
static long tpu_ioctl_cache_fd(uint64_t uarg, bool for_device)
{
	struct ion_buffer *buf;
	int32_t fd;
	int ret;

	if (osal_copy_from_user(&fd, uarg, sizeof(fd)))
		return -EFAULT;
	buf = ion_buffer_get_fd(fd, &ret);
	if (!buf)
		return ret;
	if (for_device)
		osal_dma_sync_for_device(ion_buffer_paddr(buf), ion_buffer_size(buf));
	else
		osal_dma_sync_for_cpu(ion_buffer_paddr(buf), ion_buffer_size(buf));
	ion_buffer_put(buf);
	return 0;
}

long tpu_ioctl(struct tpu_device *tdev, unsigned int cmd, uint64_t arg)
{
	switch (cmd) {
	case CVITPU_SUBMIT_DMABUF:
		return tpu_ioctl_submit(tdev, arg);
	case CVITPU_WAIT_DMABUF:
		return tpu_ioctl_wait(tdev, arg);
	case CVITPU_DMABUF_FLUSH:
	case CVITPU_DMABUF_INVLD:
		return tpu_ioctl_cache(arg, cmd == CVITPU_DMABUF_FLUSH);
	case CVITPU_DMABUF_FLUSH_FD:
	case CVITPU_DMABUF_INVLD_FD:
		return tpu_ioctl_cache_fd(arg, cmd == CVITPU_DMABUF_FLUSH_FD);
	case CVITPU_PIO_MODE:
		/* Declared by the ABI, never implemented anywhere (Linux
		 * -ENOTTY, Starry accepts it): accept, do nothing. */
		osal_warn("tpu: PIO_MODE is not implemented, ignored");
		return 0;
	case CVITPU_LOAD_TEE:
	case CVITPU_SUBMIT_TEE:
	case CVITPU_UNLOAD_TEE:
		/* cv181x has no TPU TEE ("cv181x project not support tpu TEE"). */
		osal_warn("tpu: TEE ioctl 0x%08x not supported", cmd);
		return -EOPNOTSUPP;
	default:
		osal_warn("tpu: unknown ioctl 0x%08x", cmd);
		return -ENOTTY;
	}
}
