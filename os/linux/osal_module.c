// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_module.c - the module: a platform driver for the device-tree node
 * "cvitek,tpu" whose probe brings up the host (resources) and then the
 * drivers of driver/ through their entry points in tpu/driver.h.
 *
 * Order, and its reverse at remove: resources, /dev/ion, the TPU
 * (/dev/cvi-tpu0, its worker and interrupt).  ION comes first because
 * the TPU accepts only ION buffers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/version.h>

#include "tpu/driver.h"
#include "osal_linux.h"

/* The TPU addresses 40 bits (vendor driver: DMA_BIT_MASK(40)). */
#define CVI_TPU_DMA_BITS 40

static int cvi_tpu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	int ret;

	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(CVI_TPU_DMA_BITS));
	if (ret)
		return dev_err_probe(dev, ret, "no %d-bit DMA\n", CVI_TPU_DMA_BITS);

	ret = osal_res_bind(pdev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot get the node's resources\n");

	ret = ion_drv_probe();
	if (ret) {
		dev_err(dev, "ion probe failed: %d\n", ret);
		goto err_unbind;
	}
	ret = tpu_drv_probe();
	if (ret) {
		dev_err(dev, "tpu probe failed: %d\n", ret);
		goto err_remove_ion;
	}
	return 0;

err_remove_ion:
	ion_drv_remove();
err_unbind:
	osal_file_unregister_all();
	osal_res_unbind();
	return ret;
}

/*
 * Runs only at module unload (manual unbind is suppressed below), so no
 * file of the driver is open and no ioctl is in flight: what
 * tpu_drv_remove() requires of its host.
 */
static void cvi_tpu_remove_host(struct platform_device *pdev)
{
	tpu_drv_remove();
	ion_drv_remove();
	osal_file_unregister_all();
	osal_dma_report_leaks();
	osal_res_unbind();
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void cvi_tpu_remove(struct platform_device *pdev)
{
	cvi_tpu_remove_host(pdev);
}
#else
static int cvi_tpu_remove(struct platform_device *pdev)
{
	cvi_tpu_remove_host(pdev);
	return 0;
}
#endif

static const struct of_device_id cvi_tpu_of_match[] = {
	{ .compatible = "cvitek,tpu" },
	{ }
};
MODULE_DEVICE_TABLE(of, cvi_tpu_of_match);

static struct platform_driver cvi_tpu_driver = {
	.probe = cvi_tpu_probe,
	.remove = cvi_tpu_remove,
	.driver = {
		.name = "cvi-tpu",
		.of_match_table = cvi_tpu_of_match,
		/* An unbind through sysfs would free the device under open
		 * files; only module unload (no open files) may remove it. */
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(cvi_tpu_driver);

MODULE_DESCRIPTION("Sophgo SG2002/CV181x TPU and ION driver (tpusim driver/ on Linux)");
/*
 * The kernel loads GPL-compatible modules only with the GPL-only symbols
 * this host needs (platform drivers, resets, anonymous inodes, DMA
 * pages).  os/linux is GPL-2.0 OR Apache-2.0; see docs/driver.md for the
 * licence of driver/.
 */
MODULE_LICENSE("GPL");
