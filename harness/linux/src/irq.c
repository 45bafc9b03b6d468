/* SPDX-License-Identifier: Apache-2.0 */
/*
 * irq.c - request_irq/free_irq on osal_request_irq: a trampoline per
 * action passes the handler's irqreturn_t through (same values as
 * enum osal_irqreturn).  The action is complete before the line is
 * requested, because the sim-OS may run it before request_irq returns.
 */
#include <linux/interrupt.h>
#include <linux/types.h>

#include "lx_dev.h"

struct lx_irq_action {
	unsigned int irq;
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	struct lx_irq_action *next;
};

static struct lx_irq_action *lx_actions;

static enum osal_irqreturn lx_irq_trampoline(int irq, void *arg)
{
	struct lx_irq_action *a = arg;

	return a->handler(irq, a->dev_id) == IRQ_NONE ? OSAL_IRQ_NONE : OSAL_IRQ_HANDLED;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
		void *dev_id)
{
	struct lx_irq_action *a;
	int ret;

	(void)flags;
	if (!handler)
		return -EINVAL;
	a = osal_kzalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->irq = irq;
	a->handler = handler;
	a->dev_id = dev_id;
	a->name = name;
	a->next = lx_actions;
	lx_actions = a;
	ret = osal_request_irq((int)irq, lx_irq_trampoline, a, name);
	if (ret) {
		lx_actions = a->next;
		osal_kfree(a);
	}
	return ret;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct lx_irq_action **pp;

	for (pp = &lx_actions; *pp; pp = &(*pp)->next) {
		struct lx_irq_action *a = *pp;
		const char *name = a->name;

		if (a->irq != irq || a->dev_id != dev_id)
			continue;
		/* Off the line first: the handler may be running until then. */
		osal_free_irq((int)irq, a);
		*pp = a->next;
		osal_kfree(a);
		return name;
	}
	osal_kernel_bug("free_irq(%u, %p): trying to free an IRQ that was not requested", irq, dev_id);
	return NULL;
}

struct lx_irq_devres {
	unsigned int irq;
	void *dev_id;
};

static void lx_irq_release(struct device *dev, void *res)
{
	struct lx_irq_devres *r = res;

	(void)dev;
	free_irq(r->irq, r->dev_id);
}

int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		     unsigned long irqflags, const char *devname, void *dev_id)
{
	struct lx_irq_devres *r = lx_devres_alloc(lx_irq_release, sizeof(*r));
	int ret;

	if (!r)
		return -ENOMEM;
	r->irq = irq;
	r->dev_id = dev_id;
	ret = request_irq(irq, handler, irqflags, devname ? devname : dev_name(dev), dev_id);
	if (ret) {
		lx_devres_free(r);
		return ret;
	}
	lx_devres_add(dev, r);
	return 0;
}

static bool lx_irq_match(void *res, void *data)
{
	const struct lx_irq_devres *r = res, *want = data;

	return r->irq == want->irq && r->dev_id == want->dev_id;
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct lx_irq_devres want = {irq, dev_id};

	if (!lx_devres_release(dev, lx_irq_release, lx_irq_match, &want))
		osal_kernel_bug("devm_free_irq(%u): not a managed IRQ of %s", irq, dev_name(dev));
}
