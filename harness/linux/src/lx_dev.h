/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lx_dev.h - what the device-side sources of the layer share: devres,
 * the file objects around sim-OS files, the kernel-path bracket that
 * runs deferred file puts on the return to user space, the dma-buf
 * teardown.
 */
#ifndef LX_DEV_H
#define LX_DEV_H

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/types.h>

#include "tpu/os.h"

/* ---- devres.c ------------------------------------------------------- */

/* A managed resource: release(dev, res) runs after remove, newest first;
 * res is the payload that follows the header. */
struct lx_devres {
	struct lx_devres *next;
	void (*release)(struct device *dev, void *res);
	size_t size;
	/* payload follows, pointer-aligned */
};

/* A zeroed devres of size payload bytes, not yet added; NULL. */
void *lx_devres_alloc(void (*release)(struct device *dev, void *res), size_t size);
void lx_devres_add(struct device *dev, void *res);
void lx_devres_free(void *res);
/* Release and free the entry whose payload matches(res, data); true if found. */
bool lx_devres_release(struct device *dev, void (*release)(struct device *, void *),
		       bool (*match)(void *res, void *data), void *data);
void lx_devres_release_all(struct device *dev);

/* ---- fs.c: kernel paths of user threads ------------------------------- */

/* A system call into the layer by the calling thread, from the sim-OS's
 * file operation to its return: on the outermost return, the thread's
 * deferred fputs run (Linux's task work on the way back to user space). */
struct lx_kpath {
	uint64_t tid;
	struct lx_kpath *next;
};
void lx_kpath_enter(struct lx_kpath *p);
void lx_kpath_exit(struct lx_kpath *p);
/* Whether the calling thread is inside such a system call. */
bool lx_in_syscall(void);

/* The struct file / struct inode pair of an open sim-OS file. */
struct file *lx_file_new(struct osal_file *of, const struct file_operations *fops, dev_t rdev);
void lx_file_free(struct file *f);

/* ---- dmabuf.c --------------------------------------------------------- */

/* Run the deferred puts of thread tid (0: every thread's). */
void lx_dmabuf_run_deferred(uint64_t tid);
/* Start / stop the worker that runs the deferred puts of kernel threads. */
/* System sleep of the platform bus (platform.c): 0 or the first failing
 * callback's error. */
int lx_platform_suspend(void);
int lx_platform_resume(void);

int lx_dmabuf_init(void);
void lx_dmabuf_exit(void);

#include "lx_ion_bridge.h"

#endif /* LX_DEV_H */
