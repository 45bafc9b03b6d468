/* SPDX-License-Identifier: Apache-2.0 */
/*
 * devres.c - managed resources: a list per device, newest first, released
 * after the driver's remove (or a failed probe) in reverse order of
 * acquisition, as drivers/base/devres.c does.
 */
#include <linux/device.h>
#include <linux/types.h>
#include <string.h>

#include "lx_dev.h"

#define LX_DR_HDR ((sizeof(struct lx_devres) + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *))

static struct lx_devres *lx_dr_of(void *res)
{
	return (struct lx_devres *)((char *)res - LX_DR_HDR);
}

void *lx_devres_alloc(void (*release)(struct device *dev, void *res), size_t size)
{
	struct lx_devres *dr = osal_kzalloc(LX_DR_HDR + size);

	if (!dr)
		return NULL;
	dr->release = release;
	dr->size = size;
	return (char *)dr + LX_DR_HDR;
}

void lx_devres_add(struct device *dev, void *res)
{
	struct lx_devres *dr = lx_dr_of(res);

	dr->next = dev->lx_devres;
	dev->lx_devres = dr;
}

void lx_devres_free(void *res)
{
	if (res)
		osal_kfree(lx_dr_of(res));
}

bool lx_devres_release(struct device *dev, void (*release)(struct device *, void *),
		       bool (*match)(void *res, void *data), void *data)
{
	struct lx_devres **pp;

	for (pp = &dev->lx_devres; *pp; pp = &(*pp)->next) {
		struct lx_devres *dr = *pp;
		void *res = (char *)dr + LX_DR_HDR;

		if (dr->release != release || !match(res, data))
			continue;
		*pp = dr->next;
		if (dr->release)
			dr->release(dev, res);
		osal_kfree(dr);
		return true;
	}
	return false;
}

void lx_devres_release_all(struct device *dev)
{
	while (dev->lx_devres) {
		struct lx_devres *dr = dev->lx_devres;

		dev->lx_devres = dr->next;
		if (dr->release)
			dr->release(dev, (char *)dr + LX_DR_HDR);
		osal_kfree(dr);
	}
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *p;

	(void)gfp;
	p = lx_devres_alloc(NULL, size);
	if (p)
		lx_devres_add(dev, p);
	return p;
}

/* osal_kzalloc memory is zeroed: kmalloc and kzalloc are one here. */
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp);
}

static bool lx_match_ptr(void *res, void *data)
{
	return res == data;
}

void devm_kfree(struct device *dev, const void *p)
{
	if (!lx_devres_release(dev, NULL, lx_match_ptr, (void *)p))
		osal_kernel_bug("devm_kfree(%s): %p is no managed allocation", dev_name(dev), p);
}

struct lx_action {
	void (*action)(void *);
	void *data;
};

static void lx_action_release(struct device *dev, void *res)
{
	struct lx_action *a = res;

	(void)dev;
	a->action(a->data);
}

int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	struct lx_action *a = lx_devres_alloc(lx_action_release, sizeof(*a));

	if (!a)
		return -ENOMEM;
	a->action = action;
	a->data = data;
	lx_devres_add(dev, a);
	return 0;
}
