/* SPDX-License-Identifier: Apache-2.0 */
/*
 * driver.h - how a host brings the drivers up and down (module init/exit).
 *
 * The host (tpusim's sim-OS, or a real kernel's module glue) calls these
 * from a kernel thread context once its OS interface (tpu/os.h) is ready.
 */
#ifndef TPU_DRIVER_H
#define TPU_DRIVER_H

#ifdef __cplusplus
extern "C" {
#endif

#define TPU_DEV_PATH "/dev/cvi-tpu0"
#define ION_DEV_PATH "/dev/ion"

/* Create /dev/ion; 0 or -errno. */
int ion_drv_probe(void);
void ion_drv_remove(void);

/* Map the TPU, request its IRQ (falls back to polling if that fails), start
 * the worker, create /dev/cvi-tpu0; 0 or -errno. */
int tpu_drv_probe(void);
void tpu_drv_remove(void);

#ifdef __cplusplus
}
#endif

#endif /* TPU_DRIVER_H */
