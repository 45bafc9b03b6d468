/* SPDX-License-Identifier: Apache-2.0 */
/*
 * driver.h - how a host brings the drivers up and down (module init/exit).
 *
 * The host (tpusim's sim-OS, or a real kernel's module glue) calls these
 * from a kernel thread context once its OS interface (tpu/os.h) is ready.
 */
#ifndef TPU_DRIVER_H
#define TPU_DRIVER_H

#include "tpu/uapi/ion.h"        /* ION_DEV_PATH */
#include "tpu/uapi/tpu_ioctl.h"  /* TPU_DEV_PATH */

#ifdef __cplusplus
extern "C" {
#endif

/* Create /dev/ion; 0 or -errno. */
int ion_drv_probe(void);
void ion_drv_remove(void);

/* Map the TPU, request its IRQ (falls back to polling if that fails), start
 * the worker, create /dev/cvi-tpu0; 0 or -errno. */
int tpu_drv_probe(void);
void tpu_drv_remove(void);

/* System sleep (docs/scenarios.md "System sleep"): run the power-management
 * suspend (resume) callbacks of every bound device that has them; 0, or the
 * first failing callback's -errno (a failed suspend resumes the devices
 * already suspended).  Optional: a driver without power management defines
 * neither, and the host's defaults (harness/host/host_pm.c) have nothing
 * to call and return 0. */
int tpu_drv_suspend(void);
int tpu_drv_resume(void);

#ifdef __cplusplus
}
#endif

#endif /* TPU_DRIVER_H */
