/* SPDX-License-Identifier: Apache-2.0 */
/*
 * io.h - MMIO and the kernel's linear mapping.
 *
 * ioremap returns a fake address per mapping, in a non-canonical range
 * of the host's address space, so a direct dereference faults (SIGSEGV)
 * instead of reading host memory; readl/writel translate it to
 * osal_readl/osal_writel of the mapping.  An access outside every live
 * mapping is a kernel-api finding (a read returns all ones).
 * phys_to_virt/virt_to_phys use the linear mapping of DRAM
 * (osal_dma_kmap).
 */
#ifndef LX_LINUX_IO_H
#define LX_LINUX_IO_H

#include <asm/io.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/types.h>

void __iomem *ioremap(phys_addr_t phys, size_t size);
void iounmap(volatile void __iomem *addr);
/* ERR_PTR(-EINVAL) for a resource that is no MEM range, -EBUSY when the
 * range is already claimed, -ENOMEM when the mapping fails; never NULL.
 * Unmapped by devres after remove. */
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res);
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset, resource_size_t size);

#endif /* LX_LINUX_IO_H */
