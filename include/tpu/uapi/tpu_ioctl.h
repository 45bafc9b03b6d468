/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tpu_ioctl.h - the /dev/cvi-tpu0 user ABI, byte-identical to the vendor
 * cvi_tpu_ioctl.h (sophgo/osdrv interdrv/include/chip/cv181x/uapi/linux).
 *
 * Every command is declared with size sizeof(unsigned long long) = 8 whatever
 * the real argument, as the vendor header does; the generic _IOC encoding
 * (RISC-V and x86 agree) is spelled out so the values do not depend on the
 * host's <linux/ioctl.h>.  Layouts are LP64 and checked below.
 */
#ifndef TPU_UAPI_TPU_IOCTL_H
#define TPU_UAPI_TPU_IOCTL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define TPU_UAPI_ASSERT(e, m) static_assert(e, m)
#else
#define TPU_UAPI_ASSERT(e, m) _Static_assert(e, m)
#endif

#define TPU_IOC_WRITE 1u
#define TPU_IOC_READ  2u
#define TPU_IOC(dir, type, nr, size) \
	(((dir) << 30) | ((uint32_t)(size) << 16) | ((uint32_t)(type) << 8) | (uint32_t)(nr))
#define TPU_IOW(type, nr, size)  TPU_IOC(TPU_IOC_WRITE, type, nr, size)
#define TPU_IOWR(type, nr, size) TPU_IOC(TPU_IOC_READ | TPU_IOC_WRITE, type, nr, size)

/* The device node, part of the ABI: cviruntime opens it by this name
 * (the vendor driver registers "cvi-tpu", minor 0). */
#define TPU_DEV_PATH "/dev/cvi-tpu0"

#define CVITPU_IOC_MAGIC 'p'
#define CVITPU_SUBMIT_DMABUF   TPU_IOW(CVITPU_IOC_MAGIC, 0x01, 8)
#define CVITPU_DMABUF_FLUSH_FD TPU_IOW(CVITPU_IOC_MAGIC, 0x02, 8)
#define CVITPU_DMABUF_INVLD_FD TPU_IOW(CVITPU_IOC_MAGIC, 0x03, 8)
#define CVITPU_DMABUF_FLUSH    TPU_IOW(CVITPU_IOC_MAGIC, 0x04, 8)
#define CVITPU_DMABUF_INVLD    TPU_IOW(CVITPU_IOC_MAGIC, 0x05, 8)
#define CVITPU_WAIT_DMABUF     TPU_IOWR(CVITPU_IOC_MAGIC, 0x06, 8)
#define CVITPU_PIO_MODE        TPU_IOW(CVITPU_IOC_MAGIC, 0x07, 8)
#define CVITPU_LOAD_TEE        TPU_IOWR(CVITPU_IOC_MAGIC, 0x08, 8)
#define CVITPU_SUBMIT_TEE      TPU_IOW(CVITPU_IOC_MAGIC, 0x09, 8)
#define CVITPU_UNLOAD_TEE      TPU_IOW(CVITPU_IOC_MAGIC, 0x0A, 8)
#define CVITPU_SUBMIT_PIO      TPU_IOW(CVITPU_IOC_MAGIC, 0x0B, 8)
#define CVITPU_WAIT_PIO        TPU_IOWR(CVITPU_IOC_MAGIC, 0x0C, 8)
#define CVITPU_GET_USAGE       TPU_IOWR(CVITPU_IOC_MAGIC, 0x0D, 8)

struct cvi_submit_dma_arg {
	int32_t fd;          /* dma-buf (ION) fd of the command dmabuf */
	uint32_t seq_no;     /* caller-chosen; unique among the thread's jobs in flight */
};

struct cvi_wait_dma_arg {
	uint32_t seq_no;     /* in */
	int32_t ret;         /* out: the job's result (0 or a negative errno) */
};

struct cvi_cache_op_arg {
	uint64_t paddr;
	uint64_t size;
	int32_t dma_fd;      /* ignored by the driver */
	uint32_t pad_;       /* LP64 tail padding of the vendor struct */
};

struct cvi_pio_mode {
	uint64_t cmdbuf;
	uint64_t sz;
};

struct cvi_load_tee_arg {
	uint64_t cmdbuf_addr_ree;
	uint32_t cmdbuf_len_ree;
	uint32_t pad0_;
	uint64_t weight_addr_ree;
	uint32_t weight_len_ree;
	uint32_t pad1_;
	uint64_t neuron_addr_ree;
	uint64_t dmabuf_addr_tee; /* out */
};

struct cvi_submit_tee_arg {
	uint64_t dmabuf_tee_addr;
	uint64_t gaddr_base2;
	uint64_t gaddr_base3;
	uint64_t gaddr_base4;
	uint64_t gaddr_base5;
	uint64_t gaddr_base6;
	uint64_t gaddr_base7;
	uint32_t seq_no;
	uint32_t pad_;
};

struct cvi_unload_tee_arg {
	uint64_t addr;
	uint64_t size;
};

struct cvi_tdma_copy_arg {
	uint64_t paddr_src;
	uint64_t paddr_dst;
	uint32_t h;
	uint32_t w_bytes;
	uint32_t stride_bytes_src;
	uint32_t stride_bytes_dst;
	uint32_t enable_2d;
	uint32_t leng_bytes;
	uint32_t seq_no;
	uint32_t pad_;
};

struct cvi_tdma_wait_arg {
	uint32_t seq_no;
	int32_t ret;
};

/* Values and layouts from driver-reference 2.2 / 2.3. */
TPU_UAPI_ASSERT(CVITPU_SUBMIT_DMABUF == 0x40087001u, "SUBMIT_DMABUF");
TPU_UAPI_ASSERT(CVITPU_DMABUF_FLUSH_FD == 0x40087002u, "FLUSH_FD");
TPU_UAPI_ASSERT(CVITPU_DMABUF_INVLD_FD == 0x40087003u, "INVLD_FD");
TPU_UAPI_ASSERT(CVITPU_DMABUF_FLUSH == 0x40087004u, "FLUSH");
TPU_UAPI_ASSERT(CVITPU_DMABUF_INVLD == 0x40087005u, "INVLD");
TPU_UAPI_ASSERT(CVITPU_WAIT_DMABUF == 0xC0087006u, "WAIT_DMABUF");
TPU_UAPI_ASSERT(CVITPU_PIO_MODE == 0x40087007u, "PIO_MODE");
TPU_UAPI_ASSERT(CVITPU_LOAD_TEE == 0xC0087008u, "LOAD_TEE");
TPU_UAPI_ASSERT(CVITPU_SUBMIT_TEE == 0x40087009u, "SUBMIT_TEE");
TPU_UAPI_ASSERT(CVITPU_UNLOAD_TEE == 0x4008700Au, "UNLOAD_TEE");
TPU_UAPI_ASSERT(CVITPU_SUBMIT_PIO == 0x4008700Bu, "SUBMIT_PIO");
TPU_UAPI_ASSERT(CVITPU_WAIT_PIO == 0xC008700Cu, "WAIT_PIO");
TPU_UAPI_ASSERT(CVITPU_GET_USAGE == 0xC008700Du, "GET_USAGE");

TPU_UAPI_ASSERT(sizeof(struct cvi_submit_dma_arg) == 8, "submit size");
TPU_UAPI_ASSERT(offsetof(struct cvi_submit_dma_arg, seq_no) == 4, "submit seq_no");
TPU_UAPI_ASSERT(sizeof(struct cvi_wait_dma_arg) == 8, "wait size");
TPU_UAPI_ASSERT(offsetof(struct cvi_wait_dma_arg, ret) == 4, "wait ret");
TPU_UAPI_ASSERT(sizeof(struct cvi_cache_op_arg) == 24, "cache op size");
TPU_UAPI_ASSERT(offsetof(struct cvi_cache_op_arg, size) == 8, "cache op size field");
TPU_UAPI_ASSERT(offsetof(struct cvi_cache_op_arg, dma_fd) == 16, "cache op dma_fd");
TPU_UAPI_ASSERT(sizeof(struct cvi_pio_mode) == 16, "pio mode size");
TPU_UAPI_ASSERT(sizeof(struct cvi_load_tee_arg) == 48, "load tee size");
TPU_UAPI_ASSERT(offsetof(struct cvi_load_tee_arg, weight_addr_ree) == 16, "load tee weight");
TPU_UAPI_ASSERT(offsetof(struct cvi_load_tee_arg, weight_len_ree) == 24, "load tee weight len");
TPU_UAPI_ASSERT(offsetof(struct cvi_load_tee_arg, neuron_addr_ree) == 32, "load tee neuron");
TPU_UAPI_ASSERT(offsetof(struct cvi_load_tee_arg, dmabuf_addr_tee) == 40, "load tee out");
TPU_UAPI_ASSERT(sizeof(struct cvi_submit_tee_arg) == 64, "submit tee size");
TPU_UAPI_ASSERT(offsetof(struct cvi_submit_tee_arg, seq_no) == 56, "submit tee seq");
TPU_UAPI_ASSERT(sizeof(struct cvi_unload_tee_arg) == 16, "unload tee size");
TPU_UAPI_ASSERT(sizeof(struct cvi_tdma_copy_arg) == 48, "tdma copy size");
TPU_UAPI_ASSERT(offsetof(struct cvi_tdma_copy_arg, h) == 16, "tdma copy h");
TPU_UAPI_ASSERT(offsetof(struct cvi_tdma_copy_arg, seq_no) == 40, "tdma copy seq");
TPU_UAPI_ASSERT(sizeof(struct cvi_tdma_wait_arg) == 8, "tdma wait size");

#endif /* TPU_UAPI_TPU_IOCTL_H */
