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
/* The DRAM rate of the vendor's own cost model for every CV18xx chip:
 * "1886 MHz" x 4 bytes = 7.544 GB/s (tpu-mlir CV18xx_profiling.cpp,
 * dram_freqency, dram_byte_width; silicon-timing 1).  SG2002's in-package
 * DDR3-1866 x16 peaks at 3.73 GB/s, below the effective rate the published
 * figures need (docs/timing.md "What the fit cannot separate"). */
#define TPU_DRAM_PEAK_BYTES_PER_S 7544000000.0
/* FITTED: 0.60 (4.53 GB/s sustained), with TPU_TDMA_DESC_OVERHEAD_CYCLES
 * and TPU_HOST_OVERHEAD_PER_CALL_MS, on the nine cvimodels with published
 * cv181x figures (bench/silicon_figures.csv): the grid search of
 * bench/fit_timing.py over efficiency, TDMA start-up, TIU overhead and TIU
 * scale, minimising the largest |simulated + host - published| / published
 * (`tpusim model --compare` prints every ratio; docs/timing.md). */
#define TPU_DRAM_EFFICIENCY     0.60
/* CV18xx_profiling.hpp: LMEM port is 16 bytes wide. */
#define TPU_LMEM_BYTES_PER_CYCLE 16u

/* ---- per-descriptor fixed costs ---- */
/* FITTED with TPU_DRAM_EFFICIENCY (see there): the TDMA start-up per
 * descriptor.  The fit is flat between 48 and 128 cycles (largest error
 * 2.2-2.6 %); 100 is at the low end of the 100-150 cycles a public cv183x
 * PMU trace shows (silicon-timing 4.4). */
#define TPU_TDMA_DESC_OVERHEAD_CYCLES 100u
/* ASSUMED: descriptor fetch + decode (seven 16-byte beats).  Not fitted:
 * the published figures cannot tell 0 from 32 (largest error 2.2 % either
 * way), and they need no global TIU scale (the best scale is 1.0). */
#define TPU_TIU_DESC_OVERHEAD_CYCLES  32u
/* ASSUMED: TIU operations without a published cost formula take this many
 * cycles per (lane-tile x EU-tile) step, plus the element-wise constant
 * 26 from CV18xx_profiling.cpp. */
#define TPU_TIU_DEFAULT_STEP_CYCLES   4u
#define TPU_TIU_ELTWISE_CONST_CYCLES  26u

/* ---- host overhead (comparisons only, never simulated) ---- */
/* FITTED with TPU_DRAM_EFFICIENCY (see there; hand_gesture_1_42, about
 * 25 us of simulated work in a 0.255 ms figure, pins it): wall-clock
 * figures of a forward call also hold the runtime's cache maintenance,
 * ioctls, wake-up and bookkeeping.  `tpusim model --compare` adds it to the
 * simulated inference time of a model whose published figure is
 * wall-clock; the simulation itself never does. */
#define TPU_HOST_OVERHEAD_PER_CALL_MS 0.225

/* ---- CPU side (used by the harness bridge) ---- */
/* ASSUMED: an uncached 32-bit MMIO access from the C906 over the APB/AXI
 * bridge; typical of 100-200 MHz peripheral buses. */
#define TPU_MMIO_LATENCY_NS     50u
/* ASSUMED: PLIC delivery + trap entry to the handler. */
#define TPU_IRQ_LATENCY_NS      1000u

/* ---- datapath kernels (model/kernels, docs/datapath.md) ---- */
/* CV18xx_profiling.hpp: the TDMA AXI data bus is 16 bytes wide. */
#define TPU_AXI_BYTES           16u
/* CV18xx_profiling.hpp (MAX_BURST_LENGTH 16 beats, FOUR_KB, BYTE64): a TDMA
 * burst carries at most 16 beats and never crosses a 4 KiB boundary; the
 * DRAM cost of a burst is every 64-byte line it touches (silicon-timing
 * 3.2).  CW-transpose stores use 8-beat bursts there; tpusim times those
 * encodings from their payload (docs/datapath.md 2.8). */
#define TPU_AXI_MAX_BURST_BYTES 256u
#define TPU_AXI_BOUNDARY_BYTES  4096u
#define TPU_DRAM_LINE_BYTES     64u

#endif /* TPU_HWCFG_H */
