/* SPDX-License-Identifier: Apache-2.0 */
/*
 * platform_device.h - platform devices and drivers.  A driver registered
 * with platform_driver_register() is bound at once (probe runs
 * synchronously) to every registered device it matches: OF compatible
 * first, else the driver's name.  The simulated SoC's device is
 * registered by the host entry point (src/entry/host_entry.c).
 */
#ifndef LX_LINUX_PLATFORM_DEVICE_H
#define LX_LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/types.h>

struct platform_device {
	const char *name;
	int id;
	struct device dev;
	u32 num_resources;
	struct resource *resource;

	/* The layer's: interrupts by index, as the DT's interrupts list
	 * names them; platform_get_irq(pdev, i) is osal_platform_get_irq of
	 * lx_irq_names[i]. */
	const char *const *lx_irq_names;
	unsigned int lx_num_irqs;
	int lx_probe_rc;                /* last probe's result (0 if bound) */
	struct platform_device *lx_next;
};

struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	int (*remove)(struct platform_device *pdev);
	void (*shutdown)(struct platform_device *pdev);
	struct device_driver driver;
	struct platform_driver *lx_next;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)
#define to_platform_driver(drv) container_of((drv), struct platform_driver, driver)

/* NULL when the device has no such resource. */
struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
				       unsigned int num);
struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
					      const char *name);
/* The interrupt line of index num; -ENXIO when there is none. */
int platform_get_irq(struct platform_device *pdev, unsigned int num);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

/* 0 or -errno.  As in Linux, a probe that fails leaves the device
 * unbound and does not fail the registration (lx_probe_rc keeps it). */
int platform_driver_register(struct platform_driver *drv);
void platform_driver_unregister(struct platform_driver *drv);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);

#define module_platform_driver(drv)                                   \
	static int __init drv##_lx_init(void)                          \
	{                                                              \
		return platform_driver_register(&(drv));               \
	}                                                              \
	module_init(drv##_lx_init);                                    \
	static void __exit drv##_lx_exit(void)                         \
	{                                                              \
		platform_driver_unregister(&(drv));                    \
	}                                                              \
	module_exit(drv##_lx_exit)

#endif /* LX_LINUX_PLATFORM_DEVICE_H */
