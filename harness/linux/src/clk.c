/* SPDX-License-Identifier: Apache-2.0 */
/*
 * clk.c - clocks by DT clock-name on osal_clk_*.  A struct clk is a name
 * the device's platform lists; enable counts live in the sim-OS (its
 * clk-leak check sees what a driver left on).
 */
#include <linux/clk.h>
#include <string.h>

#include "lx_dev.h"

struct clk {
	const char *name;
	unsigned int prepared;
};

static const char *lx_listed(const char *const *names, const char *id)
{
	for (; names && *names; names++)
		if (id && !strcmp(*names, id))
			return *names;
	return NULL;
}

struct clk *clk_get(struct device *dev, const char *id)
{
	const char *name = lx_listed(dev ? dev->lx_clocks : NULL, id);
	struct clk *c;

	if (!name)
		return ERR_PTR(-ENOENT);
	c = osal_kzalloc(sizeof(*c));
	if (!c)
		return ERR_PTR(-ENOMEM);
	c->name = name;
	return c;
}

void clk_put(struct clk *clk)
{
	if (!IS_ERR_OR_NULL(clk))
		osal_kfree(clk);
}

struct lx_clk_devres {
	struct clk *clk;
};

static void lx_clk_release(struct device *dev, void *res)
{
	(void)dev;
	clk_put(((struct lx_clk_devres *)res)->clk);
}

struct clk *devm_clk_get(struct device *dev, const char *id)
{
	struct lx_clk_devres *r = lx_devres_alloc(lx_clk_release, sizeof(*r));
	struct clk *c;

	if (!r)
		return ERR_PTR(-ENOMEM);
	c = clk_get(dev, id);
	if (IS_ERR(c)) {
		lx_devres_free(r);
		return c;
	}
	r->clk = c;
	lx_devres_add(dev, r);
	return c;
}

static bool lx_clk_match(void *res, void *data)
{
	return ((struct lx_clk_devres *)res)->clk == data;
}

void devm_clk_put(struct device *dev, struct clk *clk)
{
	if (!lx_devres_release(dev, lx_clk_release, lx_clk_match, clk))
		osal_kernel_bug("devm_clk_put(%s): not a managed clock", dev_name(dev));
}

int clk_prepare(struct clk *clk)
{
	osal_might_sleep("clk_prepare");
	if (clk)
		clk->prepared++;
	return 0;
}

void clk_unprepare(struct clk *clk)
{
	osal_might_sleep("clk_unprepare");
	if (!clk)
		return;
	if (!clk->prepared) {
		osal_kernel_bug("clk_unprepare(%s): already unprepared", clk->name);
		return;
	}
	clk->prepared--;
}

int clk_enable(struct clk *clk)
{
	if (!clk)
		return 0;
	if (!clk->prepared)
		osal_kernel_bug("clk_enable(%s): not prepared", clk->name);
	return osal_clk_enable(clk->name);
}

void clk_disable(struct clk *clk)
{
	if (clk)
		osal_clk_disable(clk->name);
}

int clk_prepare_enable(struct clk *clk)
{
	int ret = clk_prepare(clk);

	if (ret)
		return ret;
	ret = clk_enable(clk);
	if (ret)
		clk_unprepare(clk);
	return ret;
}

void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

unsigned long clk_get_rate(struct clk *clk)
{
	return clk ? (unsigned long)osal_clk_get_rate(clk->name) : 0;
}
