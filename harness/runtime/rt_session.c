/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_session.c - the runtime's device side on simulated user threads
 * (rt_session.h).  Follows cviruntime src/soc/common/cvi_device_mem.cpp:
 * ion_query_heap, ion_ioctl, mem_alloc, mem_flush_ext / mem_invld_ext,
 * and cvi_device_mem load_cmdbuf / run_cmdbuf.
 */
#include "rt_session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tpu/hx_sys.h"
#include "tpu/hwcfg.h"
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"

/* ---- ioctl argument area -------------------------------------------------- */

struct scratch {
	uint64_t uaddr;
	bool owned;      /* a temporary area, freed by scratch_put */
};

static int scratch_get(struct rt_dev *dev, struct scratch *s)
{
	/* Simulated threads are cooperative: the flag needs no lock. */
	if (!dev->scratch_busy && dev->scratch) {
		dev->scratch_busy = true;
		s->uaddr = dev->scratch;
		s->owned = false;
		return 0;
	}
	s->uaddr = hx_umalloc(RT_SCRATCH_SIZE);
	s->owned = true;
	return s->uaddr ? 0 : -ENOMEM;
}

static void scratch_put(struct rt_dev *dev, struct scratch *s)
{
	if (s->owned)
		hx_ufree(s->uaddr);
	else
		dev->scratch_busy = false;
}

/* Copy arg in, ioctl, copy it back out (when out is set). */
static int do_ioctl(struct rt_dev *dev, int fd, unsigned int cmd, void *arg, size_t len, bool out)
{
	struct scratch s;
	long ret;
	int err;

	if (len > RT_SCRATCH_SIZE)
		return -EINVAL;
	err = scratch_get(dev, &s);
	if (err)
		return err;
	err = hx_uwrite(s.uaddr, arg, len);
	if (!err) {
		ret = hx_ioctl(fd, cmd, s.uaddr);
		err = (int)ret;
		if (!err && out)
			err = hx_uread(s.uaddr, arg, len);
	}
	scratch_put(dev, &s);
	return err;
}

/* ---- device --------------------------------------------------------------- */

static int query_carveout_heap(struct rt_dev *dev)
{
	struct ion_heap_data heaps[RT_MAX_HEAPS];
	struct ion_heap_query q;
	struct scratch s;
	uint64_t uheaps;
	uint32_t i;
	long ret;
	int err;

	_Static_assert(sizeof(q) + sizeof(heaps) <= RT_SCRATCH_SIZE, "heap query fits the scratch area");

	err = scratch_get(dev, &s);
	if (err)
		return err;
	uheaps = s.uaddr + sizeof(q);
	memset(&q, 0, sizeof(q));
	q.cnt = RT_MAX_HEAPS;
	q.heaps = uheaps;
	err = hx_uwrite(s.uaddr, &q, sizeof(q));
	if (!err) {
		ret = hx_ioctl(dev->ion_fd, ION_IOC_HEAP_QUERY, s.uaddr);
		err = (int)ret;
	}
	if (!err)
		err = hx_uread(s.uaddr, &q, sizeof(q));
	if (!err && q.cnt > RT_MAX_HEAPS)
		err = -EPROTO;
	if (!err)
		err = hx_uread(uheaps, heaps, q.cnt * sizeof(heaps[0]));
	scratch_put(dev, &s);
	if (err)
		return err;

	for (i = 0; i < q.cnt; i++) {
		if (heaps[i].type == ION_HEAP_TYPE_CARVEOUT) {
			if (heaps[i].heap_id >= 32)
				return -EPROTO;
			dev->heap_id = heaps[i].heap_id;
			return 0;
		}
	}
	return -ENODEV;  /* cviruntime: "no carveout heap found" */
}

int rt_dev_open(struct rt_dev *dev)
{
	int err;

	if (!dev)
		return -EINVAL;
	memset(dev, 0, sizeof(*dev));
	dev->tpu_fd = -1;
	dev->ion_fd = -1;

	dev->tpu_fd = hx_open(TPU_DEV_PATH);
	if (dev->tpu_fd < 0) {
		err = dev->tpu_fd;
		goto fail;
	}
	dev->ion_fd = hx_open(ION_DEV_PATH);
	if (dev->ion_fd < 0) {
		err = dev->ion_fd;
		goto fail;
	}
	dev->scratch = hx_umalloc(RT_SCRATCH_SIZE);
	if (!dev->scratch) {
		err = -ENOMEM;
		goto fail;
	}
	err = query_carveout_heap(dev);
	if (err)
		goto fail;
	return 0;

fail:
	rt_dev_close(dev);
	return err;
}

int rt_dev_close(struct rt_dev *dev)
{
	int err = 0, r;

	if (!dev)
		return -EINVAL;
	if (dev->tpu_fd >= 0) {
		r = hx_close(dev->tpu_fd);
		err = err ? err : r;
	}
	if (dev->ion_fd >= 0) {
		r = hx_close(dev->ion_fd);
		err = err ? err : r;
	}
	if (dev->scratch) {
		r = hx_ufree(dev->scratch);
		err = err ? err : r;
	}
	dev->tpu_fd = -1;
	dev->ion_fd = -1;
	dev->scratch = 0;
	dev->scratch_busy = false;
	return err;
}

/* ---- buffers -------------------------------------------------------------- */

static int range_ok(const struct rt_buf *buf, uint64_t off, uint64_t len)
{
	if (!buf || buf->fd < 0 || off > buf->size || len > buf->size - off)
		return -EINVAL;
	return 0;
}

static int cache_op(struct rt_dev *dev, const struct rt_buf *buf, uint64_t off, uint64_t len,
		    unsigned int cmd)
{
	struct cvi_cache_op_arg a;
	uint64_t start, end;
	int err;

	if (!dev)
		return -EINVAL;
	err = range_ok(buf, off, len);
	if (err)
		return err;
	start = buf->paddr + off;
	end = start + len;
	memset(&a, 0, sizeof(a));
	a.paddr = start & ~(uint64_t)(TPU_CPU_CACHE_LINE - 1);
	a.size = ((end + TPU_CPU_CACHE_LINE - 1) & ~(uint64_t)(TPU_CPU_CACHE_LINE - 1)) - a.paddr;
	a.dma_fd = buf->fd;
	return do_ioctl(dev, dev->tpu_fd, cmd, &a, sizeof(a), false);
}

int rt_buf_flush(struct rt_dev *dev, const struct rt_buf *buf, uint64_t off, uint64_t len)
{
	return cache_op(dev, buf, off, len, CVITPU_DMABUF_FLUSH);
}

int rt_buf_invalidate(struct rt_dev *dev, const struct rt_buf *buf, uint64_t off, uint64_t len)
{
	return cache_op(dev, buf, off, len, CVITPU_DMABUF_INVLD);
}

int rt_buf_alloc(struct rt_dev *dev, uint64_t size, bool cached, struct rt_buf *buf)
{
	struct ion_allocation_data a;
	uint64_t uaddr;
	long ret;
	int err;

	if (!dev || !buf || size == 0)
		return -EINVAL;
	buf->fd = -1;

	memset(&a, 0, sizeof(a));
	a.len = size;
	a.heap_id_mask = 1u << dev->heap_id;
	a.flags = cached ? ION_FLAG_CACHED : 0;
	strncpy(a.name, "tpu", sizeof(a.name) - 1);
	err = do_ioctl(dev, dev->ion_fd, ION_IOC_ALLOC, &a, sizeof(a), true);
	if (err)
		return err;

	ret = hx_mmap((int)a.fd, size, 0, &uaddr);
	if (ret) {
		hx_close((int)a.fd);
		return (int)ret;
	}
	buf->fd = (int)a.fd;
	buf->paddr = a.paddr;
	buf->size = size;
	buf->uaddr = uaddr;
	buf->cached = cached;

	err = rt_buf_invalidate(dev, buf, 0, size);
	if (err) {
		rt_buf_free(buf);
		return err;
	}
	return 0;
}

int rt_buf_free(struct rt_buf *buf)
{
	int err = 0, r;

	if (!buf || buf->fd < 0)
		return -EINVAL;
	if (buf->uaddr) {
		r = hx_munmap(buf->uaddr);
		err = err ? err : r;
	}
	r = hx_close(buf->fd);
	err = err ? err : r;
	buf->fd = -1;
	buf->uaddr = 0;
	return err;
}

int rt_buf_write(const struct rt_buf *buf, uint64_t off, const void *src, size_t len)
{
	int err = range_ok(buf, off, len);

	if (err)
		return err;
	return len ? hx_uwrite(buf->uaddr + off, src, len) : 0;
}

int rt_buf_read(const struct rt_buf *buf, uint64_t off, void *dst, size_t len)
{
	int err = range_ok(buf, off, len);

	if (err)
		return err;
	return len ? hx_uread(buf->uaddr + off, dst, len) : 0;
}

/* ---- command buffers and jobs --------------------------------------------- */

int rt_load_cmdbuf_opts(struct rt_dev *dev, const struct rt_cmdbuf *cb,
			const uint64_t arraybase[TPU_NUM_ARRAYBASE], const struct rt_build_opts *opts,
			struct rt_buf *out)
{
	uint8_t *img;
	long size, built;
	int err;

	if (!dev || !cb || !out)
		return -EINVAL;
	size = rt_dmabuf_size_opts(cb, opts);
	if (size < 0)
		return (int)size;

	/* cviruntime builds with ION_CACHE_OPEN: the dmabuf is cached. */
	err = rt_buf_alloc(dev, (uint64_t)size + (opts ? opts->pmubuf_size : 0), true, out);
	if (err)
		return err;

	img = malloc((size_t)size);
	if (!img) {
		err = -ENOMEM;
		goto fail;
	}
	built = rt_dmabuf_build_opts(cb, out->paddr, arraybase, opts, img, (size_t)size);
	if (built < 0) {
		err = (int)built;
		goto fail_img;
	}
	err = rt_buf_write(out, 0, img, (size_t)size);
	if (err)
		goto fail_img;
	free(img);
	err = rt_buf_flush(dev, out, 0, (uint64_t)size);
	if (err)
		goto fail;
	return 0;

fail_img:
	free(img);
fail:
	rt_buf_free(out);
	return err;
}

int rt_load_cmdbuf(struct rt_dev *dev, const struct rt_cmdbuf *cb,
		   const uint64_t arraybase[TPU_NUM_ARRAYBASE], struct rt_buf *out)
{
	return rt_load_cmdbuf_opts(dev, cb, arraybase, NULL, out);
}

int rt_submit(struct rt_dev *dev, const struct rt_buf *buf, uint32_t seq_no)
{
	struct cvi_submit_dma_arg a;

	if (!dev || !buf)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.fd = buf->fd;
	a.seq_no = seq_no;
	return do_ioctl(dev, dev->tpu_fd, CVITPU_SUBMIT_DMABUF, &a, sizeof(a), false);
}

int rt_wait(struct rt_dev *dev, uint32_t seq_no, int *job_ret)
{
	struct cvi_wait_dma_arg a;
	int err;

	if (!dev)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.seq_no = seq_no;
	err = do_ioctl(dev, dev->tpu_fd, CVITPU_WAIT_DMABUF, &a, sizeof(a), true);
	if (!err && job_ret)
		*job_ret = a.ret;
	return err;
}
