/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_lx_dev.h - between check_lx_dev.cpp (the simulated user side and
 * the judge) and check_lx_dev_mod.c (a small platform driver built
 * against the layer's headers): its ioctls and what it records.
 */
#ifndef TPUSIM_TESTS_CHECK_LX_DEV_H
#define TPUSIM_TESTS_CHECK_LX_DEV_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LXT_DEV_PATH "/dev/lxtest0"
#define LXT_PROC_PATH "/proc/lxtest/value"

/* The module checks these against the layer's _IOWR/_IOW encoding. */
struct lxt_xfer {
	uint32_t in;    /* copied in */
	uint32_t out;   /* copied out: in + 1 */
	int32_t fd;     /* a dma-buf fd, or -1 */
	uint32_t word;  /* out: the buffer's first word, read through ion_buffer->vaddr */
};
#define LXT_IOC_XFER 0xC0104C01u       /* _IOWR('L', 1, struct lxt_xfer) */
#define LXT_IOC_BADCOPY 0x40104C02u    /* _IOW('L', 2, 16 bytes): arg is a bad address */
#define LXT_IOC_BADREAD 0x00004C03u    /* _IO('L', 3): readl past the TDMA window */
#define LXT_IOC_PUT 0x40044C04u        /* _IOW('L', 4, int): get + put of the dma-buf fd arg */
#define LXT_IOC_KPUT 0x40044C05u       /* _IOW('L', 5, int): get here, put by a kernel thread */

/* What the module saw. */
struct lxt_record {
	int probed;
	uint32_t int_mask_read;      /* TDMA INT_MASK as readl gave it at probe */
	uint32_t des_base_readback;  /* after writel(0x5a5a0000) */
	int tdma_irq;                /* platform_get_irq(pdev, 1) */
	int irq_runs;                /* handler invocations */
	uint32_t irq_status;         /* INT_MASK the handler saw first */
	long clk_missing;            /* PTR_ERR of devm_clk_get("clk_none") */
	unsigned long axi_rate;      /* clk_get_rate of clk_tpu_axi */
	unsigned long badcopy_ret;   /* copy_from_user on a bad address */
	int badcopy_zeroed;          /* its destination is all zero after */
	uint64_t put_size;           /* dma_buf->size read after dma_buf_put */
	long put_count;              /* file_count(dma_buf->file) after the put */
	uint64_t kput_size;          /* the same, after a kernel thread's put */
	int irq0, irq2;              /* platform_get_irq(pdev, 0) and (pdev, 2) */
	long remap_busy, remap_null; /* devm_ioremap_resource of tdma again, of NULL */
	int removed;
	int suspends, resumes;       /* dev_pm_ops calls (system sleep) */
	int pm_dev_ok;               /* of those, how many got the bound device */
	int suspend_ret;             /* what the suspend callback returns (set by the test) */
};
extern struct lxt_record lxt_rec;

#ifdef __cplusplus
}
#endif

#endif
