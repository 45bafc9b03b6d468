/* SPDX-License-Identifier: Apache-2.0 */
/* reset.c - reset lines by DT reset-name on osal_reset_*; freed by devres. */
#include <linux/reset.h>
#include <string.h>

#include "lx_dev.h"

struct reset_control {
	const char *name;
};

static void lx_reset_release(struct device *dev, void *res)
{
	(void)dev;
	(void)res;
}

struct reset_control *devm_reset_control_get(struct device *dev, const char *id)
{
	const char *const *n;
	struct reset_control *r;

	for (n = dev->lx_resets; n && *n; n++)
		if (id && !strcmp(*n, id))
			break;
	if (!n || !*n)
		return ERR_PTR(-ENOENT);
	r = lx_devres_alloc(lx_reset_release, sizeof(*r));
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->name = *n;
	lx_devres_add(dev, r);
	return r;
}

int reset_control_assert(struct reset_control *rstc)
{
	return rstc ? osal_reset_assert(rstc->name) : 0;
}

int reset_control_deassert(struct reset_control *rstc)
{
	return rstc ? osal_reset_deassert(rstc->name) : 0;
}

int reset_control_reset(struct reset_control *rstc)
{
	int ret = reset_control_assert(rstc);

	return ret ? ret : reset_control_deassert(rstc);
}
