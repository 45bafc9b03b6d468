// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_res.c - platform resources by DT name: register windows,
 * interrupt lines, clocks and resets of the one bound TPU node.
 *
 * The driver names what it wants ("tdma", "tdma_irq", "clk_tpu_axi",
 * "res_tpu"); this file does not know those names.  Clocks and resets are
 * taken at bind for every entry of the node's clock-names / reset-names,
 * because that is the only moment -EPROBE_DEFER can still be returned to
 * the driver core: the driver enables clocks per job, from its worker,
 * long after probe.  A resource the node does not list is reported as
 * missing per call, and the driver runs without it (as it does on the
 * simulator's platforms that lack one).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/clk.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/reset.h>
#include <linux/string.h>

#include "osal_linux.h"

/* More than the TPU node has (2 clocks, 3 resets); extra names are ignored
 * with a warning rather than failing the probe. */
#define OSAL_RES_MAX 8

struct osal_named_clk {
	const char *name;       /* points into the DT property */
	struct clk *clk;
};

struct osal_named_reset {
	const char *name;
	struct reset_control *rst;
};

/* Written at bind and unbind only (probe/remove are serialised by the
 * driver core, and no driver call is in flight then); read lock-free. */
static struct platform_device *osal_pdev;
static struct osal_named_clk osal_clks[OSAL_RES_MAX];
static unsigned int osal_nr_clks;
static struct osal_named_reset osal_resets[OSAL_RES_MAX];
static unsigned int osal_nr_resets;

/*
 * The name lists are read by index (of_property_read_string_index), an
 * API that is the same from the vendor's 5.10 to mainline, where the
 * of_property_for_each_*() iterators have changed shape.  A missing
 * property counts as an empty list.
 */
static int osal_res_name_count(struct device_node *np, const char *prop)
{
	int n = of_property_count_strings(np, prop);

	return n > 0 ? n : 0;
}

static int osal_res_get_clocks(struct device *dev)
{
	int i, n = osal_res_name_count(dev->of_node, "clock-names");
	const char *name;
	struct clk *clk;

	for (i = 0; i < n; i++) {
		if (of_property_read_string_index(dev->of_node, "clock-names", i, &name))
			continue;
		if (osal_nr_clks == OSAL_RES_MAX) {
			dev_warn(dev, "more than %d clocks, ignoring %s\n", OSAL_RES_MAX, name);
			continue;
		}
		clk = devm_clk_get(dev, name);
		if (IS_ERR(clk)) {
			if (PTR_ERR(clk) == -EPROBE_DEFER)
				return -EPROBE_DEFER;
			/* The driver runs without a clock it cannot get. */
			dev_warn(dev, "clock %s: %pe\n", name, clk);
			continue;
		}
		osal_clks[osal_nr_clks].name = name;
		osal_clks[osal_nr_clks].clk = clk;
		osal_nr_clks++;
	}
	return 0;
}

static int osal_res_get_resets(struct device *dev)
{
	int i, n = osal_res_name_count(dev->of_node, "reset-names");
	struct reset_control *rst;
	const char *name;

	for (i = 0; i < n; i++) {
		if (of_property_read_string_index(dev->of_node, "reset-names", i, &name))
			continue;
		if (osal_nr_resets == OSAL_RES_MAX) {
			dev_warn(dev, "more than %d resets, ignoring %s\n", OSAL_RES_MAX, name);
			continue;
		}
		/* Exclusive: the driver pulses these lines itself. */
		rst = devm_reset_control_get_exclusive(dev, name);
		if (IS_ERR(rst)) {
			if (PTR_ERR(rst) == -EPROBE_DEFER)
				return -EPROBE_DEFER;
			dev_warn(dev, "reset %s: %pe\n", name, rst);
			continue;
		}
		osal_resets[osal_nr_resets].name = name;
		osal_resets[osal_nr_resets].rst = rst;
		osal_nr_resets++;
	}
	return 0;
}

/* Only to turn a not-yet-ready interrupt controller into -EPROBE_DEFER
 * now; osal_platform_get_irq() asks again when the driver wants a line. */
static int osal_res_check_irqs(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	int i, n = osal_res_name_count(np, "interrupt-names");
	const char *name;

	for (i = 0; i < n; i++) {
		if (of_property_read_string_index(np, "interrupt-names", i, &name))
			continue;
		if (platform_get_irq_byname_optional(pdev, name) == -EPROBE_DEFER)
			return -EPROBE_DEFER;
	}
	return 0;
}

int osal_res_bind(struct platform_device *pdev)
{
	int ret;

	if (osal_pdev)
		return -EBUSY;
	osal_nr_clks = 0;
	osal_nr_resets = 0;

	ret = osal_res_check_irqs(pdev);
	if (ret)
		return ret;
	ret = osal_res_get_clocks(&pdev->dev);
	if (ret)
		return ret;
	ret = osal_res_get_resets(&pdev->dev);
	if (ret)
		return ret;
	osal_pdev = pdev;
	return 0;
}

/* The clocks and resets themselves are devres: released after remove. */
void osal_res_unbind(void)
{
	osal_pdev = NULL;
	osal_nr_clks = 0;
	osal_nr_resets = 0;
}

struct device *osal_res_dev(void)
{
	return osal_pdev ? &osal_pdev->dev : NULL;
}

/* ---- os.h: register windows and interrupts --------------------------------- */

int osal_platform_get_resource(const char *name, uint64_t *phys, uint64_t *size)
{
	struct resource *res;

	if (!osal_pdev)
		return -ENODEV;
	res = platform_get_resource_byname(osal_pdev, IORESOURCE_MEM, name);
	if (!res)
		return -ENODEV;
	*phys = res->start;
	*size = resource_size(res);
	return 0;
}

int osal_platform_get_irq(const char *name)
{
	int irq;

	if (!osal_pdev)
		return -ENODEV;
	irq = platform_get_irq_byname_optional(osal_pdev, name);
	/* os.h promises >= 0 or -ENODEV; Linux never hands out line 0. */
	return irq > 0 ? irq : -ENODEV;
}

/* ---- os.h: clocks and resets -------------------------------------------- */

static struct clk *osal_clk_find(const char *name)
{
	unsigned int i;

	/* (The name test keeps gcc's -Wnonnull from assuming an unset
	 * entry: entries below the count always have one.) */
	for (i = 0; i < osal_nr_clks; i++)
		if (osal_clks[i].name && !strcmp(osal_clks[i].name, name))
			return osal_clks[i].clk;
	return NULL;
}

static struct reset_control *osal_reset_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < osal_nr_resets; i++)
		if (osal_resets[i].name && !strcmp(osal_resets[i].name, name))
			return osal_resets[i].rst;
	return NULL;
}

int osal_clk_enable(const char *name)
{
	struct clk *clk = osal_clk_find(name);

	if (!clk)
		return -ENOENT;
	return clk_prepare_enable(clk);
}

void osal_clk_disable(const char *name)
{
	struct clk *clk = osal_clk_find(name);

	if (clk)
		clk_disable_unprepare(clk);
}

uint64_t osal_clk_get_rate(const char *name)
{
	struct clk *clk = osal_clk_find(name);

	return clk ? clk_get_rate(clk) : 0;
}

int osal_reset_assert(const char *name)
{
	struct reset_control *rst = osal_reset_find(name);

	return rst ? reset_control_assert(rst) : -ENOENT;
}

int osal_reset_deassert(const char *name)
{
	struct reset_control *rst = osal_reset_find(name);

	return rst ? reset_control_deassert(rst) : -ENOENT;
}
