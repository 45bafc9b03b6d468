// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_pmu.c - the optional TPU performance monitor (vendor tpu_pmu.c).
 *
 * User space asks for it by putting a ring buffer at the end of the dmabuf
 * (header pmubuf_offset/pmubuf_size, both non-zero).  The PMU writes
 * 16-byte records there while the job runs; disabling it flushes them and
 * raises the TDMA EOPMU status, which the hardware layer waits for.
 */
#include "tpu/bits.h"
#include "tpu/tdma_regs.h"
#include "tpu_drv.h"

/* Buffer address and size registers count 16-byte units. */
#define TPU_PMU_UNIT_SHIFT   4u
#define TPU_PMU_UNIT         (1u << TPU_PMU_UNIT_SHIFT)

/*
 * PMU_CTRL for "enable, record TIU and TDMA, TDMA bandwidth, burst 16,
 * ring buffer, DCM bits cleared".  One composition, instantiated with the
 * run-time FIELD_PREP and with TPU_FIELD_PREP_CONST so that it can be
 * checked against the vendor's literal at compile time.
 */
#define TPU_PMU_CTRL_ON(prep) \
	(TDMA_PMU_CTRL_ENABLE_MASK | TDMA_PMU_CTRL_REC_TIU_MASK | TDMA_PMU_CTRL_REC_TDMA_MASK | \
	 prep(TDMA_PMU_CTRL_EVENT_MASK, TDMA_PMU_CTRL_EVENT_VAL_TDMABW) | \
	 prep(TDMA_PMU_CTRL_BURST_MASK, TDMA_PMU_CTRL_BURST_VAL_BEATS_16) | TDMA_PMU_CTRL_RING_MASK | \
	 prep(TDMA_PMU_CTRL_DCM_MASK, 0))

_Static_assert(TPU_PMU_CTRL_ON(TPU_FIELD_PREP_CONST) == 0x759u,
	       "PMU_CTRL must equal the vendor value 0x759 (tpu_pmu.c)");

int tpu_pmu_check(const struct tpu_dma_hdr *hdr, uint64_t dmabuf_size, bool *on)
{
	uint64_t off = hdr->pmubuf_offset, size = hdr->pmubuf_size;

	*on = off != 0 && size != 0;
	if (!*on)
		return 0;
	/* Either misaligned is an error (the vendor check used && and only
	 * logged: 11.1-17). */
	if ((off | size) & (TPU_PMU_UNIT - 1)) {
		osal_err("tpu: pmu buffer not 16-byte aligned (offset=0x%llx size=0x%llx)",
			 (unsigned long long)off, (unsigned long long)size);
		return -EINVAL;
	}
	/* The PMU DMA-writes there: it must stay inside the buffer this job
	 * holds a reference on. */
	if (off > dmabuf_size || size > dmabuf_size - off) {
		osal_err("tpu: pmu buffer [0x%llx, +0x%llx) outside the %llu-byte dmabuf",
			 (unsigned long long)off, (unsigned long long)size,
			 (unsigned long long)dmabuf_size);
		return -EINVAL;
	}
	return 0;
}

void tpu_pmu_enable(struct tpu_device *tdev, uint64_t buf_paddr, uint32_t buf_size)
{
	osal_writel(tdev->tdma, TDMA_PMU_BUFBASE_REG,
		    FIELD_PREP(TDMA_PMU_BUFBASE_ADDR_MASK, buf_paddr >> TPU_PMU_UNIT_SHIFT));
	osal_writel(tdev->tdma, TDMA_PMU_BUFSIZE_REG,
		    FIELD_PREP(TDMA_PMU_BUFSIZE_SIZE_MASK, buf_size >> TPU_PMU_UNIT_SHIFT));
	osal_writel(tdev->tdma, TDMA_PMU_CTRL_REG, TPU_PMU_CTRL_ON(FIELD_PREP));
}

void tpu_pmu_disable(struct tpu_device *tdev)
{
	uint32_t v = osal_readl(tdev->tdma, TDMA_PMU_CTRL_REG);

	osal_writel(tdev->tdma, TDMA_PMU_CTRL_REG, v & ~TDMA_PMU_CTRL_ENABLE_MASK);
}
