// SPDX-License-Identifier: Apache-2.0
//
// vfs.cpp - files, fd tables and user memory of the POSIX host, with the
// file half of os.h and the user-side system calls (tpu/hx_sys.h).
//
// fd lookups are lock-free (an fd slot is an atomic pointer, a file's
// count is taken only while it is not zero), so threads of one process
// that only use their fds do not order each other through the host;
// install and close take the process's fd lock.  User heap regions are
// host memory, mmaps of DMA buffers go to DRAM through the SystemC thread.
#include <time.h>

#include <cstring>
#include <mutex>

#include "host_impl.h"
#include "lockdep.h"
#include "tpu/hwcfg.h"
#include "tpu/hx_sys.h"

namespace tpusim {
namespace posix {

namespace {

constexpr uint64_t kPage = TPU_DRAM_PAGE_SIZE;

struct Chrdev {
	const osal_file_ops *ops;
	void *drvdata;
};

std::mutex g_chrdev_mutex;
std::map<std::string, Chrdev> g_chrdevs;
std::atomic<int64_t> g_live_files{0};
std::atomic<osal_file *> g_graveyard{nullptr};

uint64_t page_round(uint64_t n)
{
	return (n + kPage - 1) / kPage * kPage;
}

Process *proc()
{
	return current()->proc;
}

} // namespace

osal_file *file_new(const osal_file_ops *ops, void *drvdata, void *priv, const std::string &name)
{
	auto *f = new osal_file;

	f->ops = ops;
	f->drvdata = drvdata;
	f->priv = priv;
	f->name = name;
	g_live_files.fetch_add(1, std::memory_order_relaxed);
	return f;
}

int fd_install(Process *p, osal_file *f)
{
	int fd = -EMFILE;

	pthread_mutex_lock(&p->fd_lock);
	for (int i = 0; i < Process::kMaxFds; i++)
		if (!p->fds[i].load(std::memory_order_relaxed)) {
			p->fds[i].store(f, std::memory_order_release);
			fd = i;
			break;
		}
	pthread_mutex_unlock(&p->fd_lock);
	return fd;
}

// A reference taken only while the count is not zero: a file whose last
// reference is being dropped is no longer there.
osal_file *file_get(Process *p, int fd)
{
	if (!p || fd < 0 || fd >= Process::kMaxFds)
		return nullptr;
	osal_file *f = p->fds[fd].load(std::memory_order_acquire);
	if (!f)
		return nullptr;
	int n = f->refs.load(std::memory_order_relaxed);
	do {
		if (n <= 0)
			return nullptr;
	} while (!f->refs.compare_exchange_weak(n, n + 1, std::memory_order_relaxed));
	return f;
}

void file_put(osal_file *f)
{
	if (f->refs.fetch_sub(1, std::memory_order_release) != 1)
		return;
	(void)f->refs.load(std::memory_order_acquire);
	if (f->ops && f->ops->release)
		f->ops->release(f);
	g_live_files.fetch_sub(1, std::memory_order_relaxed);
	// Kept until shutdown (file_get may still read its count).
	osal_file *head = g_graveyard.load(std::memory_order_relaxed);
	do {
		f->grave_next = head;
	} while (!g_graveyard.compare_exchange_weak(head, f, std::memory_order_relaxed));
}

size_t live_files()
{
	return static_cast<size_t>(g_live_files.load());
}

void files_reclaim()
{
	osal_file *f = g_graveyard.exchange(nullptr);

	while (f) {
		osal_file *n = f->grave_next;
		delete f;
		f = n;
	}
}

int chrdev_register(const std::string &path, const osal_file_ops *ops, void *drvdata)
{
	std::lock_guard<std::mutex> g(g_chrdev_mutex);

	if (g_chrdevs.count(path))
		return -EEXIST;
	g_chrdevs[path] = Chrdev{ops, drvdata};
	return 0;
}

void chrdev_unregister(const std::string &path)
{
	std::lock_guard<std::mutex> g(g_chrdev_mutex);

	g_chrdevs.erase(path);
}

static int do_open(Process *p, const char *path)
{
	Chrdev d;
	{
		std::lock_guard<std::mutex> g(g_chrdev_mutex);
		auto it = g_chrdevs.find(path);
		if (it == g_chrdevs.end())
			return -ENOENT;
		d = it->second;
	}
	osal_file *f = file_new(d.ops, d.drvdata, nullptr, path);
	if (f->ops->open) {
		int rc = f->ops->open(f);
		if (rc) {
			// A failed open never reaches release (Linux semantics).
			g_live_files.fetch_sub(1, std::memory_order_relaxed);
			delete f;
			return rc;
		}
	}
	int fd = fd_install(p, f);
	if (fd < 0)
		file_put(f);
	return fd;
}

static int do_close(Process *p, int fd)
{
	if (fd < 0 || fd >= Process::kMaxFds)
		return -EBADF;
	pthread_mutex_lock(&p->fd_lock);
	osal_file *f = p->fds[fd].exchange(nullptr, std::memory_order_acq_rel);
	pthread_mutex_unlock(&p->fd_lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

static int unmap(Process *p, uint64_t uaddr)
{
	osal_file *f;
	{
		std::unique_lock<std::shared_mutex> g(p->mm);
		auto it = p->regions.find(uaddr);
		if (it == p->regions.end())
			return -EINVAL;
		f = it->second.file;
		p->regions.erase(it);
	}
	if (f)
		file_put(f);
	return 0;
}

static long do_mmap(Process *p, int fd, uint64_t len, uint64_t off, uint64_t *uaddr)
{
	ThreadCtx *t = current();
	osal_file *f = file_get(p, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->mmap || !len || off % kPage) {
		long rc = f->ops->mmap ? -EINVAL : -ENODEV;
		file_put(f);
		return rc;
	}
	osal_vma vma;
	vma.len = page_round(len);
	vma.start = p->next_uaddr.fetch_add(vma.len + kPage);  // and a guard page
	vma.pgoff = off / kPage;
	t->mapping.vma = &vma;
	t->mapping.mapped = false;
	int rc = f->ops->mmap(f, &vma);
	t->mapping.vma = nullptr;
	if (!rc && !t->mapping.mapped)
		rc = -EINVAL;  // the op accepted but mapped nothing
	if (rc) {
		file_put(f);
		return rc;
	}
	Region r;
	r.start = vma.start;
	r.len = vma.len;
	r.dma = true;
	r.paddr = t->mapping.paddr;
	r.file = f;  // the mapping keeps the file (and the buffer) alive
	{
		std::unique_lock<std::shared_mutex> g(p->mm);
		p->regions[r.start] = std::move(r);
	}
	*uaddr = vma.start;
	return 0;
}

int user_copy(Process *p, uint64_t uaddr, void *buf, size_t len, bool to_user)
{
	auto *b = static_cast<uint8_t *>(buf);

	if (!p)
		return -EFAULT;
	std::shared_lock<std::shared_mutex> g(p->mm);
	while (len) {
		auto it = p->regions.upper_bound(uaddr);
		if (it == p->regions.begin())
			return -EFAULT;
		--it;
		Region &r = it->second;
		if (uaddr - r.start >= r.len)
			return -EFAULT;
		size_t off = uaddr - r.start;
		size_t n = std::min<size_t>(len, r.len - off);

		if (r.dma) {
			if (dram_access(r.paddr + off, b, n, to_user))
				return -EFAULT;
		} else if (to_user) {
			memcpy(r.heap.data() + off, b, n);
		} else {
			memcpy(b, r.heap.data() + off, n);
		}
		b += n;
		uaddr += n;
		len -= n;
	}
	return 0;
}

void process_exit(Process *p)
{
	if (p->exited)
		return;
	p->exited = true;
	for (int fd = 0; fd < Process::kMaxFds; fd++)
		if (p->fds[fd].load())
			do_close(p, fd);
	for (;;) {
		uint64_t a;
		{
			std::shared_lock<std::shared_mutex> g(p->mm);
			if (p->regions.empty())
				break;
			a = p->regions.begin()->first;
		}
		unmap(p, a);
	}
}

} // namespace posix
} // namespace tpusim

using namespace tpusim::posix;

// The calling process (*p) and its file fd (*f, held): 0, or -EPERM
// outside a process, -EBADF for no such file.
static int get_file(int fd, Process **p, osal_file **f)
{
	*p = proc();
	*f = *p ? file_get(*p, fd) : nullptr;
	return !*p ? -EPERM : !*f ? -EBADF : 0;
}

// op(f) on the calling process's file fd, held meanwhile; get_file's
// errors.
template <typename Op> static long with_file(int fd, Op op)
{
	Process *p;
	osal_file *f;
	long rc = get_file(fd, &p, &f);

	if (rc)
		return rc;
	rc = op(f);
	file_put(f);
	return rc;
}

extern "C" {

// ---- os.h: files ----------------------------------------------------------------------

int osal_register_chrdev(const char *path, const struct osal_file_ops *ops, void *drvdata)
{
	return chrdev_register(path, ops, drvdata);
}

void osal_unregister_chrdev(const char *path)
{
	chrdev_unregister(path);
}

void *osal_file_drvdata(struct osal_file *f)
{
	return f->drvdata;
}

void *osal_file_private(struct osal_file *f)
{
	return f->priv;
}

void osal_file_set_private(struct osal_file *f, void *priv)
{
	f->priv = priv;
}

const struct osal_file_ops *osal_file_ops_of(struct osal_file *f)
{
	return f->ops;
}

int osal_anon_fd(const struct osal_file_ops *ops, void *priv, const char *name)
{
	Process *p = proc();

	if (!p)
		return -EBADF;
	osal_file *f = file_new(ops, nullptr, priv, name ? name : "anon");
	int fd = fd_install(p, f);
	if (fd < 0) {
		// Nothing was installed: drop the file without its release
		// (the caller still owns priv and undoes it on failure).
		f->ops = nullptr;
		file_put(f);
	}
	return fd;
}

struct osal_file *osal_fget(int fd)
{
	return file_get(proc(), fd);
}

void osal_fput(struct osal_file *f)
{
	file_put(f);
}

int osal_vma_map_dma(struct osal_vma *vma, uint64_t paddr, bool cached)
{
	ThreadCtx *t = current();

	if (!t->mapping.vma || t->mapping.vma != vma || !dram_contains(paddr, vma->len))
		return -EINVAL;
	t->mapping.mapped = true;
	t->mapping.paddr = paddr;
	t->mapping.cached = cached;
	return 0;
}

// ---- hx_sys.h: the user side -----------------------------------------------------------

int hx_open(const char *path)
{
	Process *p = proc();

	return p ? do_open(p, path) : -EPERM;
}

int hx_close(int fd)
{
	Process *p = proc();

	return p ? do_close(p, fd) : -EPERM;
}

int hx_dup(int fd)
{
	Process *p;
	osal_file *f;
	int nfd = get_file(fd, &p, &f);

	if (nfd)
		return nfd;
	nfd = fd_install(p, f);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

long hx_ioctl(int fd, unsigned int cmd, uint64_t uarg)
{
	return with_file(fd, [&](osal_file *f) -> long {
		return f->ops->ioctl ? f->ops->ioctl(f, cmd, uarg) : -ENOTTY;
	});
}

long hx_mmap(int fd, uint64_t len, uint64_t offset, uint64_t *uaddr)
{
	Process *p = proc();

	return p ? do_mmap(p, fd, len, offset, uaddr) : -EPERM;
}

int hx_munmap(uint64_t uaddr)
{
	Process *p = proc();

	return p ? unmap(p, uaddr) : -EPERM;
}

long hx_read(int fd, uint64_t ubuf, size_t len)
{
	return with_file(fd, [&](osal_file *f) -> long {
		return f->ops->read ? f->ops->read(f, ubuf, len) : -EINVAL;
	});
}

long hx_write(int fd, uint64_t ubuf, size_t len)
{
	return with_file(fd, [&](osal_file *f) -> long {
		return f->ops->write ? f->ops->write(f, ubuf, len) : -EINVAL;
	});
}

uint64_t hx_umalloc(size_t len)
{
	Process *p = proc();

	if (!p)
		return 0;
	Region r;
	if (!len)
		len = 1;
	r.start = p->next_uaddr.fetch_add(page_round(len) + kPage);  // and a guard page
	r.len = len;
	r.heap.assign(len, 0);
	uint64_t a = r.start;
	std::unique_lock<std::shared_mutex> g(p->mm);
	p->regions[a] = std::move(r);
	return a;
}

int hx_ufree(uint64_t uaddr)
{
	Process *p = proc();

	return p ? unmap(p, uaddr) : -EPERM;
}

int hx_uwrite(uint64_t uaddr, const void *src, size_t len)
{
	return user_copy(proc(), uaddr, const_cast<void *>(src), len, true);
}

int hx_uread(uint64_t uaddr, void *dst, size_t len)
{
	return user_copy(proc(), uaddr, dst, len, false);
}

/* No CPU cache on the POSIX host: a peek is a load. */
int hx_upeek(uint64_t uaddr, void *dst, size_t len)
{
	return user_copy(proc(), uaddr, dst, len, false);
}

int hx_access(const char *path)
{
	std::lock_guard<std::mutex> g(g_chrdev_mutex);

	return g_chrdevs.count(path) ? 0 : -ENOENT;
}

uint64_t hx_gettid(void)
{
	return current()->tid;
}

int hx_getpid(void)
{
	Process *p = proc();

	return p ? p->pid : 0;
}

void hx_usleep(uint64_t us)
{
	timespec ts;

	ts.tv_sec = static_cast<time_t>(us / 1000000u);
	ts.tv_nsec = static_cast<long>(us % 1000000u) * 1000L;
	while (nanosleep(&ts, &ts) && errno == EINTR) {
	}
}

uint64_t hx_now_ns(void)
{
	return mono_ns();
}

} // extern "C"
