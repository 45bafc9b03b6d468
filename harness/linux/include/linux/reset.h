/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reset.h - reset lines by DT reset-name (osal_reset_*).  A device has the
 * resets its platform lists (struct device.lx_resets); another name gives
 * ERR_PTR(-ENOENT).
 */
#ifndef LX_LINUX_RESET_H
#define LX_LINUX_RESET_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/types.h>

struct reset_control;

/* Released by devres after remove. */
struct reset_control *devm_reset_control_get(struct device *dev, const char *id);
#define devm_reset_control_get_exclusive(dev, id) devm_reset_control_get(dev, id)
/* 0 or -errno; a NULL control is a no-op (optional reset). */
int reset_control_assert(struct reset_control *rstc);
int reset_control_deassert(struct reset_control *rstc);
int reset_control_reset(struct reset_control *rstc);

#endif /* LX_LINUX_RESET_H */
