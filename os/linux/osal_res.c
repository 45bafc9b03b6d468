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

/* One DT name list (clock-names, reset-names) and what bind got for it. */
struct osal_res_list {
	const char *prop;
	const char *what;       /* for the warnings: "clock", "reset" */
	/* devm getter: the resource, or an ERR_PTR. */
	void *(*get)(struct device *dev, const char *name);
	unsigned int nr;
	struct {
		const char *name;       /* points into the DT property */
		void *res;              /* struct clk or struct reset_control */
	} ent[OSAL_RES_MAX];
};

static void *osal_res_get_clk(struct device *dev, const char *name)
{
	return devm_clk_get(dev, name);
}

static void *osal_res_get_reset(struct device *dev, const char *name)
{
	/* Exclusive: the driver pulses these lines itself. */
	return devm_reset_control_get_exclusive(dev, name);
}

/* Written at bind and unbind only (probe/remove are serialised by the
 * driver core, and no driver call is in flight then); read lock-free. */
static struct platform_device *osal_pdev;
static struct osal_res_list osal_clks = {
	.prop = "clock-names", .what = "clock", .get = osal_res_get_clk,
};
static struct osal_res_list osal_resets = {
	.prop = "reset-names", .what = "reset", .get = osal_res_get_reset,
};

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

static int osal_res_get_list(struct device *dev, struct osal_res_list *l)
{
	int i, n = osal_res_name_count(dev->of_node, l->prop);
	const char *name;
	void *res;

	for (i = 0; i < n; i++) {
		if (of_property_read_string_index(dev->of_node, l->prop, i, &name))
			continue;
		if (l->nr == OSAL_RES_MAX) {
			dev_warn(dev, "more than %d %ss, ignoring %s\n", OSAL_RES_MAX, l->what, name);
			continue;
		}
		res = l->get(dev, name);
		if (IS_ERR(res)) {
			if (PTR_ERR(res) == -EPROBE_DEFER)
				return -EPROBE_DEFER;
			/* The driver runs without a clock or reset it cannot get. */
			dev_warn(dev, "%s %s: %pe\n", l->what, name, res);
			continue;
		}
		l->ent[l->nr].name = name;
		l->ent[l->nr].res = res;
		l->nr++;
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
	osal_clks.nr = 0;
	osal_resets.nr = 0;

	ret = osal_res_check_irqs(pdev);
	if (ret)
		return ret;
	ret = osal_res_get_list(&pdev->dev, &osal_clks);
	if (ret)
		return ret;
	ret = osal_res_get_list(&pdev->dev, &osal_resets);
	if (ret)
		return ret;
	osal_pdev = pdev;
	return 0;
}

/* The clocks and resets themselves are devres: released after remove. */
void osal_res_unbind(void)
{
	osal_pdev = NULL;
	osal_clks.nr = 0;
	osal_resets.nr = 0;
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

static void *osal_res_find(const struct osal_res_list *l, const char *name)
{
	unsigned int i;

	/* (The name test keeps gcc's -Wnonnull from assuming an unset
	 * entry: entries below the count always have one.) */
	for (i = 0; i < l->nr; i++)
		if (l->ent[i].name && !strcmp(l->ent[i].name, name))
			return l->ent[i].res;
	return NULL;
}

int osal_clk_enable(const char *name)
{
	struct clk *clk = osal_res_find(&osal_clks, name);

	if (!clk)
		return -ENOENT;
	return clk_prepare_enable(clk);
}

void osal_clk_disable(const char *name)
{
	struct clk *clk = osal_res_find(&osal_clks, name);

	if (clk)
		clk_disable_unprepare(clk);
}

uint64_t osal_clk_get_rate(const char *name)
{
	struct clk *clk = osal_res_find(&osal_clks, name);

	return clk ? clk_get_rate(clk) : 0;
}

int osal_reset_assert(const char *name)
{
	struct reset_control *rst = osal_res_find(&osal_resets, name);

	return rst ? reset_control_assert(rst) : -ENOENT;
}

int osal_reset_deassert(const char *name)
{
	struct reset_control *rst = osal_res_find(&osal_resets, name);

	return rst ? reset_control_deassert(rst) : -ENOENT;
}
