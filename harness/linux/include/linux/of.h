/* SPDX-License-Identifier: Apache-2.0 */
/*
 * of.h - the device tree, as far as a platform driver's match table goes.
 * A simulated platform device names its compatible string itself
 * (struct device.lx_compatible); nothing else of the tree is modelled.
 */
#ifndef LX_LINUX_OF_H
#define LX_LINUX_OF_H

#include <linux/mod_devicetable.h>
#include <linux/types.h>

#define of_match_ptr(ptr) (ptr)

#endif /* LX_LINUX_OF_H */
