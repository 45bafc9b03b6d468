/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pm.h - power-management callbacks.  As in Linux, SIMPLE_DEV_PM_OPS fills
 * the system-sleep callbacks only under CONFIG_PM_SLEEP, which the layer's
 * kernel configuration sets (generated/autoconf.h): the harness drives
 * system sleep through them (lx_platform_suspend/resume, platform.c).
 * A unit compiled without the configuration gets empty ops.
 */
#ifndef LX_LINUX_PM_H
#define LX_LINUX_PM_H

struct device;

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

#ifdef CONFIG_PM_SLEEP
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = suspend_fn, .resume = resume_fn, .freeze = suspend_fn, \
	.thaw = resume_fn, .poweroff = suspend_fn, .restore = resume_fn,
#else
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)
#endif

#define SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
	const struct dev_pm_ops __maybe_unused name = { \
		SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	}

#endif /* LX_LINUX_PM_H */
