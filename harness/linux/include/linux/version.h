/* SPDX-License-Identifier: Apache-2.0 */
/* version.h - the layer is a Linux 5.10 kernel (the vendor's BSP kernel). */
#ifndef LX_LINUX_VERSION_H
#define LX_LINUX_VERSION_H

#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_CODE KERNEL_VERSION(5, 10, 0)
#define LINUX_VERSION_MAJOR 5
#define LINUX_VERSION_PATCHLEVEL 10
#define LINUX_VERSION_SUBLEVEL 0

#endif /* LX_LINUX_VERSION_H */
