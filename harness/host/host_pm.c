/* SPDX-License-Identifier: Apache-2.0 */
/*
 * host_pm.c - the system-sleep entry points of include/tpu/driver.h for a
 * driver that has no power management (the project's): nothing to call.
 * Weak, so that a driver build that has callbacks (the Linux layer's
 * entry, harness/linux/src/entry/host_entry.c) replaces them.
 */
#include "tpu/driver.h"

__attribute__((weak)) int tpu_drv_suspend(void)
{
	return 0;
}

__attribute__((weak)) int tpu_drv_resume(void)
{
	return 0;
}
