// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_hw.c - run one command dmabuf on the TDMA and TIU engines (the
 * vendor's cvi_tpu_run_dmabuf + platform_run_dmabuf, cv181x values;
 * driver-reference 5.1 / 5.2).
 *
 * Only the worker thread calls in here, one job at a time, so the engines
 * need no lock of their own; the interrupt handler touches only the TDMA
 * interrupt register, which the sequences below never read-modify-write.
 *
 * Sequence of a job:
 *   validate the header (magic, alignment, bounds, PMU buffer)
 *   clocks on, reset pulse                        (per job, like Linux)
 *   ARRAYBASE0..7_L from the header, 0_H/1_H = 0
 *   PMU on if asked
 *   per segment: resync ids; fire TIU; fire TDMA; wait for the TDMA
 *                interrupt; check status and sync id; poll the TIU
 *   PMU off, wait for EOPMU
 *   header.tpu_clk_rate = rate of clk_tpu_axi
 *   on any failure: reset pulse (stops the engines before the caller can
 *                   release the buffer); clocks off in every case
 */
#include <stddef.h>

#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "tpu_drv.h"

/*
 * TDMA_CTRL for a descriptor run on cv181x, without the descriptor count:
 * ENABLE | MODESEL (descriptor mode) | FORCE_1ARRAY | BURSTLEN 3 |
 * 64BYTE_ALIGN_EN | INTRA_CMD_OFF.  Instantiated with FIELD_PREP at run
 * time; the constant twin proves it equals the vendor's 0x2723.
 */
#define TPU_TDMA_CTRL_DESC_RUN(prep) \
	(TDMA_CTRL_ENABLE_MASK | TDMA_CTRL_MODESEL_MASK | TDMA_CTRL_FORCE_1ARRAY_MASK | \
	 prep(TDMA_CTRL_BURSTLEN_MASK, TDMA_CTRL_BURSTLEN_VAL_BEATS_16) | TDMA_CTRL_ALIGN64_EN_MASK | \
	 TDMA_CTRL_INTRA_CMD_OFF_MASK)

_Static_assert(TPU_TDMA_CTRL_DESC_RUN(TPU_FIELD_PREP_CONST) == 0x2723u,
	       "cv181x TDMA_CTRL must equal the vendor value 0x2723 | (n << 16)");
_Static_assert(TPU_FIELD_PREP_CONST(TDMA_CTRL_DESNUM_MASK, 1) == 0x10000u,
	       "DESNUM is the vendor's n << 16");
_Static_assert(TPU_FIELD_PREP_CONST(TDMA_INT_MASK_MASK_MASK, TDMA_INT_MASK_STATUS_VAL_ZERO) == 0x20u,
	       "run-time INT_MASK is the vendor's TDMA_MASK_INIT 0x20");
_Static_assert(TDMA_INT_MASK_STATUS_MASK == 0xFFFF0000u,
	       "clearing INT_MASK is the vendor's 0xFFFF0000");
_Static_assert(TDMA_ARRAYBASE_L_COUNT == TPU_NUM_ARRAYBASE,
	       "one ARRAYBASE_L register per header array base");

/* Clear-all value for TDMA INT_MASK (status W1C all ones, mask 0). */
#define TPU_TDMA_INT_CLEAR_ALL  TDMA_INT_MASK_STATUS_MASK
/* BD_CTRL bits that are write-1-to-clear: read-modify-write sequences
 * strip them so that they clear status only where they mean to. */
#define TPU_TIU_BD_CTRL_W1C     (TIU_BD_CTRL_INT_STATUS_MASK | TIU_BD_CTRL_ERR_MASK)

static const char *const tpu_clk_names[] = { "clk_tpu_axi", "clk_tpu_fab" };
static const char *const tpu_rst_names[] = { "res_tdma", "res_tpu", "res_tpusys" };

static inline void tdma_wr(struct tpu_device *tdev, uint32_t off, uint32_t v)
{
	osal_writel(tdev->tdma, off, v);
}

static inline uint32_t tiu_rd(struct tpu_device *tdev, uint32_t off)
{
	return osal_readl(tdev->tiu, off);
}

static inline void tiu_wr(struct tpu_device *tdev, uint32_t off, uint32_t v)
{
	osal_writel(tdev->tiu, off, v);
}

/* ---- clocks and resets -------------------------------------------------- */

/* Enable the TPU clocks; returns a bit per clock actually enabled, so the
 * matching disable never drops a count it did not take. */
static unsigned int tpu_hw_clk_enable(struct tpu_device *tdev)
{
	unsigned int on = 0, i;
	int ret;

	for (i = 0; i < sizeof(tpu_clk_names) / sizeof(tpu_clk_names[0]); i++) {
		ret = osal_clk_enable(tpu_clk_names[i]);
		if (!ret) {
			on |= TPU_BIT(i);
		} else if (!tdev->clk_missing_warned) {
			osal_warn("tpu: clock %s unavailable (%d), running without it",
				  tpu_clk_names[i], ret);
			tdev->clk_missing_warned = true;
		}
	}
	return on;
}

static void tpu_hw_clk_disable(struct tpu_device *tdev, unsigned int on)
{
	unsigned int i = sizeof(tpu_clk_names) / sizeof(tpu_clk_names[0]);

	while (i--)
		if (on & TPU_BIT(i))
			osal_clk_disable(tpu_clk_names[i]);
}

/* platform_tpu_reset: assert TDMA, TPU, TPUSYS, then deassert them. */
static void tpu_hw_reset_pulse(struct tpu_device *tdev)
{
	const unsigned int n = sizeof(tpu_rst_names) / sizeof(tpu_rst_names[0]);
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = osal_reset_assert(tpu_rst_names[i]);
		if (ret && !tdev->rst_missing_warned) {
			osal_warn("tpu: reset %s unavailable (%d)", tpu_rst_names[i], ret);
			tdev->rst_missing_warned = true;
		}
	}
	for (i = 0; i < n; i++)
		osal_reset_deassert(tpu_rst_names[i]);
}

/* ---- per-segment register sequences ------------------------------------ */

/* resync_cmd_id: both engines' id counters to 0, both statuses cleared. */
static void tpu_hw_resync_ids(struct tpu_device *tdev)
{
	uint32_t v;

	v = tiu_rd(tdev, TIU_CTRL2_REG);
	tiu_wr(tdev, TIU_CTRL2_REG, v | TIU_CTRL2_RESET_ID_MASK);
	tiu_wr(tdev, TIU_CTRL2_REG, v & ~TIU_CTRL2_RESET_ID_MASK);

	v = tiu_rd(tdev, TIU_BD_CTRL_REG) & ~TPU_TIU_BD_CTRL_W1C;
	tiu_wr(tdev, TIU_BD_CTRL_REG, v & ~(TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK));
	/* W1C: clear the done status (and tpusim's error flag, which the
	 * vendor's plain read-modify-write would clear as a side effect). */
	v = tiu_rd(tdev, TIU_BD_CTRL_REG);
	tiu_wr(tdev, TIU_BD_CTRL_REG, v | TPU_TIU_BD_CTRL_W1C);

	tdma_wr(tdev, TDMA_CTRL_REG, TDMA_CTRL_RESET_SYNCID_MASK);
	tdma_wr(tdev, TDMA_CTRL_REG, 0);
	tdma_wr(tdev, TDMA_INT_MASK_REG, TPU_TDMA_INT_CLEAR_ALL);
}

static void tpu_hw_fire_tiu(struct tpu_device *tdev, uint32_t offset_tiu)
{
	uint64_t addr = (uint64_t)offset_tiu << TPU_TIU_DESC_ALIGN_SHIFT;
	uint32_t v;

	tiu_wr(tdev, TIU_DESC_ADDR_L_REG, FIELD_PREP(TIU_DESC_ADDR_L_ADDR_MASK, (uint32_t)addr));
	v = tiu_rd(tdev, TIU_DESC_ADDR_H_REG) & ~TIU_DESC_ADDR_H_ADDR_MASK;
	tiu_wr(tdev, TIU_DESC_ADDR_H_REG, v | FIELD_PREP(TIU_DESC_ADDR_H_ADDR_MASK, addr >> 32));

	v = tiu_rd(tdev, TIU_CTRL2_REG);
	tiu_wr(tdev, TIU_CTRL2_REG, v | TIU_CTRL2_PRE_EXE_DISABLE_MASK);

	v = tiu_rd(tdev, TIU_BD_CTRL_REG) & ~(TPU_TIU_BD_CTRL_W1C | TIU_BD_CTRL_LANE_NUM_MASK);
	v |= FIELD_PREP(TIU_BD_CTRL_LANE_NUM_MASK, TIU_BD_CTRL_LANE_NUM_VAL_LANES_8);
	tiu_wr(tdev, TIU_BD_CTRL_REG, v);
	/* Go: descriptor mode, interrupt enable, TPU enable.  The TIU runs
	 * until the descriptor with cmd_end; its count is not programmed. */
	tiu_wr(tdev, TIU_BD_CTRL_REG, v | TIU_BD_CTRL_DES_ADDR_VLD_MASK |
				      TIU_BD_CTRL_INTR_EN_MASK | TIU_BD_CTRL_TPU_EN_MASK);
}

static void tpu_hw_fire_tdma(struct tpu_device *tdev, uint32_t offset_tdma, uint32_t num)
{
	/* offset_tdma is already (address >> 6): user space relocated it. */
	tdma_wr(tdev, TDMA_DES_BASE_REG, FIELD_PREP(TDMA_DES_BASE_ADDR_MASK, offset_tdma));
	tdma_wr(tdev, TDMA_DEBUG_MODE_REG, 0);
	tdma_wr(tdev, TDMA_DCM_DISABLE_REG, 0);
	tdma_wr(tdev, TDMA_INT_MASK_REG,
		FIELD_PREP(TDMA_INT_MASK_MASK_MASK, TDMA_INT_MASK_STATUS_VAL_ZERO));
	tdma_wr(tdev, TDMA_CTRL_REG,
		TPU_TDMA_CTRL_DESC_RUN(FIELD_PREP) | FIELD_PREP(TDMA_CTRL_DESNUM_MASK, num));
}

static bool tpu_hw_tiu_stopped(struct tpu_device *tdev)
{
	return tiu_rd(tdev, TIU_BD_CTRL_REG) & TIU_BD_CTRL_ERR_MASK;
}

/* Wait for the TDMA interrupt of a segment and check what it reported.
 * With watch_tiu, -ECANCELED: the TIU stopped on an error meanwhile. */
static int tpu_hw_wait_tdma(struct tpu_device *tdev, uint32_t seg, uint32_t num, bool watch_tiu)
{
	struct tpu_irq_rec rec;
	uint32_t id;
	int ret;

	ret = tpu_irq_wait(tdev, TPU_HW_TIMEOUT_NS, watch_tiu ? tpu_hw_tiu_stopped : NULL, &rec);
	if (ret == -ECANCELED)
		return ret;
	if (ret) {
		osal_err("tpu: run dmabuf timeout: segment %u, tdma interrupt never came (%u descriptors)",
			 seg, num);
		return -ETIMEDOUT;
	}
	if (rec.err) {
		osal_err("tpu: segment %u: tdma error status 0x%04x (sync_status=0x%08x)",
			 seg, rec.status, rec.sync_status);
		return -EIO;
	}
	id = FIELD_GET(TDMA_SYNC_STATUS_ID_MASK, rec.sync_status);
	if (id < num) {
		osal_err("tpu: segment %u: tdma interrupt but id %u < %u descriptors", seg, id, num);
		return -EIO;
	}
	return 0;
}

/* poll_cmdbuf_done, TIU half: bounded by time, not by iterations. */
static int tpu_hw_poll_tiu(struct tpu_device *tdev, uint32_t seg, uint32_t num)
{
	uint64_t start = osal_now_ns();
	uint32_t v;

	for (;;) {
		v = tiu_rd(tdev, TIU_BD_CTRL_REG);
		if (v & TIU_BD_CTRL_ERR_MASK) {
			tiu_wr(tdev, TIU_BD_CTRL_REG, v | TPU_TIU_BD_CTRL_W1C);
			osal_err("tpu: segment %u: tiu error (BD_CTRL=0x%08x)", seg, v);
			return -EIO;
		}
		if (FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, v) >= num &&
		    (v & TIU_BD_CTRL_INT_STATUS_MASK)) {
			tiu_wr(tdev, TIU_BD_CTRL_REG,
			       (v & ~TIU_BD_CTRL_ERR_MASK) | TIU_BD_CTRL_INT_STATUS_MASK);
			return 0;
		}
		if (osal_now_ns() - start >= TPU_HW_TIMEOUT_NS) {
			osal_err("tpu: segment %u: poll tiu timeout, BD_CTRL=0x%08x (%u descriptors)",
				 seg, v, num);
			return -ETIMEDOUT;
		}
		/* The TIU normally finishes within microseconds of the TDMA
		 * interrupt: spin briefly, then sleep 1 ms per look so a stalled
		 * TIU does not keep the hart busy for the whole timeout (the
		 * vendor spins for 60 s with the device lock held, 11.1-16). */
		if (osal_now_ns() - start < TPU_POLL_SPIN_NS)
			osal_cpu_relax();
		else
			osal_msleep(1);
	}
}

static int tpu_hw_run_segment(struct tpu_device *tdev, uint32_t seg,
			      const struct tpu_cpu_sync_desc *d)
{
	/* Ids are 16 bits: the vendor uses num & 0xFFFF. */
	uint32_t num_tiu = d->num_tiu & TPU_SYNC_ID_MAX;
	uint32_t num_tdma = d->num_tdma & TPU_SYNC_ID_MAX;
	int ret, tiu_ret;

	tpu_hw_resync_ids(tdev);
	tpu_irq_arm(tdev);

	/* TIU first: the two engines then wait on each other's ids. */
	if (num_tiu)
		tpu_hw_fire_tiu(tdev, d->offset_tiu);
	if (num_tdma)
		tpu_hw_fire_tdma(tdev, d->offset_tdma, num_tdma);

	ret = 0;
	if (num_tdma) {
		ret = tpu_hw_wait_tdma(tdev, seg, num_tdma, num_tiu != 0);
		/* -ECANCELED: the TIU stopped on an error while the TDMA
		 * waited for its ids; the TIU poll reports that error. */
		if (ret && ret != -ECANCELED)
			return ret;
	}
	if (num_tiu) {
		tiu_ret = tpu_hw_poll_tiu(tdev, seg, num_tiu);
		if (tiu_ret)
			return tiu_ret;
	}
	return ret ? -EIO : 0;
}

/* Disable the PMU and wait for its flush (EOPMU). */
static int tpu_hw_stop_pmu(struct tpu_device *tdev)
{
	struct tpu_irq_rec rec;

	tpu_irq_arm(tdev);
	tpu_pmu_disable(tdev);
	if (tpu_irq_wait(tdev, TPU_HW_TIMEOUT_NS, NULL, &rec)) {
		osal_err("tpu: stop pmu timeout");
		return -ETIMEDOUT;
	}
	if (rec.err) {
		osal_err("tpu: stop pmu: tdma error status 0x%04x", rec.status);
		return -EIO;
	}
	return 0;
}

/* Everything that can be checked without touching the hardware. */
static int tpu_hw_check_dmabuf(uint64_t paddr, uint64_t size, struct tpu_dma_hdr *hdr,
			       bool *pmu_on)
{
	int ret;

	/* The vendor only logs this; the descriptors' relocated addresses
	 * assume the buffer the runtime aligned, so refuse instead. */
	if (paddr & (TPU_DMABUF_ALIGN - 1)) {
		osal_err("tpu: dmabuf paddr=0x%llx not %u-byte aligned",
			 (unsigned long long)paddr, TPU_DMABUF_ALIGN);
		return -EINVAL;
	}
	if (size < sizeof(*hdr)) {
		osal_err("tpu: dmabuf of %llu bytes has no room for a header",
			 (unsigned long long)size);
		return -EINVAL;
	}
	ret = osal_dma_read(paddr, hdr, sizeof(*hdr));
	if (ret)
		return ret;
	if (hdr->dmabuf_magic_m != TPU_DMABUF_MAGIC_M) {
		osal_err("tpu: err dmabuf: magic 0x%04x (expected 0x%04x)", hdr->dmabuf_magic_m,
			 TPU_DMABUF_MAGIC_M);
		return -EINVAL;
	}
	/* The driver reads the segment descriptors itself: keep those reads
	 * inside the buffer the job holds a reference on. */
	if (hdr->cpu_desc_count > (size - TPU_DMABUF_HDR_SIZE) / TPU_CPU_DESC_SIZE) {
		osal_err("tpu: dmabuf declares %u segments, %llu bytes hold fewer",
			 hdr->cpu_desc_count, (unsigned long long)size);
		return -EINVAL;
	}
	return tpu_pmu_check(hdr, size, pmu_on);
}

int tpu_hw_run_one(struct tpu_device *tdev, uint64_t paddr, uint64_t size)
{
	struct tpu_dma_hdr hdr;
	struct tpu_cpu_sync_desc desc;
	unsigned int clocks;
	bool pmu_on = false;
	uint32_t i, rate;
	int ret;

	ret = tpu_hw_check_dmabuf(paddr, size, &hdr, &pmu_on);
	if (ret)
		return ret;

	/* platform_tpu_init: clocks on, then a reset pulse before every job. */
	clocks = tpu_hw_clk_enable(tdev);
	tpu_hw_reset_pulse(tdev);

	for (i = 0; i < TDMA_ARRAYBASE_L_COUNT; i++)
		tdma_wr(tdev, TDMA_ARRAYBASE_L_REG(i),
			FIELD_PREP(TDMA_ARRAYBASE_L_ADDR_MASK, hdr.arraybase[i].l));
	/* "Assume high bits always 0" (SG2002 DRAM is below 4 GiB). */
	for (i = 0; i < TDMA_ARRAYBASE_H_COUNT; i++)
		tdma_wr(tdev, TDMA_ARRAYBASE_H_REG(i), 0);

	if (pmu_on)
		tpu_pmu_enable(tdev, paddr + hdr.pmubuf_offset, hdr.pmubuf_size);

	for (i = 0; i < hdr.cpu_desc_count; i++) {
		ret = osal_dma_read(paddr + TPU_DMABUF_HDR_SIZE + (uint64_t)i * TPU_CPU_DESC_SIZE,
				    &desc, sizeof(desc));
		if (ret)
			break;
		ret = tpu_hw_run_segment(tdev, i, &desc);
		if (ret)
			break;
	}

	if (!ret && pmu_on)
		ret = tpu_hw_stop_pmu(tdev);

	if (!ret) {
		rate = (uint32_t)osal_clk_get_rate(tpu_clk_names[0]);
		ret = osal_dma_write(paddr + offsetof(struct tpu_dma_hdr, tpu_clk_rate), &rate,
				     sizeof(rate));
	}

	/* A failed job may leave an engine running (waiting on an id that
	 * never comes, or still moving data): stop it before the caller drops
	 * the buffer reference.  Then release the clocks in every case (the
	 * vendor skipped that after a timeout and leaked the enable count:
	 * 11.1-7). */
	if (ret)
		tpu_hw_reset_pulse(tdev);
	tpu_hw_clk_disable(tdev, clocks);
	return ret;
}
