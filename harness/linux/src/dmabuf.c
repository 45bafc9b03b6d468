/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dmabuf.c - dma-buf import of the platform's ION buffer files.
 *
 * A dma_buf object exists for a buffer file while the kernel holds
 * references to it through dma_buf_get; each get holds one reference to
 * the sim-OS file.  dma_buf_put defers its file put, as fput defers the
 * final __fput in Linux: a user thread's puts run when its system call
 * returns (fs.c, lx_kpath), other puts (kernel threads, interrupts) run
 * on the lx_fput worker one jiffy later (delayed_fput).  Until then the
 * object, its file and its ion_buffer stay valid; after the last one the
 * object is freed, so a later use is a use after free for the kernel
 * heap and ASan.
 */
#include <linux/dma-buf.h>
#include <linux/string.h>
#include <linux/types.h>

#include "staging/android/ion/ion.h"
#include "lx_dev.h"

/* One jiffy at the assumed CONFIG_HZ=250 (the sim-OS's time slice). */
#define LX_FPUT_DELAY_MS 4

struct lx_dmabuf_ref {
	struct dma_buf *db;
	uint64_t tid;                 /* deferred to this thread's return; 0: worker */
	struct lx_dmabuf_ref *next;
};

struct lx_dmabuf_obj {
	struct dma_buf db;
	struct file file;
	struct ion_buffer ion;
	void *kview_was;	/* the kernel view as mapped: what the kernel changed */
};

struct sg_table {
	unsigned int nents;
};

static struct dma_buf *lx_dmabufs;
static struct lx_dmabuf_ref *lx_deferred;    /* oldest first */
static osal_waitq_t *lx_fput_wq;
static osal_thread_t *lx_fput_thread;

static struct lx_dmabuf_obj *lx_obj(struct dma_buf *db)
{
	return container_of(db, struct lx_dmabuf_obj, db);
}

struct dma_buf *dma_buf_get(int fd)
{
	struct osal_file *of = osal_fget(fd);
	struct lx_dmabuf_ref *ref;
	struct lx_dmabuf_obj *o;
	struct dma_buf *db;
	uint64_t pa, size;

	if (!of)
		return ERR_PTR(-EBADF);
	if (lx_ion_file_range(of, &pa, &size)) {
		osal_fput(of);
		return ERR_PTR(-EINVAL);
	}
	ref = osal_kzalloc(sizeof(*ref));
	if (!ref) {
		osal_fput(of);
		return ERR_PTR(-ENOMEM);
	}
	for (db = lx_dmabufs; db && db->lx_osal != of; db = db->lx_next)
		;
	if (!db) {
		o = osal_kzalloc(sizeof(*o));
		if (!o) {
			osal_kfree(ref);
			osal_fput(of);
			return ERR_PTR(-ENOMEM);
		}
		db = &o->db;
		o->ion.size = size;
		o->ion.paddr = pa;
		o->file.lx_file = of;
		db->size = size;
		db->file = &o->file;
		db->priv = &o->ion;
		db->name = "ion";
		db->lx_osal = of;
		db->lx_next = lx_dmabufs;
		lx_dmabufs = db;
	}
	db->lx_refs++;
	db->file->f_count++;
	ref->db = db;
	ref->next = db->lx_held;
	db->lx_held = ref;
	return db;
}

static bool lx_worker_due(void *arg)
{
	struct lx_dmabuf_ref *r;

	(void)arg;
	if (osal_kthread_should_stop())
		return true;
	for (r = lx_deferred; r; r = r->next)
		if (!r->tid)
			return true;
	return false;
}

void dma_buf_put(struct dma_buf *db)
{
	struct lx_dmabuf_ref *ref, **pp;

	if (IS_ERR_OR_NULL(db) || !db->file) {
		osal_kernel_bug("dma_buf_put(%p): not a dma-buf", (void *)db);
		return;
	}
	ref = db->lx_held;
	if (!ref) {
		osal_kernel_bug("dma_buf_put(%p): more puts than gets", (void *)db);
		return;
	}
	db->lx_held = ref->next;
	db->file->f_count--;
	ref->tid = lx_in_syscall() ? osal_current_tid() : 0;
	ref->next = NULL;
	for (pp = &lx_deferred; *pp; pp = &(*pp)->next)
		;
	*pp = ref;
	if (!ref->tid && lx_fput_wq)
		osal_wake_up_all(lx_fput_wq);
}

/* One deferred put: the file reference goes, and the object with its
 * last reference. */
static void lx_put_now(struct lx_dmabuf_ref *ref)
{
	struct dma_buf *db = ref->db, **pp;
	struct osal_file *of = db->lx_osal;

	osal_kfree(ref);
	if (--db->lx_refs == 0) {
		for (pp = &lx_dmabufs; *pp != db; pp = &(*pp)->lx_next)
			;
		*pp = db->lx_next;
		if (lx_obj(db)->ion.kmap_cnt)
			osal_kernel_bug("dma-buf released with kmap_cnt %d (begin_cpu_access without end)",
					lx_obj(db)->ion.kmap_cnt);
		osal_kfree(lx_obj(db));
	}
	osal_fput(of);
}

static void lx_run(bool all, uint64_t tid)
{
	struct lx_dmabuf_ref **pp, *ref;

	/* osal_fput may switch threads: unlink one, then look again. */
	for (;;) {
		for (pp = &lx_deferred; *pp && !all && (*pp)->tid != tid; pp = &(*pp)->next)
			;
		if (!*pp)
			return;
		ref = *pp;
		*pp = ref->next;
		lx_put_now(ref);
	}
}

void lx_dmabuf_run_deferred(uint64_t tid)
{
	lx_run(false, tid);
}

static int lx_fput_main(void *arg)
{
	(void)arg;
	while (!osal_kthread_should_stop()) {
		osal_wait_event(lx_fput_wq, lx_worker_due, NULL, OSAL_WAIT_FOREVER, true);
		if (osal_kthread_should_stop())
			break;
		osal_msleep(LX_FPUT_DELAY_MS);
		lx_run(false, 0);
	}
	lx_run(false, 0);
	return 0;
}

int lx_dmabuf_init(void)
{
	lx_fput_wq = osal_waitq_create("lx_fput");
	if (!lx_fput_wq)
		return -ENOMEM;
	lx_fput_thread = osal_kthread_run(lx_fput_main, NULL, "lx_fput");
	if (!lx_fput_thread) {
		osal_waitq_destroy(lx_fput_wq);
		lx_fput_wq = NULL;
		return -ENOMEM;
	}
	return 0;
}

void lx_dmabuf_exit(void)
{
	if (lx_fput_thread)
		osal_kthread_stop(lx_fput_thread);
	lx_fput_thread = NULL;
	if (lx_fput_wq)
		osal_waitq_destroy(lx_fput_wq);
	lx_fput_wq = NULL;
	lx_run(true, 0);
}

/* ---- CPU access (ION: kmap while kmap_cnt > 0) ----------------------- */

/*
 * The kernel mapping of a cached ION buffer is cacheable, and the C906's
 * cache is physically tagged: the kernel sees the CPU's dirty lines (a
 * command buffer header the runtime patched without a flush) while the
 * engines see DRAM.  So the mapping is a view read through the cache model
 * when CPU access begins, and the bytes the kernel changed in it are
 * written through the cache model when it ends; DRAM is not written back
 * on the way, so a missing flush still reaches the engines stale.
 * ASSUMED: between begin and end only the kernel changes what it reads
 * through the mapping (the vendor driver reads the header at submit and
 * when the job starts, and writes its clock rate into it).
 */
int dma_buf_begin_cpu_access(struct dma_buf *db, enum dma_data_direction dir)
{
	struct lx_dmabuf_obj *o = lx_obj(db);
	struct ion_buffer *b = db->priv;

	(void)dir;
	osal_might_sleep("dma_buf_begin_cpu_access");
	if (b->kmap_cnt == 0) {
		void *view = osal_kzalloc(b->size);
		void *was = view ? osal_kzalloc(b->size) : NULL;

		if (!was || osal_dma_read(b->paddr, view, b->size)) {
			osal_kfree(view);
			osal_kfree(was);
			return -ENOMEM;
		}
		memcpy(was, view, b->size);
		b->vaddr = view;
		o->kview_was = was;
	}
	b->kmap_cnt++;
	return 0;
}

int dma_buf_end_cpu_access(struct dma_buf *db, enum dma_data_direction dir)
{
	struct lx_dmabuf_obj *o = lx_obj(db);
	struct ion_buffer *b = db->priv;

	(void)dir;
	osal_might_sleep("dma_buf_end_cpu_access");
	if (b->kmap_cnt <= 0) {
		osal_kernel_bug("dma_buf_end_cpu_access: kmap_cnt %d", b->kmap_cnt);
		return 0;
	}
	if (--b->kmap_cnt == 0) {
		const uint8_t *now = b->vaddr, *was = o->kview_was;
		size_t i = 0, j;

		while (i < b->size) {
			if (now[i] == was[i]) {
				i++;
				continue;
			}
			for (j = i; j < b->size && now[j] != was[j]; j++)
				;
			osal_dma_write(b->paddr + i, now + i, j - i);
			i = j;
		}
		osal_kfree(b->vaddr);
		osal_kfree(o->kview_was);
		b->vaddr = NULL;
		o->kview_was = NULL;
	}
	return 0;
}

/* ---- attachments: cache maintenance of the whole buffer --------------- */

struct dma_buf_attachment *dma_buf_attach(struct dma_buf *db, struct device *dev)
{
	struct dma_buf_attachment *a;

	osal_might_sleep("dma_buf_attach");
	if (IS_ERR_OR_NULL(db) || !dev)
		return ERR_PTR(-EINVAL);
	a = osal_kzalloc(sizeof(*a));
	if (!a)
		return ERR_PTR(-ENOMEM);
	a->dmabuf = db;
	a->dev = dev;
	return a;
}

void dma_buf_detach(struct dma_buf *db, struct dma_buf_attachment *a)
{
	osal_might_sleep("dma_buf_detach");
	if (IS_ERR_OR_NULL(a) || a->dmabuf != db) {
		osal_kernel_bug("dma_buf_detach: attachment %p is not of dma-buf %p", (void *)a,
				(void *)db);
		return;
	}
	osal_kfree(a);
}

struct sg_table *dma_buf_map_attachment(struct dma_buf_attachment *a,
					enum dma_data_direction dir)
{
	struct ion_buffer *b = a->dmabuf->priv;
	struct sg_table *t;

	osal_might_sleep("dma_buf_map_attachment");
	t = osal_kzalloc(sizeof(*t));
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->nents = 1;
	/* dma_map_sgtable: TO_DEVICE cleans, FROM_DEVICE invalidates,
	 * BIDIRECTIONAL does both (the invalidate writes back first). */
	if (dir == DMA_TO_DEVICE)
		osal_dma_sync_for_device(b->paddr, b->size);
	else if (dir != DMA_NONE)
		osal_dma_sync_for_cpu(b->paddr, b->size);
	return t;
}

void dma_buf_unmap_attachment(struct dma_buf_attachment *a, struct sg_table *t,
			      enum dma_data_direction dir)
{
	struct ion_buffer *b = a->dmabuf->priv;

	osal_might_sleep("dma_buf_unmap_attachment");
	/* dma_unmap_sgtable: the CPU's view is invalidated again after the device wrote. */
	if (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL)
		osal_dma_sync_for_cpu(b->paddr, b->size);
	if (!IS_ERR_OR_NULL(t))
		osal_kfree(t);
}
