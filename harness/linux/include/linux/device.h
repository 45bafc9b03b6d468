/* SPDX-License-Identifier: Apache-2.0 */
/*
 * device.h - devices, their drivers and classes, managed resources
 * (devres) and the dev_* log calls (docs/vendor-driver.md, "The layer:
 * devices, files, memory and DMA").
 */
#ifndef LX_LINUX_DEVICE_H
#define LX_LINUX_DEVICE_H

#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/kobject.h>
#include <linux/mod_devicetable.h>
#include <linux/pm.h>
#include <linux/printk.h>
#include <linux/types.h>

struct module;
struct class;
struct lx_devres;

struct device_driver {
	const char *name;
	struct module *owner;
	const struct of_device_id *of_match_table;
	const struct dev_pm_ops *pm;
};

struct device {
	struct device *parent;
	const char *init_name;
	struct device_driver *driver;   /* bound driver, NULL when unbound */
	void *platform_data;
	void *driver_data;              /* dev_set_drvdata() */
	u64 *dma_mask;
	u64 coherent_dma_mask;
	dev_t devt;
	struct class *class;
	void (*release)(struct device *dev);

	/* The layer's: what the simulated platform gives this device. */
	const char *lx_compatible;      /* the DT node's compatible string */
	const char *const *lx_clocks;   /* DT clock-names, NULL-terminated */
	const char *const *lx_resets;   /* DT reset-names, NULL-terminated */
	struct lx_devres *lx_devres;    /* managed resources, newest first */
	struct device *lx_next;         /* on its class's list (device_create) */
	char lx_name[64];
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : dev->lx_name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

/* ---- classes and device nodes (fs.h: the files behind them) --------- */

struct class {
	const char *name;
	struct module *owner;
	struct device *lx_devices;      /* device_create()d, not yet destroyed */
};

/* ERR_PTR(-ENOMEM) when it cannot be allocated. */
struct class *class_create(struct module *owner, const char *name);
void class_destroy(struct class *cls);
/* Registers the character device node /dev/<name> for devt: its opens go
 * to the cdev added for devt (-ENXIO when there is none at that time).
 * Returns the new device or an ERR_PTR. */
struct device *device_create(struct class *cls, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void device_destroy(struct class *cls, dev_t devt);

/* ---- devres: released after remove (or a failed probe), newest first - */

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);

/* ---- logging: "<driver> <device>: message" on the sim-OS log -------- */

/* Levels are those of osal_log: 0 debug, 1 info, 2 warning, 3 error. */
void lx_dev_printk(int level, const struct device *dev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* dev_dbg output follows pr_debug's switch (printk.h): with it off, a
 * dev_dbg evaluates none of its arguments (Linux without DEBUG or dynamic
 * debug). */

#define dev_err(dev, fmt, ...) lx_dev_printk(3, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) lx_dev_printk(2, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) lx_dev_printk(1, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) lx_dev_printk(1, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)                                         \
	do {                                                           \
		if (lx_debug_on())                                     \
			lx_dev_printk(0, dev, fmt, ##__VA_ARGS__);     \
	} while (0)

#endif /* LX_LINUX_DEVICE_H */
