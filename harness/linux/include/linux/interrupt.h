/* SPDX-License-Identifier: Apache-2.0 */
/*
 * interrupt.h - interrupt handlers on the sim-OS's level-triggered lines.
 * request_irq enables the line before it returns, so a line already high
 * runs the handler (in interrupt context) before request_irq returns.
 */
#ifndef LX_LINUX_INTERRUPT_H
#define LX_LINUX_INTERRUPT_H

/* Linux's interrupt.h brings hardirq.h and with it the delay and time
 * helpers that interrupt code uses (tpu_pmu.c calls udelay with only
 * kernel.h, interrupt.h and io.h included). */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/irqreturn.h>
#include <linux/types.h>

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED        0x00000080
#define IRQF_ONESHOT       0x00002000
#define IRQF_TRIGGER_NONE  0x00000000
#define IRQF_TRIGGER_HIGH  0x00000004

/* 0 or -errno. */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
		void *dev_id);
/* Returns the name the line was requested with (NULL, and a kernel-api
 * finding, when irq/dev_id was not requested). */
const void *free_irq(unsigned int irq, void *dev_id);
/* request_irq, freed by devres after remove. */
int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		     unsigned long irqflags, const char *devname, void *dev_id);
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id);

#endif /* LX_LINUX_INTERRUPT_H */
