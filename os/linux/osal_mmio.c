// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_mmio.c - register windows: ioremap and 32-bit readl/writel.
 *
 * An osal_iomem_t is the address of a small record holding the mapping
 * and its size, not the __iomem pointer itself: the driver computes only
 * offsets, so every access can be checked against the window it names.
 * An offset outside the window is a driver bug; it is reported once and
 * behaves like a rejected bus access in os.h (reads give all ones, writes
 * are dropped) instead of touching whatever register lies beyond.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/slab.h>

#include "osal_linux.h"

struct osal_iomap {
	void __iomem *va;
	u64 phys;
	u64 size;
};

static struct osal_iomap *osal_iomap_of(osal_iomem_t base)
{
	return (struct osal_iomap *)base;
}

osal_iomem_t osal_ioremap(uint64_t phys, uint64_t size)
{
	struct osal_iomap *m;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return 0;
	/* Claim the window like devm_ioremap_resource does, so that a second
	 * driver bound to the same registers fails here, not at run time. */
	if (!request_mem_region(phys, size, KBUILD_MODNAME))
		goto err_free;
	m->va = ioremap(phys, size);
	if (!m->va)
		goto err_release;
	m->phys = phys;
	m->size = size;
	return (osal_iomem_t)m;

err_release:
	release_mem_region(phys, size);
err_free:
	kfree(m);
	return 0;
}

void osal_iounmap(osal_iomem_t base)
{
	struct osal_iomap *m = osal_iomap_of(base);

	if (!m)
		return;
	iounmap(m->va);
	release_mem_region(m->phys, m->size);
	kfree(m);
}

static bool osal_mmio_in_window(const struct osal_iomap *m, u32 offset)
{
	if (m->size >= 4 && offset <= m->size - 4 && !(offset & 3))
		return true;
	WARN_ONCE(1, "register access at 0x%x outside the 0x%llx-byte window at 0x%llx\n",
		  offset, m->size, m->phys);
	return false;
}

uint32_t osal_readl(osal_iomem_t base, uint32_t offset)
{
	struct osal_iomap *m = osal_iomap_of(base);

	if (!osal_mmio_in_window(m, offset))
		return 0xFFFFFFFF;
	return readl(m->va + offset);
}

void osal_writel(osal_iomem_t base, uint32_t offset, uint32_t value)
{
	struct osal_iomap *m = osal_iomap_of(base);

	if (osal_mmio_in_window(m, offset))
		writel(value, m->va + offset);
}
