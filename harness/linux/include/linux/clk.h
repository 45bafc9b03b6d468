/* SPDX-License-Identifier: Apache-2.0 */
/*
 * clk.h - clocks by DT clock-name (osal_clk_*).  A device has the clocks
 * its platform lists (struct device.lx_clocks); another name gives
 * ERR_PTR(-ENOENT).
 */
#ifndef LX_LINUX_CLK_H
#define LX_LINUX_CLK_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/types.h>

struct clk;

struct clk *clk_get(struct device *dev, const char *id);
void clk_put(struct clk *clk);
/* clk_get, put by devres after remove. */
struct clk *devm_clk_get(struct device *dev, const char *id);
void devm_clk_put(struct device *dev, struct clk *clk);
/* May sleep.  0 or -errno; a NULL clock is a no-op (Linux's optional clock). */
int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);
int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
unsigned long clk_get_rate(struct clk *clk);

#endif /* LX_LINUX_CLK_H */
