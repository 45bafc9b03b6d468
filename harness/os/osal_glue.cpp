// SPDX-License-Identifier: Apache-2.0
//
// osal_glue.cpp - the rest of the OS interface: platform resources, the
// MMIO bridge entry points, clocks and resets, interrupts, DMA memory,
// user copies and files, each forwarded to the sim-OS component that owns
// it.
#include <cstring>

#include "cache.h"
#include "dma_alloc.h"
#include "irqc.h"
#include "simos.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "vfs.h"

using tpusim::Process;
using tpusim::SimOs;
using tpusim::SimThread;

namespace {

// Device-tree facts (driver-reference 1.1, 1.4): reset ids are bits of the
// reset controller word at RSTC_BASE.
struct ResetLine {
	const char *name;
	uint32_t mask;
};
const ResetLine kResets[] = {
	{"res_tdma", RSTC_SOFT_RSTN_0_TDMA_MASK},
	{"res_tpu", RSTC_SOFT_RSTN_0_TPU_MASK},
	{"res_tpusys", RSTC_SOFT_RSTN_0_TPUSYS_MASK},
};
const char *const kClocks[] = {"clk_tpu_axi", "clk_tpu_fab"};

const ResetLine *find_reset(const char *name)
{
	for (const auto &r : kResets)
		if (!strcmp(r.name, name))
			return &r;
	return nullptr;
}

bool known_clock(const char *name)
{
	for (const char *c : kClocks)
		if (!strcmp(c, name))
			return true;
	return false;
}

Process *current_process()
{
	SimThread *t = SimOs::get().current_or_null();

	return t ? t->proc : nullptr;
}

} // namespace

extern "C" {

int osal_platform_get_resource(const char *name, uint64_t *phys, uint64_t *size)
{
	if (!strcmp(name, "tdma")) {
		*phys = TDMA_BASE;
		*size = TDMA_SIZE;
		return 0;
	}
	if (!strcmp(name, "tiu")) {
		*phys = TIU_BASE;
		*size = TIU_SIZE;
		return 0;
	}
	return -ENODEV;
}

int osal_platform_get_irq(const char *name)
{
	if (!strcmp(name, "tdma_irq"))
		return TDMA_IRQ;
	if (!strcmp(name, "tiu_irq"))
		return TIU_IRQ;
	return -ENODEV;
}

osal_iomem_t osal_ioremap(uint64_t phys, uint64_t size)
{
	(void)size;
	// The cookie is the physical address: every access goes to the bus.
	return static_cast<osal_iomem_t>(phys);
}

void osal_iounmap(osal_iomem_t base)
{
	(void)base;
}

uint32_t osal_readl(osal_iomem_t base, uint32_t offset)
{
	return SimOs::get().mmio_read(static_cast<uint64_t>(base) + offset);
}

void osal_writel(osal_iomem_t base, uint32_t offset, uint32_t value)
{
	SimOs::get().mmio_write(static_cast<uint64_t>(base) + offset, value);
}

int osal_clk_enable(const char *name)
{
	if (!known_clock(name))
		return -ENOENT;
	SimOs::get().clk_enables()[name]++;
	return 0;
}

void osal_clk_disable(const char *name)
{
	SimOs &os = SimOs::get();

	if (!known_clock(name) || os.clk_enables()[name] <= 0) {
		os.findings().add(tpusim::Checker::clk_unbalanced, std::string("clk_disable(") + name +
				  ") without a matching enable");
		return;
	}
	os.clk_enables()[name]--;
}

uint64_t osal_clk_get_rate(const char *name)
{
	if (!known_clock(name))
		return 0;
	return static_cast<uint64_t>(SimOs::get().top().config().clk_hz);
}

static int reset_write(const char *name, bool assert_it)
{
	const ResetLine *r = find_reset(name);
	SimOs &os = SimOs::get();

	if (!r)
		return -ENOENT;
	uint64_t a = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
	uint32_t v = os.mmio_read(a);
	// Active low: asserting clears the bit.
	os.mmio_write(a, assert_it ? v & ~r->mask : v | r->mask);
	return 0;
}

int osal_reset_assert(const char *name)
{
	return reset_write(name, true);
}

int osal_reset_deassert(const char *name)
{
	return reset_write(name, false);
}

int osal_request_irq(int irq, osal_irq_handler_t handler, void *arg, const char *name)
{
	return SimOs::get().irqc().request(irq, handler, arg, name ? name : "irq");
}

void osal_free_irq(int irq, void *arg)
{
	SimOs::get().irqc().free(irq, arg);
}

int osal_dma_alloc(uint64_t size, uint64_t *paddr)
{
	return SimOs::get().dma().alloc(size, paddr);
}

void osal_dma_free(uint64_t paddr, uint64_t size)
{
	SimOs::get().dma().free(paddr, size);
}

// The kernel mapping: DRAM, coherent with lines the CPU cache holds (the
// cache is physically tagged; cache.h).
int osal_dma_read(uint64_t paddr, void *dst, size_t len)
{
	SimOs &os = SimOs::get();

	if (tpusim::CpuCache *c = os.cpu_cache())
		return c->kernel_read(paddr, dst, len) ? -EFAULT : 0;
	return os.top().dram.read(paddr, dst, len) ? -EFAULT : 0;
}

int osal_dma_write(uint64_t paddr, const void *src, size_t len)
{
	SimOs &os = SimOs::get();

	if (tpusim::CpuCache *c = os.cpu_cache())
		return c->kernel_write(paddr, src, len) ? -EFAULT : 0;
	return os.top().dram.write(paddr, src, len) ? -EFAULT : 0;
}

// The kernel's linear mapping of DRAM (hosted Linux drivers: ION's
// vaddr, phys_to_virt): the model's DRAM range itself.  Accesses through
// it see DRAM only, never the CPU cache's lines: an uncached kernel view.
void *osal_dma_kmap(uint64_t paddr, uint64_t len)
{
	return SimOs::get().top().dram.host_ptr(paddr, len);
}

int osal_dma_kaddr_to_phys(const void *p, uint64_t *paddr)
{
	return SimOs::get().top().dram.host_to_addr(p, paddr) ? 0 : -EFAULT;
}

// Cache maintenance on the CPU data-cache model (cache.h); no-ops when the
// model is off.  Ranges are unvalidated, as on Linux.
void osal_dma_sync_for_device(uint64_t paddr, uint64_t size)
{
	if (tpusim::CpuCache *c = SimOs::get().cpu_cache())
		c->clean(paddr, size);
}

void osal_dma_sync_for_cpu(uint64_t paddr, uint64_t size)
{
	// T-Head dcache.cipa: write back dirty lines, then invalidate.
	if (tpusim::CpuCache *c = SimOs::get().cpu_cache())
		c->invalidate(paddr, size);
}

int osal_copy_from_user(void *dst, uint64_t uaddr, size_t len)
{
	SimOs &os = SimOs::get();

	os.sched_point();
	return os.vfs().user_copy(current_process(), uaddr, dst, len, false);
}

int osal_copy_to_user(uint64_t uaddr, const void *src, size_t len)
{
	SimOs &os = SimOs::get();

	os.sched_point();
	return os.vfs().user_copy(current_process(), uaddr, const_cast<void *>(src), len, true);
}

int osal_register_chrdev(const char *path, const struct osal_file_ops *ops, void *drvdata)
{
	SimOs &os = SimOs::get();

	// cdev and device node allocations.
	if (os.inject(tpusim::InjectKind::register_chrdev, path))
		return -ENOMEM;
	int rc = os.vfs().register_chrdev(path, ops, drvdata);
	if (!rc)
		os.kobj_made(tpusim::InjectKind::register_chrdev);
	return rc;
}

void osal_unregister_chrdev(const char *path)
{
	SimOs &os = SimOs::get();

	if (os.vfs().unregister_chrdev(path))
		os.kobj_gone(tpusim::InjectKind::register_chrdev);
}

void *osal_file_drvdata(struct osal_file *f)
{
	return f->drvdata;
}

void *osal_file_private(struct osal_file *f)
{
	return f->priv;
}

void osal_file_set_private(struct osal_file *f, void *priv)
{
	f->priv = priv;
}

const struct osal_file_ops *osal_file_ops_of(struct osal_file *f)
{
	return f->ops;
}

int osal_anon_fd(const struct osal_file_ops *ops, void *priv, const char *name)
{
	SimOs &os = SimOs::get();
	Process *p = current_process();

	if (!p)
		return -EBADF;
	// The anon inode's file: -ENOMEM when it cannot be allocated.
	if (os.inject(tpusim::InjectKind::anon_fd, name))
		return -ENOMEM;
	osal_file *f = os.vfs().new_file(ops, nullptr, priv, name ? name : "anon");
	return os.vfs().install(p, f);
}

struct osal_file *osal_fget(int fd)
{
	return SimOs::get().vfs().fget(current_process(), fd);
}

void osal_fput(struct osal_file *f)
{
	SimOs::get().vfs().fput(f);
}

int osal_vma_map_dma(struct osal_vma *vma, uint64_t paddr, bool cached)
{
	SimOs &os = SimOs::get();

	// Page-table allocation (remap_pfn_range): -ENOMEM when it fails.
	if (os.inject(tpusim::InjectKind::vma_map_dma, nullptr, vma->len))
		return -ENOMEM;
	return os.vfs().map_dma(current_process(), vma, paddr, cached);
}

} // extern "C"
