/* SPDX-License-Identifier: Apache-2.0 */
/*
 * io.c - MMIO through fake addresses, the linear mapping, cache
 * maintenance by address.
 *
 * Each ioremap gets a slot of 4 GiB at LX_IOMEM_BASE, a non-canonical
 * host address: pointer arithmetic on it is ordinary, a dereference
 * faults.  readl/writel find the slot and call osal_readl/osal_writel on
 * the sim-OS mapping; an access outside every live mapping is reported
 * (kernel-api), never guessed.
 */
#include <asm/cacheflush.h>
#include <linux/dma-map-ops.h>
#include <linux/io.h>
#include <linux/types.h>

#include "lx_dev.h"
#include "tpu/hwcfg.h"

#define LX_IOMEM_BASE 0x10ad000000000000ull
#define LX_IOMEM_SLOT (1ull << 32)
#define LX_IOMEM_SLOTS 64

struct lx_iomap {
	osal_iomem_t cookie;     /* 0: slot free */
	phys_addr_t phys;
	size_t size;
	bool claimed;            /* by devm_ioremap_resource (request_mem_region) */
};

static struct lx_iomap lx_iomaps[LX_IOMEM_SLOTS];

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	unsigned int i;
	osal_iomem_t c;

	if (!size || size > LX_IOMEM_SLOT)
		return NULL;
	for (i = 0; i < LX_IOMEM_SLOTS && lx_iomaps[i].cookie; i++)
		;
	if (i == LX_IOMEM_SLOTS)
		return NULL;
	c = osal_ioremap(phys, size);
	if (!c)
		return NULL;
	lx_iomaps[i] = (struct lx_iomap){c, phys, size, false};
	return (void __iomem *)(uintptr_t)(LX_IOMEM_BASE + i * LX_IOMEM_SLOT);
}

/* The slot addr falls in, when a live mapping holds [addr, addr + len). */
static struct lx_iomap *lx_iomap_of(const volatile void __iomem *addr, size_t len, u64 *off)
{
	uint64_t a = (uint64_t)(uintptr_t)addr, i;

	if (a < LX_IOMEM_BASE)
		return NULL;
	i = (a - LX_IOMEM_BASE) / LX_IOMEM_SLOT;
	if (i >= LX_IOMEM_SLOTS || !lx_iomaps[i].cookie)
		return NULL;
	*off = a - LX_IOMEM_BASE - i * LX_IOMEM_SLOT;
	if (*off + len > lx_iomaps[i].size)
		return NULL;
	return &lx_iomaps[i];
}

void iounmap(volatile void __iomem *addr)
{
	u64 off;
	struct lx_iomap *m = lx_iomap_of(addr, 0, &off);

	if (!m || off) {
		osal_kernel_bug("iounmap(%p): not an ioremap()ed address", (const void *)addr);
		return;
	}
	osal_iounmap(m->cookie);
	m->cookie = 0;
}

u32 lx_readl(const volatile void __iomem *addr)
{
	u64 off;
	struct lx_iomap *m = lx_iomap_of(addr, 4, &off);

	if (!m) {
		osal_kernel_bug("readl(%p): outside every ioremap()ed window", (const void *)addr);
		return 0xFFFFFFFFu;
	}
	return osal_readl(m->cookie, (uint32_t)off);
}

void lx_writel(u32 value, volatile void __iomem *addr)
{
	u64 off;
	struct lx_iomap *m = lx_iomap_of(addr, 4, &off);

	if (!m) {
		osal_kernel_bug("writel(0x%x, %p): outside every ioremap()ed window", value,
				(const void *)addr);
		return;
	}
	osal_writel(m->cookie, (uint32_t)off, value);
}

void lx_cpu_relax(void)
{
	osal_cpu_relax();
}

/* ---- managed mappings --------------------------------------------------- */

struct lx_iomap_devres {
	void __iomem *addr;
};

static void lx_iomap_release(struct device *dev, void *res)
{
	struct lx_iomap_devres *r = res;

	(void)dev;
	iounmap(r->addr);
}

static void __iomem *lx_devm_map(struct device *dev, phys_addr_t phys, size_t size, bool claim)
{
	struct lx_iomap_devres *r = lx_devres_alloc(lx_iomap_release, sizeof(*r));
	u64 off;

	if (!r)
		return NULL;
	r->addr = ioremap(phys, size);
	if (!r->addr) {
		lx_devres_free(r);
		return NULL;
	}
	lx_iomap_of(r->addr, 0, &off)->claimed = claim;
	lx_devres_add(dev, r);
	return r->addr;
}

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset, resource_size_t size)
{
	return lx_devm_map(dev, offset, size, false);
}

void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
{
	unsigned int i;
	void __iomem *p;

	if (!res || resource_type(res) != IORESOURCE_MEM || res->end < res->start) {
		dev_err(dev, "invalid resource");
		return ERR_PTR(-EINVAL);
	}
	/* devm_request_mem_region(): a range claimed twice is busy. */
	for (i = 0; i < LX_IOMEM_SLOTS; i++) {
		const struct lx_iomap *m = &lx_iomaps[i];

		if (m->cookie && m->claimed && res->start < m->phys + m->size &&
		    m->phys <= res->end) {
			dev_err(dev, "can't request region for resource %s", res->name ? res->name : "");
			return ERR_PTR(-EBUSY);
		}
	}
	p = lx_devm_map(dev, res->start, resource_size(res), true);
	if (!p) {
		dev_err(dev, "ioremap failed for resource %s", res->name ? res->name : "");
		return ERR_PTR(-ENOMEM);
	}
	return p;
}

/* ---- the linear mapping and cache maintenance --------------------------- */

/* host address - physical address of the linear mapping.  Linux's
 * phys_to_virt is plain arithmetic that never fails; so is this one,
 * also outside DRAM (the result is then only good for turning back into
 * a physical address, as __dma_map_area does).  A zero-length kmap of
 * the DRAM base touches no page. */
static bool lx_linear(uintptr_t *offset)
{
	void *base = osal_dma_kmap(TPU_DRAM_BASE, 0);

	*offset = (uintptr_t)base - (uintptr_t)TPU_DRAM_BASE;
	return base != NULL;
}

void *phys_to_virt(phys_addr_t paddr)
{
	uintptr_t off;

	if (!lx_linear(&off))
		return osal_dma_kmap(paddr, 1);
	return (void *)(uintptr_t)(paddr + off);
}

phys_addr_t virt_to_phys(const volatile void *va)
{
	uintptr_t off;

	if (!lx_linear(&off)) {
		osal_kernel_bug("virt_to_phys(%p): no linear mapping", (const void *)va);
		return 0;
	}
	return (phys_addr_t)((uintptr_t)va - off);
}

void arch_sync_dma_for_device(phys_addr_t paddr, size_t size, enum dma_data_direction dir)
{
	(void)dir;
	osal_dma_sync_for_device(paddr, size);
}

void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size, enum dma_data_direction dir)
{
	if (dir != DMA_TO_DEVICE)
		osal_dma_sync_for_cpu(paddr, size);
}

/* arm64's name, riscv's meaning (arch_sync_dma_for_device): TO_DEVICE
 * cleans, FROM_DEVICE invalidates.  No validation of the range. */
void __dma_map_area(const void *start, size_t size, int dir)
{
	phys_addr_t pa = virt_to_phys(start);

	if (dir == DMA_FROM_DEVICE)
		osal_dma_sync_for_cpu(pa, size);
	else
		osal_dma_sync_for_device(pa, size);
}

void __dma_unmap_area(const void *start, size_t size, int dir)
{
	if (dir != DMA_TO_DEVICE)
		osal_dma_sync_for_cpu(virt_to_phys(start), size);
}
