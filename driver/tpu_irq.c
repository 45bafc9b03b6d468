// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_irq.c - the TDMA interrupt: handler, and the polling fallback used
 * when the line cannot be requested.
 *
 * The line is level-high while STATUS & ~MASK != 0 (the C906 core has no
 * edge interrupts), so the handler must clear the status itself or it runs
 * again forever.  It always does, whether or not a file is open (the
 * vendor ISR returned early with no open fd, leaving the line high: 11.1-6).
 *
 * Only the worker waits on tdma_done, and only one hardware wait is in
 * progress at a time (one worker), so one record and one completion do.
 */
#include <string.h>

#include "tpu/bits.h"
#include "tpu/tdma_regs.h"
#include "tpu_drv.h"

/* Status values that report progress rather than a fault. */
#define TPU_TDMA_INT_DONE_BITS  (TDMA_INT_MASK_STATUS_VAL_EOD | TDMA_INT_MASK_STATUS_VAL_EOPMU)

/*
 * Look at the TDMA interrupt register; if it holds an unmasked status,
 * record it with SYNC_STATUS, clear it, and complete the worker's wait.
 * Returns true when something was serviced.  Called from the handler
 * (interrupt context) and from the worker's polling paths; all it does is
 * MMIO, an irqsave spinlock and complete(), which are legal in both.
 */
static bool tpu_irq_service(struct tpu_device *tdev)
{
	uint32_t v, status, mask, err, sync;
	unsigned long flags;

	v = osal_readl(tdev->tdma, TDMA_INT_MASK_REG);
	status = FIELD_GET(TDMA_INT_MASK_STATUS_MASK, v);
	mask = FIELD_GET(TDMA_INT_MASK_MASK_MASK, v);
	if (!status)
		return false;
	/* Masked bits do not drive the line: a status made only of them (the
	 * ZERO bit 0x20 the driver masks while a run is going) is not an
	 * interrupt.  Leave it for the next job's resync to clear. */
	if (!(status & ~mask))
		return false;

	/* Errors are the unmasked bits other than EOD/EOPMU; the ZERO bit is
	 * ignored only while masked, exactly like every other masked bit. */
	err = status & ~mask & ~TPU_TDMA_INT_DONE_BITS;
	sync = osal_readl(tdev->tdma, TDMA_SYNC_STATUS_REG);
	/*
	 * Acknowledge exactly the status bits read and write the mask back as
	 * read, as Linux v3d does (V3D_WRITE(INT_CLR, intsts)).  This deviates
	 * from the vendor's 0xFFFF0000, which clears every status bit and
	 * zeroes the mask: a bit the engine raises between the read above and
	 * this write would be cleared unseen (the engine runs on meanwhile;
	 * in the sim-OS every MMIO access is a scheduling point, so the
	 * window is real there too), and the ZERO bit would be unmasked for
	 * the rest of the run.  A bit not acknowledged here keeps the level
	 * line high, so the handler runs again for it.
	 */
	osal_writel(tdev->tdma, TDMA_INT_MASK_REG,
		    FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, status) |
		    FIELD_PREP(TDMA_INT_MASK_MASK_MASK, mask));

	flags = osal_spin_lock_irqsave(tdev->irq_lock);
	tdev->irq_rec.status |= status;
	tdev->irq_rec.err |= err;
	tdev->irq_rec.sync_status = sync;
	tdev->irq_rec.count++;
	tdev->irq_rec.seen = true;
	osal_spin_unlock_irqrestore(tdev->irq_lock, flags);

	if (err)
		osal_warn("tpu: tdma interrupt with error status=0x%04x (int_mask=0x%08x sync_status=0x%08x)",
			  status, v, sync);
	osal_complete(tdev->tdma_done);
	return true;
}

static enum osal_irqreturn tpu_irq_handler(int irq, void *arg)
{
	struct tpu_device *tdev = arg;

	return tpu_irq_service(tdev) ? OSAL_IRQ_HANDLED : OSAL_IRQ_NONE;
}

int tpu_irq_setup(struct tpu_device *tdev)
{
	int irq, ret;

	tdev->irq = -1;
	tdev->irq_requested = false;

	/* The handler completes it, so it exists before the line does. */
	tdev->tdma_done = osal_completion_create("tpu.tdma_done");
	if (!tdev->tdma_done)
		return -ENOMEM;

	/* Not getting the line is not an error: the worker polls instead. */
	irq = osal_platform_get_irq("tdma_irq");
	if (irq < 0) {
		osal_warn("tpu: no tdma_irq (%d), polling the TDMA status instead", irq);
		return 0;
	}
	ret = osal_request_irq(irq, tpu_irq_handler, tdev, "cvi-tpu-tdma");
	if (ret) {
		osal_warn("tpu: request_irq(%d) failed (%d), polling the TDMA status instead",
			  irq, ret);
		return 0;
	}
	tdev->irq = irq;
	tdev->irq_requested = true;
	return 0;
}

void tpu_irq_teardown(struct tpu_device *tdev)
{
	if (tdev->irq_requested)
		osal_free_irq(tdev->irq, tdev);
	tdev->irq_requested = false;
	tdev->irq = -1;
	/* No handler can run now, and the worker (its only waiter) stopped. */
	osal_completion_destroy(tdev->tdma_done);
	tdev->tdma_done = NULL;
}

void tpu_irq_arm(struct tpu_device *tdev)
{
	unsigned long flags;

	/* Called before the engine is fired, so no interrupt of this wait can
	 * be lost between the two steps; anything older is forgotten. */
	flags = osal_spin_lock_irqsave(tdev->irq_lock);
	memset(&tdev->irq_rec, 0, sizeof(tdev->irq_rec));
	osal_spin_unlock_irqrestore(tdev->irq_lock, flags);
	osal_reinit_completion(tdev->tdma_done);
}

/* No interrupt line: poll the status register, bounded by time.  A short
 * busy phase keeps short segments fast; then sleep 1 ms per step so the
 * single hart is not monopolised during long runs. */
static bool tpu_irq_poll(struct tpu_device *tdev, uint64_t timeout_ns, tpu_irq_look_fn look,
			 bool *stopped)
{
	uint64_t start = osal_now_ns();
	uint64_t now;

	for (;;) {
		if (tpu_irq_service(tdev))
			return true;
		now = osal_now_ns();
		if (now - start >= timeout_ns)
			return false;
		if (now - start < TPU_POLL_SPIN_NS) {
			osal_cpu_relax();
			continue;
		}
		/* Sleeping steps are 1 ms, the look's period anyway. */
		if (look && look(tdev)) {
			*stopped = true;
			return false;
		}
		osal_msleep(1);
	}
}

/* Sleep until the interrupt's completion, for at most timeout_ns; with a
 * look, in TPU_HW_LOOK_NS slices with a look after each. */
static bool tpu_irq_sleep(struct tpu_device *tdev, uint64_t timeout_ns, tpu_irq_look_fn look,
			  bool *stopped)
{
	uint64_t start, spent, slice;

	if (!look)
		return osal_wait_for_completion(tdev->tdma_done, timeout_ns, false) > 0;
	start = osal_now_ns();
	for (;;) {
		spent = osal_now_ns() - start;
		if (spent >= timeout_ns)
			return false;
		slice = timeout_ns - spent;
		if (slice > TPU_HW_LOOK_NS)
			slice = TPU_HW_LOOK_NS;
		if (osal_wait_for_completion(tdev->tdma_done, slice, false) > 0)
			return true;
		if (look(tdev)) {
			*stopped = true;
			return false;
		}
	}
}

int tpu_irq_wait(struct tpu_device *tdev, uint64_t timeout_ns, tpu_irq_look_fn look,
		 struct tpu_irq_rec *rec)
{
	unsigned long flags;
	bool stopped = false;
	bool done;

	if (tdev->irq_requested) {
		/* Not interruptible: the worker must not abandon a running
		 * engine (remove waits for the job instead). */
		done = tpu_irq_sleep(tdev, timeout_ns, look, &stopped);
		if (!done && !stopped && tpu_irq_service(tdev)) {
			/* Level status set but never delivered: a lost
			 * interrupt.  Take the result rather than fail a job
			 * the hardware finished. */
			osal_warn("tpu: tdma interrupt not delivered, status found by polling");
			done = true;
		}
	} else {
		done = tpu_irq_poll(tdev, timeout_ns, look, &stopped);
	}

	flags = osal_spin_lock_irqsave(tdev->irq_lock);
	*rec = tdev->irq_rec;
	osal_spin_unlock_irqrestore(tdev->irq_lock, flags);
	if (stopped)
		return -ECANCELED;
	return done ? 0 : -ETIMEDOUT;
}
