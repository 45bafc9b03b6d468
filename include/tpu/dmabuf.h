/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dmabuf.h - the command dmabuf that user space builds and the driver runs
 * (driver-reference 4; sophgo/osdrv tpu_platform.h dma_hdr_t, cvi_regcpu.h
 * cvi_cpu_sync_desc_t; cviruntime bm_dmabuf.c).
 *
 *   0            struct tpu_dma_hdr (128 B)
 *   128          struct tpu_cpu_sync_desc[cpu_desc_count] (224 B each)
 *   align 256    TIU descriptors of segment 0 (112 B each) + 128 zero bytes
 *   align 256    ... one block per segment ...
 *   align 64     TDMA descriptors of all segments (64 B slots)
 *   dmabuf_size  optional PMU buffer
 *
 * After relocation a segment's offset_tiu holds (physical address >> 8) and
 * offset_tdma (physical address >> 6): the driver never adds the buffer
 * address to them.
 */
#ifndef TPU_DMABUF_H
#define TPU_DMABUF_H

#include <stddef.h>
#include <stdint.h>

#include "tpu/hwcfg.h"

#define TPU_DMABUF_MAGIC_M   0xB5B5u  /* TPU_DMABUF_HEADER_M, checked by the driver */
#define TPU_DMABUF_MAGIC_S   0x1822u  /* written by the runtime, not checked */
#define TPU_DMABUF_ALIGN     4096u    /* buffer must be 4 KiB aligned physically */
#define TPU_CPU_OP_SYNC      2u       /* bm_regcpu.h CPU_OP_SYNC */
#define TPU_DMABUF_HDR_SIZE  128u
#define TPU_CPU_DESC_SIZE    224u
#define TPU_TIU_SEG_ALIGN    256u
#define TPU_TDMA_AREA_ALIGN  64u

struct tpu_dma_hdr {
	uint16_t dmabuf_magic_m;
	uint16_t dmabuf_magic_s;
	uint32_t dmabuf_size;
	uint32_t cpu_desc_count;   /* segments; the driver loops over them */
	uint32_t bd_desc_count;    /* informational */
	uint32_t tdma_desc_count;  /* informational */
	uint32_t tpu_clk_rate;     /* written back by the driver after a run */
	uint32_t pmubuf_size;
	uint32_t pmubuf_offset;    /* PMU on iff offset && size */
	struct {
		uint32_t l;
		uint32_t h;            /* ignored by the driver (SG2002 DRAM < 4 GiB) */
	} arraybase[TPU_NUM_ARRAYBASE];
	uint32_t reserve[8];
};

struct tpu_cpu_sync_desc {
	uint32_t op_type;          /* TPU_CPU_OP_SYNC; not checked by the driver */
	uint32_t num_tiu;          /* driver uses & 0xFFFF */
	uint32_t num_tdma;         /* driver uses & 0xFFFF */
	uint32_t offset_tiu;       /* after relocation: physical address >> 8 */
	uint32_t offset_tdma;      /* after relocation: physical address >> 6 */
	uint32_t offset_tiu_ori_bk;  /* buffer-relative offsets before relocation */
	uint32_t offset_tdma_ori_bk;
	char str[196];             /* debug label, e.g. "layer_end" */
};

#ifdef __cplusplus
#define TPU_DMABUF_ASSERT(e, m) static_assert(e, m)
#else
#define TPU_DMABUF_ASSERT(e, m) _Static_assert(e, m)
#endif

TPU_DMABUF_ASSERT(sizeof(struct tpu_dma_hdr) == TPU_DMABUF_HDR_SIZE, "dma_hdr_t is 128 bytes");
TPU_DMABUF_ASSERT(offsetof(struct tpu_dma_hdr, tpu_clk_rate) == 20, "tpu_clk_rate at 20");
TPU_DMABUF_ASSERT(offsetof(struct tpu_dma_hdr, pmubuf_offset) == 28, "pmubuf_offset at 28");
TPU_DMABUF_ASSERT(offsetof(struct tpu_dma_hdr, arraybase) == 32, "arraybase at 32");
TPU_DMABUF_ASSERT(offsetof(struct tpu_dma_hdr, reserve) == 96, "reserve at 96");
TPU_DMABUF_ASSERT(sizeof(struct tpu_cpu_sync_desc) == TPU_CPU_DESC_SIZE, "cpu sync desc is 224 bytes");
TPU_DMABUF_ASSERT(offsetof(struct tpu_cpu_sync_desc, str) == 28, "str at 28");

#endif /* TPU_DMABUF_H */
