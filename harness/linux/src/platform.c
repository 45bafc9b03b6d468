/* SPDX-License-Identifier: Apache-2.0 */
/*
 * platform.c - the platform bus: registered devices and drivers, matched
 * by OF compatible string (else by name), probed synchronously at
 * registration, removed at unregistration with devres released after
 * remove, as drivers/base/{platform,dd}.c do.
 */
#include <linux/err.h>
#include <linux/platform_device.h>
#include <stdio.h>
#include <string.h>

#include "lx_dev.h"

static struct platform_device *lx_pdevs;
static struct platform_driver *lx_pdrvs;

static bool lx_match(struct platform_driver *drv, struct platform_device *pdev)
{
	const struct of_device_id *id = drv->driver.of_match_table;

	if (id && pdev->dev.lx_compatible) {
		for (; id->name[0] || id->type[0] || id->compatible[0]; id++)
			if (!strcmp(id->compatible, pdev->dev.lx_compatible))
				return true;
		return false;
	}
	return drv->driver.name && pdev->name && !strcmp(drv->driver.name, pdev->name);
}

static void lx_probe(struct platform_driver *drv, struct platform_device *pdev)
{
	int ret;

	pdev->dev.driver = &drv->driver;
	ret = drv->probe ? drv->probe(pdev) : 0;
	pdev->lx_probe_rc = ret;
	if (ret) {
		/* really_probe(): the managed resources go, the device stays unbound. */
		lx_devres_release_all(&pdev->dev);
		dev_set_drvdata(&pdev->dev, NULL);
		pdev->dev.driver = NULL;
		osal_warn("%s %s: probe failed with error %d", drv->driver.name,
			  dev_name(&pdev->dev), ret);
	}
}

static void lx_unbind(struct platform_device *pdev)
{
	struct platform_driver *drv = to_platform_driver(pdev->dev.driver);

	if (drv->remove)
		drv->remove(pdev);
	lx_devres_release_all(&pdev->dev);
	dev_set_drvdata(&pdev->dev, NULL);
	pdev->dev.driver = NULL;
}

int platform_driver_register(struct platform_driver *drv)
{
	struct platform_device *pdev;

	drv->lx_next = lx_pdrvs;
	lx_pdrvs = drv;
	for (pdev = lx_pdevs; pdev; pdev = pdev->lx_next)
		if (!pdev->dev.driver && lx_match(drv, pdev))
			lx_probe(drv, pdev);
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	struct platform_driver **pp;
	struct platform_device *pdev;

	for (pdev = lx_pdevs; pdev; pdev = pdev->lx_next)
		if (pdev->dev.driver == &drv->driver)
			lx_unbind(pdev);
	for (pp = &lx_pdrvs; *pp; pp = &(*pp)->lx_next)
		if (*pp == drv) {
			*pp = drv->lx_next;
			return;
		}
	osal_kernel_bug("platform_driver_unregister: %s was not registered",
			drv->driver.name ? drv->driver.name : "?");
}

int platform_device_register(struct platform_device *pdev)
{
	struct platform_driver *drv;

	if (!pdev->dev.init_name && !pdev->dev.lx_name[0])
		snprintf(pdev->dev.lx_name, sizeof(pdev->dev.lx_name), "%s", pdev->name);
	pdev->lx_next = lx_pdevs;
	lx_pdevs = pdev;
	for (drv = lx_pdrvs; drv && !pdev->dev.driver; drv = drv->lx_next)
		if (lx_match(drv, pdev))
			lx_probe(drv, pdev);
	return 0;
}

void platform_device_unregister(struct platform_device *pdev)
{
	struct platform_device **pp;

	if (pdev->dev.driver)
		lx_unbind(pdev);
	for (pp = &lx_pdevs; *pp; pp = &(*pp)->lx_next)
		if (*pp == pdev) {
			*pp = pdev->lx_next;
			return;
		}
	osal_kernel_bug("platform_device_unregister: %s was not registered", pdev->name);
}

struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
				       unsigned int num)
{
	u32 i;

	for (i = 0; i < pdev->num_resources; i++)
		if (resource_type(&pdev->resource[i]) == type && num-- == 0)
			return &pdev->resource[i];
	return NULL;
}

struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
					      const char *name)
{
	u32 i;

	for (i = 0; i < pdev->num_resources; i++) {
		struct resource *r = &pdev->resource[i];

		if (resource_type(r) == type && r->name && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}

int platform_get_irq(struct platform_device *pdev, unsigned int num)
{
	int irq;

	if (num >= pdev->lx_num_irqs || !pdev->lx_irq_names) {
		dev_err(&pdev->dev, "IRQ index %u not found", num);
		return -ENXIO;
	}
	irq = osal_platform_get_irq(pdev->lx_irq_names[num]);
	if (irq < 0) {
		dev_err(&pdev->dev, "IRQ index %u not found", num);
		return -ENXIO;
	}
	return irq;
}

/*
 * System sleep, as dpm_suspend/dpm_resume do it for the callbacks a
 * driver gives in dev_pm_ops: devices are suspended newest first and
 * resumed oldest first; a failing suspend callback aborts the transition
 * and resumes the devices already suspended.  Bound devices only; a driver
 * without .pm (or without the callback) is skipped.  The callbacks run in
 * the calling thread, bracketed as a system call (the write to
 * /sys/power/state), so puts they make are deferred to its end.
 */
static int (*lx_pm_cb(struct platform_device *pdev, bool suspend))(struct device *)
{
	const struct dev_pm_ops *pm = pdev->dev.driver ? pdev->dev.driver->pm : NULL;

	return pm ? (suspend ? pm->suspend : pm->resume) : NULL;
}

/* Resume the devices from `from` up to (not including) `stop`, oldest
 * first (the list is newest first, so recurse to its end); the first
 * error, after all of them ran (Linux logs a failed resume and goes on). */
static int lx_resume_upto(struct platform_device *from, struct platform_device *stop)
{
	int (*cb)(struct device *);
	int first, ret;

	if (!from || from == stop)
		return 0;
	first = lx_resume_upto(from->lx_next, stop);
	cb = lx_pm_cb(from, false);
	ret = cb ? cb(&from->dev) : 0;
	if (ret)
		osal_warn("%s %s: resume failed with error %d", from->dev.driver->name,
			  dev_name(&from->dev), ret);
	return first ? first : ret;
}

int lx_platform_suspend(void)
{
	struct lx_kpath kp;
	struct platform_device *pdev;
	int ret = 0;

	lx_kpath_enter(&kp);
	for (pdev = lx_pdevs; pdev; pdev = pdev->lx_next) {
		int (*cb)(struct device *) = lx_pm_cb(pdev, true);

		ret = cb ? cb(&pdev->dev) : 0;
		if (ret) {
			osal_warn("%s %s: suspend failed with error %d", pdev->dev.driver->name,
				  dev_name(&pdev->dev), ret);
			lx_resume_upto(lx_pdevs, pdev);
			break;
		}
	}
	lx_kpath_exit(&kp);
	return ret;
}

int lx_platform_resume(void)
{
	struct lx_kpath kp;
	int ret;

	lx_kpath_enter(&kp);
	ret = lx_resume_upto(lx_pdevs, NULL);
	lx_kpath_exit(&kp);
	return ret;
}
