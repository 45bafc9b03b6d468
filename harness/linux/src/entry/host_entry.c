/* SPDX-License-Identifier: Apache-2.0 */
/*
 * host_entry.c - the TPU entry points of include/tpu/driver.h for a
 * Linux driver hosted on the layer (the vendor configuration).
 *
 * tpu_drv_probe registers the SoC's TPU platform device, as the device
 * tree would make it (MMIO "tdma" and "tiu", interrupts tiu_irq and
 * tdma_irq by index, clocks, resets, compatible "cvitek,tpu"), then
 * loads the modules linked into the program, whose platform drivers
 * probe it.  tpu_drv_remove unloads them and unregisters the device.
 * ion_drv_probe/remove stay the platform's (driver/ion.c): ION is part of
 * the vendor kernel, not of the TPU module.
 */
#include <linux/platform_device.h>
#include <linux/types.h>
#include <stdio.h>
#include <string.h>

#include "lx_dev.h"
#include "lx_module.h"
#include "tpu/driver.h"

static const char *const lx_tpu_irqs[] = {"tiu_irq", "tdma_irq"};
static const char *const lx_tpu_clocks[] = {"clk_tpu_axi", "clk_tpu_fab", NULL};
static const char *const lx_tpu_resets[] = {"res_tdma", "res_tpu", "res_tpusys", NULL};

static struct resource lx_tpu_res[2];
static struct platform_device lx_tpu_pdev;

static int lx_mem_resource(struct resource *r, const char *name)
{
	uint64_t phys, size;
	int ret = osal_platform_get_resource(name, &phys, &size);

	if (ret)
		return ret;
	r->start = phys;
	r->end = phys + size - 1;
	r->name = name;
	r->flags = IORESOURCE_MEM;
	return 0;
}

int tpu_drv_probe(void)
{
	int ret;

	memset(&lx_tpu_pdev, 0, sizeof(lx_tpu_pdev));
	memset(lx_tpu_res, 0, sizeof(lx_tpu_res));
	ret = lx_mem_resource(&lx_tpu_res[0], "tdma");
	if (!ret)
		ret = lx_mem_resource(&lx_tpu_res[1], "tiu");
	if (ret)
		return ret;
	lx_tpu_pdev.name = "cvi-tpu";
	lx_tpu_pdev.id = -1;
	lx_tpu_pdev.resource = lx_tpu_res;
	lx_tpu_pdev.num_resources = 2;
	lx_tpu_pdev.lx_irq_names = lx_tpu_irqs;
	lx_tpu_pdev.lx_num_irqs = 2;
	lx_tpu_pdev.dev.lx_compatible = "cvitek,tpu";
	lx_tpu_pdev.dev.lx_clocks = lx_tpu_clocks;
	lx_tpu_pdev.dev.lx_resets = lx_tpu_resets;
	snprintf(lx_tpu_pdev.dev.lx_name, sizeof(lx_tpu_pdev.dev.lx_name), "c100000.tpu");

	ret = lx_dmabuf_init();
	if (ret)
		return ret;
	platform_device_register(&lx_tpu_pdev);
	ret = lx_load_modules();
	if (!ret && !lx_tpu_pdev.dev.driver)
		/* Linux would load the module and leave the device unbound;
		 * the host wants to know that the TPU has no driver. */
		ret = lx_tpu_pdev.lx_probe_rc ? lx_tpu_pdev.lx_probe_rc : -ENODEV;
	if (ret) {
		lx_unload_modules();
		platform_device_unregister(&lx_tpu_pdev);
		lx_dmabuf_exit();
	}
	return ret;
}

void tpu_drv_remove(void)
{
	lx_unload_modules();
	platform_device_unregister(&lx_tpu_pdev);
	lx_dmabuf_exit();
}

/* System sleep: the platform bus's devices, through their drivers'
 * dev_pm_ops (CONFIG_PM_SLEEP, include/generated/autoconf.h). */
int tpu_drv_suspend(void)
{
	return lx_platform_suspend();
}

int tpu_drv_resume(void)
{
	return lx_platform_resume();
}

/* This program hosts the vendor's driver (platform `driver: vendor`). */
const char tpusim_hosted_driver[] = "vendor";
