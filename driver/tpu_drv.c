// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tpu_drv.c - probe/remove of the TPU device and its character device
 * /dev/cvi-tpu0 (open, release, ioctl, read, write).
 *
 * There is no per-open state: jobs are keyed by thread id, not by file,
 * and closing the device (or exiting) does not purge the caller's queued
 * or finished jobs (vendor behaviour; a queued job keeps its buffer alive
 * through its own reference, so the close is safe).
 */
#include "tpu/driver.h"
#include "tpu_drv.h"

/* The probed device (one TPU per SoC); also the chrdev's drvdata. */
static struct tpu_device *tpu_dev;

/* ---- file operations ----------------------------------------------------- */

static int tpu_open(struct osal_file *f)
{
	return 0;
}

static void tpu_release(struct osal_file *f)
{
	/* Nothing to undo: queued jobs run, results stay claimable by their
	 * thread until the done-list bound drops them. */
}

static long tpu_fop_ioctl(struct osal_file *f, unsigned int cmd, uint64_t arg)
{
	return tpu_ioctl(osal_file_drvdata(f), cmd, arg);
}

static int tpu_mmap(struct osal_file *f, struct osal_vma *vma)
{
	return -ENODEV;
}

static long tpu_read(struct osal_file *f, uint64_t ubuf, size_t len)
{
	return 0;
}

static long tpu_write(struct osal_file *f, uint64_t ubuf, size_t len)
{
	return 0;
}

static const struct osal_file_ops tpu_fops = {
	.open = tpu_open,
	.release = tpu_release,
	.ioctl = tpu_fop_ioctl,
	.mmap = tpu_mmap,
	.read = tpu_read,
	.write = tpu_write,
};

/* ---- probe / remove ------------------------------------------------------ */

static int tpu_map_window(const char *name, osal_iomem_t *base)
{
	uint64_t phys, size;
	int ret;

	ret = osal_platform_get_resource(name, &phys, &size);
	if (ret) {
		osal_err("tpu: no \"%s\" register window (%d)", name, ret);
		return ret;
	}
	*base = osal_ioremap(phys, size);
	if (!*base) {
		osal_err("tpu: cannot map \"%s\" at 0x%llx", name, (unsigned long long)phys);
		return -ENOMEM;
	}
	return 0;
}

int tpu_drv_probe(void)
{
	struct tpu_device *tdev;
	int ret;

	if (tpu_dev)
		return -EBUSY;

	tdev = osal_kzalloc(sizeof(*tdev));
	if (!tdev)
		return -ENOMEM;
	tpu_list_init(&tdev->task_list);
	tpu_list_init(&tdev->done_list);
	tdev->irq = -1;

	ret = tpu_map_window("tdma", &tdev->tdma);
	if (ret)
		goto err_free_tdev;
	ret = tpu_map_window("tiu", &tdev->tiu);
	if (ret)
		goto err_unmap_tdma;

	ret = -ENOMEM;
	tdev->task_lock = osal_spin_create("tpu.task_lock");
	if (!tdev->task_lock)
		goto err_unmap_tiu;
	tdev->done_lock = osal_spin_create("tpu.done_lock");
	if (!tdev->done_lock)
		goto err_destroy_task_lock;
	tdev->irq_lock = osal_spin_create("tpu.irq_lock");
	if (!tdev->irq_lock)
		goto err_destroy_done_lock;
	tdev->task_wq = osal_waitq_create("tpu.task_wq");
	if (!tdev->task_wq)
		goto err_destroy_irq_lock;
	tdev->done_wq = osal_waitq_create("tpu.done_wq");
	if (!tdev->done_wq)
		goto err_destroy_task_wq;

	/* Last of what the handler touches: its completion, then the line
	 * (or polling when there is none). */
	ret = tpu_irq_setup(tdev);
	if (ret)
		goto err_destroy_done_wq;

	tdev->worker = osal_kthread_run(tpu_job_worker, tdev, "cvitask_tpu_wor");
	if (!tdev->worker) {
		ret = -ENOMEM;
		goto err_teardown_irq;
	}

	/* Last: from here user space can reach the device. */
	ret = osal_register_chrdev(TPU_DEV_PATH, &tpu_fops, tdev);
	if (ret)
		goto err_stop_worker;

	tpu_dev = tdev;
	osal_info("tpu: %s ready (%s)", TPU_DEV_PATH,
		  tdev->irq_requested ? "tdma interrupt" : "polling");
	return 0;

err_stop_worker:
	osal_kthread_stop(tdev->worker);
err_teardown_irq:
	tpu_irq_teardown(tdev);
err_destroy_done_wq:
	osal_waitq_destroy(tdev->done_wq);
err_destroy_task_wq:
	osal_waitq_destroy(tdev->task_wq);
err_destroy_irq_lock:
	osal_spin_destroy(tdev->irq_lock);
err_destroy_done_lock:
	osal_spin_destroy(tdev->done_lock);
err_destroy_task_lock:
	osal_spin_destroy(tdev->task_lock);
err_unmap_tiu:
	osal_iounmap(tdev->tiu);
err_unmap_tdma:
	osal_iounmap(tdev->tdma);
err_free_tdev:
	osal_kfree(tdev);
	return ret;
}

/*
 * The host calls this with no ioctl in progress (no thread inside SUBMIT's
 * throttle or WAIT).  A job the worker is running is allowed to finish:
 * kthread_stop only interrupts the worker's idle wait, never a hardware
 * wait, so the engines are quiet before the buffers are released.
 */
void tpu_drv_remove(void)
{
	struct tpu_device *tdev = tpu_dev;

	if (!tdev)
		return;
	tpu_dev = NULL;

	osal_unregister_chrdev(TPU_DEV_PATH);
	osal_kthread_stop(tdev->worker);
	tdev->worker = NULL;
	tpu_irq_teardown(tdev);

	/* Drop what nobody will run or claim; releases buffer references. */
	tpu_job_flush(tdev);
	tpu_done_flush(tdev);

	osal_waitq_destroy(tdev->done_wq);
	osal_waitq_destroy(tdev->task_wq);
	osal_spin_destroy(tdev->irq_lock);
	osal_spin_destroy(tdev->done_lock);
	osal_spin_destroy(tdev->task_lock);
	osal_iounmap(tdev->tiu);
	osal_iounmap(tdev->tdma);
	osal_kfree(tdev);
	osal_info("tpu: removed");
}
