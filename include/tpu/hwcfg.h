/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hwcfg.h - the one place for platform geometry and timing constants.
 *
 * Register offsets, fields and reset values are NOT here: they come from
 * regs/<block>.yaml through the generated headers.  Everything below is a fact
 * from a public source (cited) or a tpusim assumption (marked ASSUMED, with
 * the reason).  docs/timing.md explains how the timing figures are used.
 */
#ifndef TPU_HWCFG_H
#define TPU_HWCFG_H

/* ---- geometry (cvikernel include/cvikernel/cv181x/cv181x_tpu_cfg.h) ---- */
#define TPU_CV181X_LANES        8u      /* NPU_NUM, HW_NPU_SHIFT 3 */
#define TPU_CV180X_LANES        2u      /* cv180x_tpu_cfg.h NPU_NUM */
#define TPU_EU_NUM              16u     /* bytes per lane per cycle (int8) */
#define TPU_EU_NUM_BF16         8u      /* tpu-mlir CV18xx_profiling: BF16 uses 8 EUs */
#define TPU_LMEM_LANE_SIZE      0x8000u /* 32 KiB per lane, 8 banks x 4 KiB */
#define TPU_LMEM_ADDR_SHIFT     15u     /* local address bits 14:0 = offset in lane */
#define TPU_MAX_LANES           8u

/* ---- descriptor placement (cv181x_tdma_reg.h, cv181x_tiu_reg.h) ----
 * The sizes are TDMA_DESC_SIZE / TIU_DESC_SIZE, generated from
 * regs/<engine>_desc.yaml. */
#define TPU_TDMA_DESC_ALIGN_SHIFT 6u    /* TDMA_DESCRIPTOR_ALIGNED_BIT */
#define TPU_TIU_DESC_ALIGN_SHIFT  8u    /* BDC_ENGINE_CMD_ALIGNED_BIT */
#define TPU_TIU_EOD_PADDING     128u    /* bm_dmabuf.c BD_EOD_PADDING_BYTES */
#define TPU_NUM_ARRAYBASE       8u      /* reg_tdma.h TDMA_NUM_BASE_REGS */
#define TPU_SYNC_ID_MAX         0xFFFFu /* ids are 16-bit; runtime splits segments there */

/* ---- host CPU ---- */
/* C906 L1 data-cache line.  driver-reference 9.1: the vendor 5.10 kernel's
 * T-Head dma_wb_range / dma_wbinv_range (arch/riscv/mm/cacheflush.c) step
 * by 64-byte lines, and cviruntime rounds its cache ioctls to 64 bytes. */
#define TPU_CPU_CACHE_LINE      64u

/* ---- DMA memory space ---- */
/* DRAM starts at 0x80000000 on SG2002 (device tree memory node). */
#define TPU_DRAM_BASE           0x80000000ull
/* cvi181x_device_mem.cpp g_gmem_size: 1 GiB device-memory window. */
#define TPU_DRAM_DEFAULT_SIZE   0x40000000ull
#define TPU_DRAM_PAGE_SIZE      4096u
/* DMA addresses are 40 bits (DMA_BIT_MASK(40) in cvi_tpu_interface.c). */
#define TPU_DMA_ADDR_MASK       0xFFFFFFFFFFull

/* ---- clocks (duo-buildroot-sdk-v2 fsbl/plat/cv181x/platform.c) ---- */
#define TPU_CLK_HZ_DEFAULT      500000000ull /* FPLL 1500 MHz / 3 */
#define TPU_CLK_HZ_PERF         700000000ull /* TPLL 1400 MHz / 2, TPU_PERF_MODE */

/* ---- DRAM bandwidth ---- */
/* DDR3-1866 x16: 1866e6 transfers/s x 2 bytes = 3.73 GB/s peak (board
 * configs DDR_CFG=ddr3_1866_x16). */
#define TPU_DRAM_PEAK_BYTES_PER_S 3732000000.0
/* ASSUMED: 70 % sustained efficiency for TDMA bursts; no public
 * measurement exists.  Calibrate with bench/ against the vendor latency
 * table (hardware-reference 7.3). */
#define TPU_DRAM_EFFICIENCY     0.70
/* CV18xx_profiling.hpp: LMEM port is 16 bytes wide. */
#define TPU_LMEM_BYTES_PER_CYCLE 16u

/* ---- per-descriptor fixed costs ---- */
/* ASSUMED: descriptor fetch + setup.  A TDMA descriptor is one 64-byte
 * burst, a TIU descriptor seven 16-byte beats; 32 cycles each covers the
 * fetch at the DRAM latency of a DDR3 read (~60 ns). */
#define TPU_TDMA_DESC_OVERHEAD_CYCLES 32u
#define TPU_TIU_DESC_OVERHEAD_CYCLES  32u
/* ASSUMED: TIU operations without a published cost formula take this many
 * cycles per (lane-tile x EU-tile) step, plus the element-wise constant
 * 26 from CV18xx_profiling.cpp. */
#define TPU_TIU_DEFAULT_STEP_CYCLES   4u
#define TPU_TIU_ELTWISE_CONST_CYCLES  26u

/* ---- CPU side (used by the harness bridge) ---- */
/* ASSUMED: an uncached 32-bit MMIO access from the C906 over the APB/AXI
 * bridge; typical of 100-200 MHz peripheral buses. */
#define TPU_MMIO_LATENCY_NS     50u
/* ASSUMED: PLIC delivery + trap entry to the handler. */
#define TPU_IRQ_LATENCY_NS      1000u

/* ---- datapath kernels (model/kernels, docs/datapath.md) ---- */
/* CV18xx_profiling.hpp: the TDMA AXI data bus is 16 bytes wide; DRAM
 * traffic of a contiguous run is rounded out to whole beats. */
#define TPU_AXI_BYTES           16u

#endif /* TPU_HWCFG_H */
