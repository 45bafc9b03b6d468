// SPDX-License-Identifier: Apache-2.0
//
// vfs.cpp - files, fd tables and user memory.
#include "vfs.h"

#include <algorithm>
#include <cstring>
#include <sstream>

#include "cache.h"
#include "simos.h"

namespace tpusim {

static constexpr uint64_t kPage = TPU_DRAM_PAGE_SIZE;

Vfs::Vfs(SimOs &os) : os_(os)
{
}

Vfs::~Vfs() = default;

Process *Vfs::create_process(const std::string &name)
{
	auto p = std::make_unique<Process>();

	p->pid = next_pid_++;
	p->name = name;
	procs_.push_back(std::move(p));
	return procs_.back().get();
}

void Vfs::exit_process(Process *p)
{
	if (p->exited)
		return;
	p->exited = true;
	for (int fd = 0; fd < static_cast<int>(p->fds.size()); fd++)
		if (p->fds[fd])
			close(p, fd);
	while (!p->regions.empty())
		unmap(p, p->regions.begin()->first);
}

int Vfs::register_chrdev(const std::string &path, const osal_file_ops *ops, void *drvdata)
{
	if (chrdevs_.count(path))
		return -EEXIST;
	chrdevs_[path] = {ops, drvdata};
	return 0;
}

bool Vfs::unregister_chrdev(const std::string &path)
{
	return chrdevs_.erase(path) != 0;
}

osal_file *Vfs::new_file(const osal_file_ops *ops, void *drvdata, void *priv, const std::string &name)
{
	auto *f = new osal_file;

	f->ops = ops;
	f->drvdata = drvdata;
	f->priv = priv;
	f->name = name;
	f->id = next_file_id_++;
	live_files_++;
	return f;
}

int Vfs::install(Process *p, osal_file *f)
{
	for (size_t fd = 0; fd < p->fds.size(); fd++)
		if (!p->fds[fd]) {
			p->fds[fd] = f;
			return static_cast<int>(fd);
		}
	p->fds.push_back(f);
	return static_cast<int>(p->fds.size() - 1);
}

osal_file *Vfs::fget(Process *p, int fd)
{
	if (!p || fd < 0 || fd >= static_cast<int>(p->fds.size()) || !p->fds[fd])
		return nullptr;
	p->fds[fd]->refs++;
	return p->fds[fd];
}

void Vfs::fput(osal_file *f)
{
	if (--f->refs > 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	live_files_--;
	delete f;
}

int Vfs::open(Process *p, const std::string &path)
{
	auto it = chrdevs_.find(path);

	if (it == chrdevs_.end())
		return -ENOENT;
	osal_file *f = new_file(it->second.ops, it->second.drvdata, nullptr, path);
	if (f->ops->open) {
		int rc = f->ops->open(f);
		if (rc) {
			// A failed open never reaches release (Linux semantics).
			live_files_--;
			delete f;
			return rc;
		}
	}
	return install(p, f);
}

int Vfs::close(Process *p, int fd)
{
	if (fd < 0 || fd >= static_cast<int>(p->fds.size()) || !p->fds[fd])
		return -EBADF;
	osal_file *f = p->fds[fd];

	p->fds[fd] = nullptr;
	fput(f);
	return 0;
}

int Vfs::dup(Process *p, int fd)
{
	osal_file *f = fget(p, fd);

	if (!f)
		return -EBADF;
	return install(p, f);
}

long Vfs::ioctl(Process *p, int fd, unsigned cmd, uint64_t arg)
{
	osal_file *f = fget(p, fd);

	static const std::string no_path;

	if (os_.ioctl_hook())
		os_.ioctl_hook()(f ? f->name : no_path, cmd);
	if (!f)
		return -EBADF;
	long rc = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return rc;
}

long Vfs::rw(Process *p, int fd, uint64_t ubuf, size_t len, RwOp op)
{
	osal_file *f = fget(p, fd);

	if (!f)
		return -EBADF;
	long rc = f->ops->*op ? (f->ops->*op)(f, ubuf, len) : -EINVAL;
	fput(f);
	return rc;
}

long Vfs::mmap(Process *p, int fd, uint64_t len, uint64_t off, uint64_t *uaddr)
{
	osal_file *f = fget(p, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->mmap || !len || off % kPage) {
		long rc = f->ops->mmap ? -EINVAL : -ENODEV;

		fput(f);
		return rc;
	}
	osal_vma vma;
	vma.start = p->next_uaddr;
	vma.len = (len + kPage - 1) / kPage * kPage;
	vma.pgoff = off / kPage;
	mapping_file_ = f;
	mapping_proc_ = p;
	int rc = f->ops->mmap(f, &vma);
	mapping_file_ = nullptr;
	mapping_proc_ = nullptr;
	auto it = p->regions.find(vma.start);
	if (rc || it == p->regions.end()) {
		if (!rc)
			rc = -EINVAL;  // the mmap op accepted but mapped nothing
		fput(f);
		return rc;
	}
	// The mapping keeps the file (and so the buffer) alive until munmap.
	it->second.file = f;
	*uaddr = vma.start;
	return 0;
}

int Vfs::map_dma(Process *p, osal_vma *vma, uint64_t paddr, bool cached)
{
	(void)p;
	if (!mapping_proc_ || !os_.top().dram.contains(paddr, vma->len))
		return -EINVAL;
	UserRegion r;
	r.start = vma->start;
	r.len = vma->len;
	r.dma = true;
	r.paddr = paddr;
	r.cached = cached;
	dma_maps_.emplace(paddr, std::make_pair(mapping_proc_, r.start));
	max_dma_len_ = std::max(max_dma_len_, r.len);
	mapping_proc_->regions[r.start] = std::move(r);
	mapping_proc_->next_uaddr = vma->start + vma->len + kPage;  // guard page
	return 0;
}

uint64_t Vfs::map_heap(Process *p, uint64_t len)
{
	UserRegion r;

	if (!len)
		len = 1;
	r.start = p->next_uaddr;
	r.len = len;
	r.heap.assign(len, 0);
	p->next_uaddr += (len + kPage - 1) / kPage * kPage + kPage;  // guard page
	p->regions[r.start] = std::move(r);
	return p->regions.rbegin()->first;
}

int Vfs::unmap(Process *p, uint64_t uaddr)
{
	auto it = p->regions.find(uaddr);

	if (it == p->regions.end())
		return -EINVAL;
	osal_file *f = it->second.file;
	// A cached mapping's dirty lines are written back and its lines
	// dropped before the file (and maybe the pages) can go (cache.h).
	if (it->second.dma && it->second.cached)
		if (CpuCache *c = os_.cpu_cache())
			c->evict(it->second.paddr, it->second.len);
	if (it->second.dma) {
		auto range = dma_maps_.equal_range(it->second.paddr);
		for (auto m = range.first; m != range.second; ++m)
			if (m->second.first == p && m->second.second == uaddr) {
				dma_maps_.erase(m);
				break;
			}
	}
	p->regions.erase(it);
	if (f)
		fput(f);
	return 0;
}

std::string Vfs::dma_mapped(uint64_t paddr, uint64_t len) const
{
	// Mappings starting before the end of the range, back to the longest
	// mapping's length before its start.
	for (auto m = dma_maps_.lower_bound(paddr + len); m != dma_maps_.begin();) {
		--m;
		if (m->first + max_dma_len_ <= paddr)
			break;
		const Process *p = m->second.first;
		const UserRegion &r = p->regions.at(m->second.second);
		if (m->first + r.len > paddr) {
			std::ostringstream os;
			os << p->name << " at 0x" << std::hex << r.start;
			return os.str();
		}
	}
	return "";
}

int Vfs::user_access(Process *p, uint64_t uaddr, void *buf, size_t len, Access how)
{
	auto *b = static_cast<uint8_t *>(buf);

	if (!p)
		return -EFAULT;
	while (len) {
		auto it = p->regions.upper_bound(uaddr);
		if (it == p->regions.begin())
			return -EFAULT;
		--it;
		UserRegion &r = it->second;
		if (uaddr - r.start >= r.len)
			return -EFAULT;
		size_t off = uaddr - r.start;
		size_t n = std::min<size_t>(len, r.len - off);

		CpuCache *c = r.dma && r.cached ? os_.cpu_cache() : nullptr;
		const bool to_user = how == Access::store;

		if (c && how == Access::peek) {
			if (c->kernel_read(r.paddr + off, b, n))
				return -EFAULT;
		} else if (c) {
			// CPU loads and stores through a cached mapping (cache.h).
			int rc = to_user ? c->store(p, r.paddr + off, b, n)
					 : c->load(p, r.paddr + off, b, n);
			if (rc)
				return -EFAULT;
		} else if (r.dma) {
			int rc = to_user ? os_.top().dram.write(r.paddr + off, b, n)
					 : os_.top().dram.read(r.paddr + off, b, n);
			if (rc)
				return -EFAULT;
		} else if (to_user) {
			std::memcpy(r.heap.data() + off, b, n);
		} else {
			std::memcpy(b, r.heap.data() + off, n);
		}
		b += n;
		uaddr += n;
		len -= n;
	}
	return 0;
}

int Vfs::user_copy(Process *p, uint64_t uaddr, void *buf, size_t len, bool to_user)
{
	return user_access(p, uaddr, buf, len, to_user ? Access::store : Access::load);
}

int Vfs::user_peek(Process *p, uint64_t uaddr, void *buf, size_t len)
{
	return user_access(p, uaddr, buf, len, Access::peek);
}

} // namespace tpusim
