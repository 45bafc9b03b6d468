/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * osal_linux.h - what the files of the Linux host of tpu/os.h share.
 *
 * os.h has no device argument: the driver asks for "the tdma window" or
 * "the clk_tpu_axi clock" by name.  The SoC has one TPU, so the host keeps
 * one bound platform device and looks every name up in the tables that
 * probe filled (osal_res.c).  Files are the other shared object: the
 * misc devices, the anonymous buffer files and osal_fget() all hand the
 * driver the same struct osal_file (osal_file.c).
 */
#ifndef TPU_OS_LINUX_OSAL_LINUX_H
#define TPU_OS_LINUX_OSAL_LINUX_H

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/platform_device.h>

#include "tpu/os.h"

/* ---- osal_res.c: the bound platform device and its resources ------------ */

/* Look up every DT resource the driver may name; 0, -EPROBE_DEFER or
 * another -errno.  Missing optional resources are not an error: os.h
 * reports them per call (-ENODEV, -ENOENT) and the driver decides. */
int osal_res_bind(struct platform_device *pdev);
void osal_res_unbind(void);
/* The bound device, for the DMA API and log prefixes; NULL when unbound. */
struct device *osal_res_dev(void);

/* ---- osal_dma.c: the registry of DMA allocations ------------------------ */

/* Called at unbind: reports (and deliberately leaks) allocations still
 * registered, which would otherwise be freed under a running engine. */
void osal_dma_report_leaks(void);

/* ---- osal_file.c ---------------------------------------------------------- */

/* One open file as the driver sees it. */
struct osal_file {
	const struct osal_file_ops *ops;
	void *drvdata;          /* from osal_register_chrdev, else NULL */
	void *priv;             /* osal_file_private */
	struct file *filp;      /* the Linux file this stands for */
	bool foreign;           /* wraps a file of someone else (osal_fget) */
};

/* An osal_vma handed to a driver mmap op, with the VMA it describes, so
 * that osal_vma_map_dma() (osal_dma.c) can map into it. */
struct osal_linux_vma {
	struct osal_vma ovma;
	struct vm_area_struct *vma;
};

static inline struct vm_area_struct *osal_linux_vma(struct osal_vma *ovma)
{
	return container_of(ovma, struct osal_linux_vma, ovma)->vma;
}

/* Unregister whatever the driver left registered (a remove that forgot an
 * osal_unregister_chrdev must not leave a node pointing into freed code). */
void osal_file_unregister_all(void);

#endif /* TPU_OS_LINUX_OSAL_LINUX_H */
