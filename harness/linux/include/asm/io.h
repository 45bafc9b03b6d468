/* SPDX-License-Identifier: Apache-2.0 */
/* asm/io.h - register accessors, barriers, the linear mapping (linux/io.h). */
#ifndef LX_ASM_IO_H
#define LX_ASM_IO_H

#include <linux/types.h>

u32 lx_readl(const volatile void __iomem *addr);
void lx_writel(u32 value, volatile void __iomem *addr);

static inline u32 readl(const volatile void __iomem *addr) { return lx_readl(addr); }
static inline void writel(u32 value, volatile void __iomem *addr) { lx_writel(value, addr); }
static inline u32 readl_relaxed(const volatile void __iomem *addr) { return lx_readl(addr); }
static inline void writel_relaxed(u32 value, volatile void __iomem *addr) { lx_writel(value, addr); }
static inline u32 ioread32(const volatile void __iomem *addr) { return lx_readl(addr); }
static inline void iowrite32(u32 value, volatile void __iomem *addr) { lx_writel(value, addr); }

/* One step of a busy-poll loop (osal_cpu_relax). */
void lx_cpu_relax(void);
#ifndef cpu_relax
#define cpu_relax() lx_cpu_relax()
#endif

/* Barriers.  Simulated threads switch only at scheduling points, each of
 * them a call, so a compiler barrier orders what another thread sees. */
#ifndef barrier
#define barrier() __asm__ __volatile__("" : : : "memory")
#endif
#ifndef mb
#define mb() barrier()
#define rmb() barrier()
#define wmb() barrier()
#endif
#ifndef smp_mb
#define smp_mb() barrier()
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#endif

/* The linear mapping of DRAM: a host pointer to the live bytes.
 * phys_to_virt of an address outside DRAM returns NULL; virt_to_phys of
 * a pointer outside the mapping is a kernel-api finding (returns 0). */
void *phys_to_virt(phys_addr_t paddr);
phys_addr_t virt_to_phys(const volatile void *va);
#define __va(x) phys_to_virt((phys_addr_t)(x))
#define __pa(x) virt_to_phys((const volatile void *)(x))

#endif /* LX_ASM_IO_H */
