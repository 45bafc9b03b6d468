/* SPDX-License-Identifier: Apache-2.0 */
/* ioport.h - resources: a physical range with a type, end inclusive. */
#ifndef LX_LINUX_IOPORT_H
#define LX_LINUX_IOPORT_H

#include <linux/types.h>

struct resource {
	resource_size_t start;
	resource_size_t end;     /* inclusive */
	const char *name;
	unsigned long flags;
};

#define IORESOURCE_IO   0x00000100
#define IORESOURCE_MEM  0x00000200
#define IORESOURCE_IRQ  0x00000400
#define IORESOURCE_TYPE_BITS 0x00001f00

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

#endif /* LX_LINUX_IOPORT_H */
