/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_session.h - the runtime's device side, run by simulated user threads
 * (include/tpu/hx_sys.h): open /dev/cvi-tpu0 and /dev/ion, allocate and map
 * ION buffers, cache maintenance, load a command dmabuf, submit and wait,
 * the way cviruntime does it (src/soc/common/cvi_device_mem.cpp,
 * driver-reference 4.4 and 9.1).
 *
 * Every ioctl argument is placed in the process's simulated user memory.
 * Each rt_dev owns a scratch area for that; a call that finds it in use
 * (another simulated thread sharing the rt_dev is blocked inside an ioctl)
 * takes a temporary area instead, so an rt_dev may be shared by threads.
 *
 * Differences from cviruntime, on purpose: failures are returned, never
 * retried (the runtime retries cache ioctls and ALLOC up to 3 times,
 * re-opening the device in between), and cache ranges are exact 64-byte
 * covers [ALIGN_DOWN(pa, 64), ALIGN_UP(pa + len, 64)) (the runtime adds a
 * spare line when pa is unaligned).
 *
 * All functions return 0 or a negative errno.
 */
#ifndef TPU_RT_SESSION_H
#define TPU_RT_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt_cmdbuf.h"
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RT_SCRATCH_SIZE   4096u
#define RT_MAX_HEAPS      16u    /* capacity offered to ION_IOC_HEAP_QUERY */

struct rt_dev {
	int tpu_fd;
	int ion_fd;
	uint32_t heap_id;       /* the carveout heap (ION_IOC_HEAP_QUERY) */
	uint64_t scratch;       /* user address of RT_SCRATCH_SIZE bytes */
	bool scratch_busy;
};

struct rt_buf {
	int fd;                 /* the ION buffer (dma-buf) fd; -1 when free */
	uint64_t paddr;
	uint64_t size;          /* as requested (ION rounds up internally) */
	uint64_t uaddr;         /* user mapping of [0, size) */
	bool cached;            /* ION_FLAG_CACHED */
};

/* Open both devices, allocate the scratch area, find the carveout heap. */
int rt_dev_open(struct rt_dev *dev);
/* Close both fds and free the scratch area (buffers stay valid until freed). */
int rt_dev_close(struct rt_dev *dev);

/* ION_IOC_ALLOC (heap_id_mask = 1 << carveout heap id, name "tpu"), mmap
 * the buffer fd, then DMABUF_INVLD the whole buffer as cviruntime does
 * after every allocation.  On failure nothing is left allocated. */
int rt_buf_alloc(struct rt_dev *dev, uint64_t size, bool cached, struct rt_buf *buf);
/* munmap + close (the runtime never calls ION_IOC_FREE). */
int rt_buf_free(struct rt_buf *buf);

/* CPU stores / loads through the mapping; -EINVAL when out of range. */
int rt_buf_write(const struct rt_buf *buf, uint64_t off, const void *src, size_t len);
int rt_buf_read(const struct rt_buf *buf, uint64_t off, void *dst, size_t len);

/* CVITPU_DMABUF_FLUSH / _INVLD of [paddr + off, + len), widened to 64-byte
 * lines; -EINVAL when out of range. */
int rt_buf_flush(struct rt_dev *dev, const struct rt_buf *buf, uint64_t off, uint64_t len);
int rt_buf_invalidate(struct rt_dev *dev, const struct rt_buf *buf, uint64_t off, uint64_t len);

/* Allocate a cached buffer of rt_dmabuf_size (+ opts->pmubuf_size), build
 * the image for its physical address, write it through the mapping and
 * flush it.  arraybase may be NULL; opts NULL = a correct build. */
int rt_load_cmdbuf(struct rt_dev *dev, const struct rt_cmdbuf *cb,
		   const uint64_t arraybase[TPU_NUM_ARRAYBASE], struct rt_buf *out);
int rt_load_cmdbuf_opts(struct rt_dev *dev, const struct rt_cmdbuf *cb,
			const uint64_t arraybase[TPU_NUM_ARRAYBASE], const struct rt_build_opts *opts,
			struct rt_buf *out);

/* CVITPU_SUBMIT_DMABUF {buf->fd, seq_no}. */
int rt_submit(struct rt_dev *dev, const struct rt_buf *buf, uint32_t seq_no);
/* CVITPU_WAIT_DMABUF: returns the ioctl's result; when it is 0, *job_ret
 * (if not NULL) is the job's result (arg.ret: 0 or a negative errno). */
int rt_wait(struct rt_dev *dev, uint32_t seq_no, int *job_ret);

#ifdef __cplusplus
}
#endif

#endif /* TPU_RT_SESSION_H */
