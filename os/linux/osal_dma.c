// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_dma.c - DMA memory by physical (bus) address: allocation, kernel
 * access, cache maintenance, user mappings.
 *
 * The driver names DMA memory only by its address, the number user space
 * also writes into descriptors.  Allocations come from dma_alloc_pages():
 * physically contiguous (CMA for large buffers), cacheable, reachable by
 * the TPU through the device's DMA mask, with a struct page to map them.
 * On the SG2002 there is no IOMMU and no DMA offset, so the DMA address
 * handed out is the physical address the vendor's ION reports.
 *
 * Every allocation is recorded in a tree keyed by that address.  All other
 * calls resolve the address there first, so an address this host did not
 * hand out is never dereferenced, cache-maintained or mapped: os.h's
 * cache calls are "not validated" in that the caller gets no error, but
 * the part of a range outside every allocation is skipped, not cleaned or
 * invalidated in someone else's memory.  Entries are reference counted, so
 * a free racing with a copy or a cache operation delays the release of
 * the pages instead of pulling them out from under it.
 *
 * Coherence is left to the caller, as with the vendor's ION: the kernel
 * reads and writes through its cacheable linear mapping and never cleans
 * or invalidates on its own; user space uses the FLUSH/INVLD ioctls.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "osal_linux.h"

struct osal_dma_buf {
	struct rb_node node;       /* in osal_dma_tree while allocated */
	refcount_t ref;            /* the tree's + one per user in flight */
	dma_addr_t dma;
	size_t size;               /* page multiple */
	struct page *page;         /* first of the contiguous pages */
	struct device *dev;        /* counted: frees need it */
};

static struct rb_root osal_dma_tree = RB_ROOT;
/* Protects the tree.  Lookups take their reference under it, while the
 * tree's own reference keeps the count above zero; never held across a
 * copy, a cache operation or a free. */
static DEFINE_SPINLOCK(osal_dma_lock);

static void osal_dma_buf_put(struct osal_dma_buf *b)
{
	if (!refcount_dec_and_test(&b->ref))
		return;
	dma_free_pages(b->dev, b->size, b->page, b->dma, DMA_BIDIRECTIONAL);
	put_device(b->dev);
	kfree(b);
}

/* The first allocation that overlaps [addr, end), with a reference. */
static struct osal_dma_buf *osal_dma_buf_get_overlap(u64 addr, u64 end)
{
	struct osal_dma_buf *b, *found = NULL;
	struct rb_node *n;

	spin_lock(&osal_dma_lock);
	n = osal_dma_tree.rb_node;
	while (n) {
		b = rb_entry(n, struct osal_dma_buf, node);
		if (addr < b->dma) {
			/* A candidate if it starts before end; look for a
			 * lower one on the left. */
			if (b->dma < end)
				found = b;
			n = n->rb_left;
		} else if (addr - b->dma < b->size) {
			found = b;
			break;
		} else {
			n = n->rb_right;
		}
	}
	if (found)
		refcount_inc(&found->ref);
	spin_unlock(&osal_dma_lock);
	return found;
}

/* The allocation holding all of [addr, addr + len), with a reference. */
static struct osal_dma_buf *osal_dma_buf_get_range(u64 addr, u64 len)
{
	struct osal_dma_buf *b;

	if (!len || addr + len < addr)
		return NULL;
	b = osal_dma_buf_get_overlap(addr, addr + 1);
	if (b && (addr < b->dma || len > b->size - (addr - b->dma))) {
		osal_dma_buf_put(b);
		return NULL;
	}
	return b;
}

static void osal_dma_buf_insert(struct osal_dma_buf *b)
{
	struct rb_node **link = &osal_dma_tree.rb_node, *parent = NULL;
	struct osal_dma_buf *other;

	spin_lock(&osal_dma_lock);
	while (*link) {
		parent = *link;
		other = rb_entry(parent, struct osal_dma_buf, node);
		link = b->dma < other->dma ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&b->node, parent, link);
	rb_insert_color(&b->node, &osal_dma_tree);
	spin_unlock(&osal_dma_lock);
}

/* ---- os.h: allocation ------------------------------------------------------- */

int osal_dma_alloc(uint64_t size, uint64_t *paddr)
{
	struct device *dev = osal_res_dev();
	struct osal_dma_buf *b;

	if (!dev || !size || size > SIZE_MAX - PAGE_SIZE)
		return -ENOMEM;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->size = PAGE_ALIGN(size);
	b->page = dma_alloc_pages(dev, b->size, &b->dma, DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!b->page)
		goto err_free;
	/* Kernel access goes through the linear mapping. */
	if (PageHighMem(b->page))
		goto err_free_pages;
	/*
	 * os.h promises zeroed pages whatever mapping user space asks for:
	 * zero through the kernel mapping, then clean, so that an uncached
	 * user mapping and the TPU see the zeros too.
	 */
	memset(page_address(b->page), 0, b->size);
	dma_sync_single_for_device(dev, b->dma, b->size, DMA_TO_DEVICE);

	refcount_set(&b->ref, 1);
	b->dev = get_device(dev);
	osal_dma_buf_insert(b);
	*paddr = b->dma;
	return 0;

err_free_pages:
	dma_free_pages(dev, b->size, b->page, b->dma, DMA_BIDIRECTIONAL);
err_free:
	kfree(b);
	return -ENOMEM;
}

void osal_dma_free(uint64_t paddr, uint64_t size)
{
	struct osal_dma_buf *b;

	b = osal_dma_buf_get_overlap(paddr, paddr + 1);
	if (!b || b->dma != paddr) {
		WARN(1, "dma free of 0x%llx, which was never allocated\n", paddr);
		if (b)
			osal_dma_buf_put(b);
		return;
	}
	WARN_ONCE(PAGE_ALIGN(size) != b->size, "dma free of 0x%llx with size %llu, allocated %zu\n",
		  paddr, size, b->size);

	spin_lock(&osal_dma_lock);
	if (RB_EMPTY_NODE(&b->node)) {
		/* A second free racing with the first: only one erases. */
		spin_unlock(&osal_dma_lock);
		WARN(1, "dma free of 0x%llx, which is being freed\n", paddr);
		osal_dma_buf_put(b);
		return;
	}
	rb_erase(&b->node, &osal_dma_tree);
	RB_CLEAR_NODE(&b->node);
	spin_unlock(&osal_dma_lock);
	/* Ours, then the tree's: the pages go now unless a copy or a cache
	 * operation still holds the entry. */
	osal_dma_buf_put(b);
	osal_dma_buf_put(b);
}

void osal_dma_report_leaks(void)
{
	struct osal_dma_buf *b;
	struct rb_node *n;

	spin_lock(&osal_dma_lock);
	for (n = rb_first(&osal_dma_tree); n; n = rb_next(n)) {
		b = rb_entry(n, struct osal_dma_buf, node);
		pr_warn("dma buffer 0x%llx (%zu bytes) still allocated at unbind\n",
			(u64)b->dma, b->size);
	}
	spin_unlock(&osal_dma_lock);
}

/* ---- os.h: kernel access ---------------------------------------------------- */

int osal_dma_read(uint64_t paddr, void *dst, size_t len)
{
	struct osal_dma_buf *b = osal_dma_buf_get_range(paddr, len);

	if (!b)
		return -EFAULT;
	memcpy(dst, page_address(b->page) + (paddr - b->dma), len);
	osal_dma_buf_put(b);
	return 0;
}

int osal_dma_write(uint64_t paddr, const void *src, size_t len)
{
	struct osal_dma_buf *b = osal_dma_buf_get_range(paddr, len);

	if (!b)
		return -EFAULT;
	memcpy(page_address(b->page) + (paddr - b->dma), src, len);
	osal_dma_buf_put(b);
	return 0;
}

/* ---- os.h: cache maintenance ------------------------------------------------ */

static void osal_dma_sync(u64 start, u64 size, bool for_device)
{
	u64 paddr = start, end = start + size, lo, hi;
	struct osal_dma_buf *b;
	bool skipped = false;

	if (end < start)
		end = U64_MAX;
	while (paddr < end) {
		b = osal_dma_buf_get_overlap(paddr, end);
		if (!b) {
			skipped = true;
			break;
		}
		lo = max_t(u64, paddr, b->dma);
		hi = min_t(u64, end, b->dma + b->size);
		skipped |= lo != paddr;
		if (for_device)
			dma_sync_single_for_device(b->dev, lo, hi - lo, DMA_TO_DEVICE);
		else
			dma_sync_single_for_cpu(b->dev, lo, hi - lo, DMA_FROM_DEVICE);
		paddr = hi;
		osal_dma_buf_put(b);
	}
	if (skipped && size)
		pr_warn_ratelimited("cache %s of [0x%llx, +0x%llx) reaches outside the TPU's buffers; that part is skipped\n",
				    for_device ? "clean" : "invalidate", start, size);
}

void osal_dma_sync_for_device(uint64_t paddr, uint64_t size)
{
	osal_dma_sync(paddr, size, true);
}

void osal_dma_sync_for_cpu(uint64_t paddr, uint64_t size)
{
	osal_dma_sync(paddr, size, false);
}

/* ---- os.h: user mappings ---------------------------------------------------- */

int osal_vma_map_dma(struct osal_vma *ovma, uint64_t paddr, bool cached)
{
	struct vm_area_struct *vma = osal_linux_vma(ovma);
	struct osal_dma_buf *b;
	unsigned long pfn;
	pgprot_t prot;
	int ret;

	if (!PAGE_ALIGNED(paddr) || ovma->len != vma->vm_end - vma->vm_start)
		return -EINVAL;
	b = osal_dma_buf_get_range(paddr, ovma->len);
	if (!b)
		return -EINVAL;
	pfn = page_to_pfn(b->page) + ((paddr - b->dma) >> PAGE_SHIFT);
	/* Uncached buffers are mapped write-combining, as dma_mmap_coherent()
	 * maps coherent memory on non-coherent SoCs. */
	prot = cached ? vma->vm_page_prot : pgprot_writecombine(vma->vm_page_prot);
	ret = remap_pfn_range(vma, vma->vm_start, pfn, ovma->len, prot);
	/* The mapping holds the buffer's file, which holds the pages. */
	osal_dma_buf_put(b);
	return ret;
}
