/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_lx_dev_mod.c - a small platform driver on the layer's headers,
 * for check_lx_dev: it probes the simulated TPU device ("cvitek,tpu"),
 * maps the TDMA window, reads and writes registers, makes the TDMA raise
 * its interrupt and takes it, gets clocks, creates /dev/lxtest0 and
 * /proc/lxtest/value, and serves ioctls that move data in and out and
 * import dma-bufs.  Everything it sees goes into lxt_rec.
 */
#include <linux/cdev.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/dma-buf.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <string.h>

#include "ion.h"
#include "tpu/os.h"

#include "check_lx_dev.h"

_Static_assert(_IOWR('L', 1, struct lxt_xfer) == LXT_IOC_XFER, "xfer ioctl encoding");
_Static_assert(_IOW('L', 2, char[16]) == LXT_IOC_BADCOPY, "badcopy ioctl encoding");
_Static_assert(_IO('L', 3) == LXT_IOC_BADREAD, "badread ioctl encoding");
_Static_assert(_IOW('L', 4, int) == LXT_IOC_PUT, "put ioctl encoding");
_Static_assert(_IOW('L', 5, int) == LXT_IOC_KPUT, "kput ioctl encoding");

/* TDMA registers (regs/tdma.yaml). */
#define LXT_TDMA_CTRL 0x000
#define LXT_TDMA_DES_BASE 0x004
#define LXT_TDMA_INT_MASK 0x008

struct lxt_dev {
	struct device *dev;
	u8 __iomem *tdma;
	struct cdev cdev;
	dev_t devt;
	struct class *cls;
	struct proc_dir_entry *proc_dir;
	unsigned int value;           /* /proc/lxtest/value */
	bool irq_requested;
};

struct lxt_record lxt_rec;

static irqreturn_t lxt_irq(int irq, void *data)
{
	struct lxt_dev *d = data;
	u32 st = readl(d->tdma + LXT_TDMA_INT_MASK);

	if (!lxt_rec.irq_runs++)
		lxt_rec.irq_status = st;
	/* Status is write-1-to-clear in the high half; the low half is the mask. */
	writel(0xFFFF0000u, d->tdma + LXT_TDMA_INT_MASK);
	writel(0, d->tdma + LXT_TDMA_CTRL);
	return IRQ_HANDLED;
}

static int lxt_open(struct inode *inode, struct file *filp)
{
	filp->private_data = container_of(inode->i_cdev, struct lxt_dev, cdev);
	return 0;
}

static int lxt_release(struct inode *inode, struct file *filp)
{
	filp->private_data = NULL;
	return 0;
}

static long lxt_xfer(unsigned long arg)
{
	struct lxt_xfer x;
	struct dma_buf *db;
	struct ion_buffer *ib;
	int ret;

	if (copy_from_user(&x, (void __user *)arg, sizeof(x)))
		return -EFAULT;
	x.out = x.in + 1;
	if (x.fd >= 0) {
		db = dma_buf_get(x.fd);
		if (IS_ERR(db))
			return PTR_ERR(db);
		ret = dma_buf_begin_cpu_access(db, DMA_TO_DEVICE);
		if (ret) {
			dma_buf_put(db);
			return ret;
		}
		ib = db->priv;
		memcpy(&x.word, ib->vaddr, sizeof(x.word));
		dma_buf_end_cpu_access(db, DMA_TO_DEVICE);
		dma_buf_put(db);
	}
	if (copy_to_user((void __user *)arg, &x, sizeof(x)))
		return -EFAULT;
	return 0;
}

/* A kernel thread's put (the vendor worker's): deferred to the layer's
 * fput worker, a jiffy later. */
static int lxt_kput(void *arg)
{
	struct dma_buf *db = arg;

	dma_buf_put(db);
	lxt_rec.kput_size = db->size;
	return 0;
}

static long lxt_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct lxt_dev *d = filp->private_data;
	unsigned char buf[16];
	struct dma_buf *db;
	int fd;
	size_t i;

	switch (cmd) {
	case LXT_IOC_XFER:
		return lxt_xfer(arg);
	case LXT_IOC_BADCOPY:
		memset(buf, 0xAA, sizeof(buf));
		lxt_rec.badcopy_ret = copy_from_user(buf, (void __user *)arg, sizeof(buf));
		lxt_rec.badcopy_zeroed = 1;
		for (i = 0; i < sizeof(buf); i++)
			lxt_rec.badcopy_zeroed &= buf[i] == 0;
		return 0;
	case LXT_IOC_BADREAD:
		/* One past the 4 KiB TDMA window: no mapping holds it. */
		return (long)readl(d->tdma + 0x1000);
	case LXT_IOC_PUT:
		if (get_user(fd, (int __user *)arg))
			return -EFAULT;
		db = dma_buf_get(fd);
		if (IS_ERR(db))
			return PTR_ERR(db);
		dma_buf_put(db);
		/* Still valid: the final put waits for the return to user space. */
		lxt_rec.put_size = db->size;
		lxt_rec.put_count = file_count(db->file);
		return 0;
	case LXT_IOC_KPUT: {
		osal_thread_t *t;

		if (get_user(fd, (int __user *)arg))
			return -EFAULT;
		db = dma_buf_get(fd);
		if (IS_ERR(db))
			return PTR_ERR(db);
		t = osal_kthread_run(lxt_kput, db, "lxt_kput");
		if (!t) {
			dma_buf_put(db);
			return -ENOMEM;
		}
		return osal_kthread_stop(t);
	}
	default:
		return -ENOTTY;
	}
}

static const struct file_operations lxt_fops = {
	.owner = THIS_MODULE,
	.open = lxt_open,
	.release = lxt_release,
	.unlocked_ioctl = lxt_ioctl,
};

static int lxt_show(struct seq_file *m, void *v)
{
	struct lxt_dev *d = m->private;

	seq_printf(m, "value=%u\n", d->value);
	return 0;
}

static int lxt_proc_open(struct inode *inode, struct file *file)
{
	return single_open(file, lxt_show, PDE_DATA(inode));
}

static ssize_t lxt_proc_write(struct file *file, const char __user *ubuf, size_t count,
			      loff_t *ppos)
{
	struct lxt_dev *d = PDE_DATA(file_inode(file));
	unsigned int v;
	int ret = kstrtouint_from_user(ubuf, count, 0, &v);

	if (ret)
		return ret;
	d->value = v;
	return (ssize_t)count;
}

static const struct proc_ops lxt_proc_ops = {
	.proc_open = lxt_proc_open,
	.proc_read = seq_read,
	.proc_write = lxt_proc_write,
	.proc_release = single_release,
};

static int lxt_probe(struct platform_device *pdev)
{
	struct lxt_dev *d;
	struct resource *res;
	struct clk *axi;
	struct device *node;
	int ret, i;

	d = devm_kzalloc(&pdev->dev, sizeof(*d), 0);  /* GFP_KERNEL: slab.h is not needed here */
	if (!d)
		return -ENOMEM;
	d->dev = &pdev->dev;
	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, "tdma");
	if (!res)
		return -ENXIO;
	d->tdma = devm_ioremap_resource(&pdev->dev, res);
	if (IS_ERR(d->tdma))
		return PTR_ERR(d->tdma);
	lxt_rec.remap_busy = PTR_ERR(devm_ioremap_resource(&pdev->dev, res));
	lxt_rec.remap_null = PTR_ERR(devm_ioremap_resource(&pdev->dev, NULL));
	lxt_rec.int_mask_read = readl(d->tdma + LXT_TDMA_INT_MASK);
	writel(0x5a5a0000u, d->tdma + LXT_TDMA_DES_BASE);
	lxt_rec.des_base_readback = readl(d->tdma + LXT_TDMA_DES_BASE);

	lxt_rec.clk_missing = PTR_ERR(devm_clk_get(&pdev->dev, "clk_none"));
	axi = devm_clk_get(&pdev->dev, "clk_tpu_axi");
	if (IS_ERR(axi))
		return PTR_ERR(axi);
	ret = clk_prepare_enable(axi);
	if (ret)
		return ret;
	lxt_rec.axi_rate = clk_get_rate(axi);
	clk_disable_unprepare(axi);

	/* A descriptor fetch from address 0, outside DRAM: the TDMA stops
	 * with a bus error and holds its interrupt line high. */
	writel(0, d->tdma + LXT_TDMA_DES_BASE);
	writel(0x2723u | (1u << 16), d->tdma + LXT_TDMA_CTRL);
	lxt_rec.irq0 = platform_get_irq(pdev, 0);
	lxt_rec.irq2 = platform_get_irq(pdev, 2);
	lxt_rec.tdma_irq = platform_get_irq(pdev, 1);
	if (lxt_rec.tdma_irq < 0)
		return lxt_rec.tdma_irq;
	ret = devm_request_irq(&pdev->dev, lxt_rec.tdma_irq, lxt_irq, 0, "lxtest", d);
	if (ret)
		return ret;
	for (i = 0; i < 1000 && !lxt_rec.irq_runs; i++)
		cpu_relax();

	d->cls = class_create(THIS_MODULE, "lxtest");
	if (IS_ERR(d->cls))
		return PTR_ERR(d->cls);
	ret = alloc_chrdev_region(&d->devt, 0, 1, "lxtest");
	if (ret)
		goto err_class;
	cdev_init(&d->cdev, &lxt_fops);
	d->cdev.owner = THIS_MODULE;
	ret = cdev_add(&d->cdev, d->devt, 1);
	if (ret)
		goto err_region;
	node = device_create(d->cls, &pdev->dev, d->devt, NULL, "%s%d", "lxtest", 0);
	if (IS_ERR(node)) {
		ret = PTR_ERR(node);
		goto err_cdev;
	}
	d->proc_dir = proc_mkdir("lxtest", NULL);
	if (!proc_create_data("value", 0644, d->proc_dir, &lxt_proc_ops, d)) {
		ret = -ENOMEM;
		goto err_node;
	}
	platform_set_drvdata(pdev, d);
	lxt_rec.probed = 1;
	dev_info(&pdev->dev, "lxtest probed");
	return 0;

err_node:
	proc_remove(d->proc_dir);
	device_destroy(d->cls, d->devt);
err_cdev:
	cdev_del(&d->cdev);
err_region:
	unregister_chrdev_region(d->devt, 1);
err_class:
	class_destroy(d->cls);
	return ret;
}

static int lxt_remove(struct platform_device *pdev)
{
	struct lxt_dev *d = platform_get_drvdata(pdev);

	proc_remove(d->proc_dir);
	device_destroy(d->cls, d->devt);
	cdev_del(&d->cdev);
	unregister_chrdev_region(d->devt, 1);
	class_destroy(d->cls);
	lxt_rec.removed = 1;
	return 0;
}

/* System sleep: the callbacks SIMPLE_DEV_PM_OPS fills under
 * CONFIG_PM_SLEEP (the layer's configuration, linux/kconfig.h), each
 * checking that it got the bound device, as a driver's drvdata lookup
 * assumes. */
#ifdef CONFIG_PM_SLEEP
static int lxt_pm_dev(struct device *dev)
{
	struct lxt_dev *d = platform_get_drvdata(to_platform_device(dev));

	return d && d->cls;
}

static int lxt_suspend(struct device *dev)
{
	lxt_rec.suspends++;
	lxt_rec.pm_dev_ok += lxt_pm_dev(dev);
	return lxt_rec.suspend_ret;
}

static int lxt_resume(struct device *dev)
{
	lxt_rec.resumes++;
	lxt_rec.pm_dev_ok += lxt_pm_dev(dev);
	return 0;
}
#endif

static SIMPLE_DEV_PM_OPS(lxt_pm_ops, lxt_suspend, lxt_resume);

static const struct of_device_id lxt_match[] = {
	{.compatible = "cvitek,tpu"},
	{},
};

static struct platform_driver lxt_driver = {
	.probe = lxt_probe,
	.remove = lxt_remove,
	.driver = {
		.owner = THIS_MODULE,
		.name = "lxtest",
		.pm = &lxt_pm_ops,
		.of_match_table = lxt_match,
	},
};
module_platform_driver(lxt_driver);
MODULE_LICENSE("GPL");
