// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_irq.c - interrupt lines.
 *
 * os.h handlers take (irq, arg) and return an osal_irqreturn; Linux wants
 * an irq_handler_t with a dev_id.  Each requested line gets a small record
 * that is the dev_id, and one trampoline calls the driver's handler
 * through it.  Level triggering is the device tree's business (the TPU's
 * lines are IRQ_TYPE_LEVEL_HIGH): the line stays asserted, and the
 * handler runs again, until the driver clears the status.
 */
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "osal_linux.h"

struct osal_irq {
	struct list_head node;
	int irq;
	osal_irq_handler_t handler;
	void *arg;
};

/* Requested lines; request and free run in thread context only. */
static LIST_HEAD(osal_irqs);
static DEFINE_MUTEX(osal_irqs_lock);

static irqreturn_t osal_irq_trampoline(int irq, void *dev_id)
{
	struct osal_irq *r = dev_id;

	return r->handler(irq, r->arg) == OSAL_IRQ_HANDLED ? IRQ_HANDLED : IRQ_NONE;
}

int osal_request_irq(int irq, osal_irq_handler_t handler, void *arg, const char *name)
{
	struct osal_irq *r;
	int ret;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->irq = irq;
	r->handler = handler;
	r->arg = arg;

	/* Linked first: the handler may run before request_irq() returns
	 * when the line is already high, and free must find it either way. */
	mutex_lock(&osal_irqs_lock);
	list_add(&r->node, &osal_irqs);
	mutex_unlock(&osal_irqs_lock);

	/* Not IRQF_SHARED: the TPU's lines are its own. */
	ret = request_irq(irq, osal_irq_trampoline, 0, name, r);
	if (ret) {
		mutex_lock(&osal_irqs_lock);
		list_del(&r->node);
		mutex_unlock(&osal_irqs_lock);
		kfree(r);
	}
	return ret;
}

void osal_free_irq(int irq, void *arg)
{
	struct osal_irq *r, *found = NULL;

	mutex_lock(&osal_irqs_lock);
	list_for_each_entry(r, &osal_irqs, node) {
		if (r->irq == irq && r->arg == arg) {
			list_del(&r->node);
			found = r;
			break;
		}
	}
	mutex_unlock(&osal_irqs_lock);

	if (WARN(!found, "free_irq(%d) of a line never requested\n", irq))
		return;
	/* Waits for a handler still running on another CPU. */
	free_irq(irq, found);
	kfree(found);
}
