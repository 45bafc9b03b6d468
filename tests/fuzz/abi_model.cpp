// SPDX-License-Identifier: Apache-2.0
//
// abi_model.cpp - the ABI specification model (abi_model.h).  Every rule
// names its source: docs/driver.md ("driver.md"), the uapi headers, or
// include/tpu/contract.h.  Places where the documentation allows more than
// one result are marked "looseness:" (README.md lists them).
#include "abi_model.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "errnos.h"
#include "vfs.h"

extern "C" {
#include "tpu/contract.h"
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"
}

namespace tpusim::fuzz {

namespace {

constexpr uint64_t kPage = 4096;

std::string fdname(int fd)
{
	return "fd " + std::to_string(fd);
}

const char *kind_name(FdKind k)
{
	switch (k) {
	case FdKind::closed: return "not open";
	case FdKind::tpu: return "/dev/cvi-tpu0";
	case FdKind::ion: return "/dev/ion";
	case FdKind::buf: return "an ION buffer";
	default: return "unknown (a sibling's opaque call overlapped)";
	}
}

template <typename T> T field(const std::vector<uint8_t> &b, size_t off)
{
	T v{};
	if (b.size() >= off + sizeof(T))
		std::memcpy(&v, b.data() + off, sizeof(T));
	return v;
}

// The four kinds an fd of unknown state may have.
std::vector<FdState> every_kind()
{
	return {{FdKind::closed, 0, nullptr}, {FdKind::tpu, 0, nullptr}, {FdKind::ion, 0, nullptr},
		{FdKind::buf, 0, nullptr}};
}

std::vector<FdState> expand(std::vector<FdState> v)
{
	std::vector<FdState> out;
	for (const FdState &s : v) {
		if (s.kind == FdKind::any)
			for (const FdState &k : every_kind())
				out.push_back(k);
		else
			out.push_back(s);
	}
	return out;
}

} // namespace

// ---- Expect -----------------------------------------------------------------

void Expect::add(long rc, const std::string &why)
{
	for (auto &e : rcs)
		if (e.first == rc)
			return;
	rcs.emplace_back(rc, why);
}

void Expect::add_fd(const std::string &why)
{
	if (fd_why.empty())
		fd_why = why;
}

void Expect::merge(const Expect &o)
{
	for (auto &e : o.rcs)
		add(e.first, e.second);
	if (!o.fd_why.empty())
		add_fd(o.fd_why);
}

bool Expect::allows(long rc) const
{
	if (!fd_why.empty() && rc >= 0)
		return true;
	for (auto &e : rcs)
		if (e.first == rc)
			return true;
	return false;
}

std::string Expect::text() const
{
	std::string s;
	for (auto &e : rcs)
		s += (s.empty() ? "" : " | ") + rc_text(e.first) + " (" + e.second + ")";
	if (!fd_why.empty())
		s += (s.empty() ? "" : " | ") + std::string("an fd >= 0 (") + fd_why + ")";
	return "{" + s + "}";
}

// ---- Call: what a call may have seen -------------------------------------------

void Call::watch_fd(int fd)
{
	if (fds_.count(fd))
		return;
	Watch w;
	w.begin = m_->observe(m_->procs_[static_cast<size_t>(proc_)], fd);
	fds_[fd] = w;
}

void Call::watch_mem(uint64_t addr)
{
	if (mem_.count(addr))
		return;
	const auto &pm = m_->procs_[static_cast<size_t>(proc_)];
	uint64_t n = m_->readable_span(pm, addr);
	mem_[addr] = {n, n};
	starts_[addr] = {pm.p->regions.count(addr) != 0, false};
}

void Call::finish()
{
	m_->end(*this);
}

FdState Call::state_of(const FdObs &o) const
{
	FdState s;
	s.kind = o.kind;
	s.file_id = o.id;
	if (o.kind == FdKind::buf) {
		auto it = m_->bufs_.find(o.id);
		if (it != m_->bufs_.end())
			s.buf = &it->second;
	}
	return s;
}

std::vector<FdState> Call::fd_states(int fd) const
{
	auto it = fds_.find(fd);
	if (it == fds_.end()) {
		fprintf(stderr, "abi_model: fd %d asked about but not watched\n", fd);
		abort();
	}
	std::vector<FdState> v;
	auto push = [&v](const FdState &s) {
		for (auto &e : v)
			if (e.kind == s.kind && e.file_id == s.file_id)
				return;
		v.push_back(s);
	};
	push(state_of(it->second.begin));
	push(state_of(it->second.end));
	bool closed_by_sibling =
		std::find(overlap_close_.begin(), overlap_close_.end(), fd) != overlap_close_.end();
	// A sibling's close of fd (or an opaque sibling call) may have taken
	// effect between the two observations.
	if (closed_by_sibling || overlap_opaque_)
		push({FdKind::closed, 0, nullptr});
	// A sibling that creates an fd may have bound fd while it was free,
	// at one end of the call or in between, and a close (this call's or a
	// sibling's) may have removed it again: fd may have named a file
	// neither observation saw.
	bool was_free = !it->second.begin.open || !it->second.end.open;
	if (was_free || closed_by_sibling)
		for (FdKind k : overlap_create_)
			push({k, 0, nullptr});
	if (overlap_opaque_)
		push({FdKind::any, 0, nullptr});
	return v;
}

std::vector<bool> Call::mem_ok(uint64_t addr, uint64_t len) const
{
	if (!len)
		return {true};
	auto it = mem_.find(addr);
	if (it == mem_.end()) {
		fprintf(stderr, "abi_model: user address 0x%llx asked about but not watched\n",
			static_cast<unsigned long long>(addr));
		abort();
	}
	bool b = it->second.first >= len, e = it->second.second >= len;
	if (b == e)
		return {b};
	return {false, true};
}

std::vector<bool> Call::region_start(uint64_t addr) const
{
	auto it = starts_.find(addr);
	if (it == starts_.end()) {
		fprintf(stderr, "abi_model: region 0x%llx asked about but not watched\n",
			static_cast<unsigned long long>(addr));
		abort();
	}
	if (it->second.first == it->second.second)
		return {it->second.first};
	return {false, true};
}

// ---- AbiModel: state ---------------------------------------------------------------

void AbiModel::reset(uint64_t dram_base, uint64_t dram_size)
{
	dram_base_ = dram_base;
	dram_size_ = dram_size;
	procs_.clear();
	bufs_.clear();
	jobs_.clear();
	all_jobs_.clear();
	wild_jobs_.clear();
	unsure_.clear();
	sub_ends_.clear();
	gtick_ = 0;
	inflight_submits_ = 0;
	max_claimed_begin_ = 0;
}

int AbiModel::add_process(Process *p)
{
	ProcModel pm;
	pm.p = p;
	procs_.push_back(std::move(pm));
	return static_cast<int>(procs_.size() - 1);
}

Call AbiModel::begin(int proc, uint64_t tid, OpKind kind, int fd, FdKind makes, bool submits)
{
	ProcModel &pm = procs_.at(static_cast<size_t>(proc));
	Call c;

	c.m_ = this;
	c.proc_ = proc;
	c.tid = tid;
	c.gbegin = ++gtick_;
	c.submits_ = submits;
	c.claimed_before_ = max_claimed_begin_;
	if (submits)
		inflight_submits_++;
	c.rec_ = pm.next_id++;
	pm.ops.push_back({c.rec_, ++pm.tick, 0, kind, fd, makes});
	return c;
}

void AbiModel::end(Call &c)
{
	ProcModel &pm = procs_[static_cast<size_t>(c.proc_)];
	uint64_t now = ++pm.tick, mine = 0;

	c.gend = ++gtick_;
	if (c.submits_)
		inflight_submits_--;

	for (auto &w : c.fds_)
		w.second.end = observe(pm, w.first);
	for (auto &w : c.mem_)
		w.second.second = readable_span(pm, w.first);
	for (auto &w : c.starts_)
		w.second.second = pm.p->regions.count(w.first) != 0;
	for (auto &r : pm.ops)
		if (r.id == c.rec_) {
			r.end = now;
			mine = r.begin;
		}
	// The sibling calls that overlapped this one: begun before it ended,
	// not ended before it began.
	for (auto &r : pm.ops) {
		if (r.id == c.rec_ || (r.end && r.end < mine))
			continue;
		if (r.kind == OpKind::opaque)
			c.overlap_opaque_ = true;
		else if (r.kind == OpKind::creates_fd)
			c.overlap_create_.push_back(r.makes);
		else if (r.kind == OpKind::close)
			c.overlap_close_.push_back(r.fd);
	}
	c.signalled = pm.signalled;
	// Forget calls that ended before every call still in flight began.
	uint64_t oldest = now;
	for (auto &r : pm.ops)
		if (!r.end)
			oldest = std::min(oldest, r.begin);
	while (!pm.ops.empty() && pm.ops.front().end && pm.ops.front().end < oldest)
		pm.ops.pop_front();
}

// The fd table as /proc/self/fd shows it: open or not, and which file.
Call::FdObs AbiModel::observe(const ProcModel &pm, int fd) const
{
	Call::FdObs o;
	const auto &fds = pm.p->fds;

	if (fd < 0 || static_cast<size_t>(fd) >= fds.size() || !fds[static_cast<size_t>(fd)])
		return o;
	const osal_file *f = fds[static_cast<size_t>(fd)];
	o.open = true;
	o.id = f->id;
	if (bufs_.count(f->id))
		o.kind = FdKind::buf;
	else if (f->name == TPU_DEV_PATH)
		o.kind = FdKind::tpu;
	else if (f->name == ION_DEV_PATH)
		o.kind = FdKind::ion;
	else
		o.kind = FdKind::buf;  // the only anonymous files are ION buffers
	return o;
}

// The address space as /proc/self/maps shows it: how many bytes from addr
// on are mapped (regions never touch: each has a guard page after it).
uint64_t AbiModel::readable_span(const ProcModel &pm, uint64_t addr) const
{
	const auto &regs = pm.p->regions;
	auto it = regs.upper_bound(addr);

	if (it == regs.begin())
		return 0;
	--it;
	if (addr - it->second.start >= it->second.len)
		return 0;
	return it->second.start + it->second.len - addr;
}

// ---- predictions: files and memory ------------------------------------------------------

Expect AbiModel::open(const std::string &path) const
{
	Expect e;
	if (path == TPU_DEV_PATH || path == ION_DEV_PATH)
		e.add_fd("open of " + path + " cannot fail (driver.md: open has no state)");
	else
		e.add(-ENOENT, "no device node " + path);
	return e;
}

Expect AbiModel::close(const Call &c, int fd) const
{
	Expect e;
	for (const FdState &s : expand(c.fd_states(fd)))
		if (s.kind == FdKind::closed)
			e.add(-EBADF, fdname(fd) + " not open");
		else
			e.add(0, fdname(fd) + " open");
	return e;
}

Expect AbiModel::dup(const Call &c, int fd) const
{
	Expect e;
	for (const FdState &s : expand(c.fd_states(fd)))
		if (s.kind == FdKind::closed)
			e.add(-EBADF, fdname(fd) + " not open");
		else
			e.add_fd(fdname(fd) + " open");
	return e;
}

Expect AbiModel::rw(const Call &c, int fd) const
{
	Expect e;
	for (const FdState &s : expand(c.fd_states(fd))) {
		switch (s.kind) {
		case FdKind::closed: e.add(-EBADF, fdname(fd) + " not open"); break;
		case FdKind::tpu: e.add(0, "read/write of /dev/cvi-tpu0 return 0 (driver.md)"); break;
		case FdKind::ion: e.add(-EINVAL, "read/write of /dev/ion: -EINVAL (driver.md)"); break;
		default: e.add(-EINVAL, "read/write of an ION buffer fd: -EINVAL (driver.md)"); break;
		}
	}
	return e;
}

Expect AbiModel::mmap(const Call &c, int fd, uint64_t len, uint64_t off) const
{
	Expect e;
	for (const FdState &s : expand(c.fd_states(fd))) {
		switch (s.kind) {
		case FdKind::closed:
			e.add(-EBADF, fdname(fd) + " not open");
			break;
		case FdKind::tpu:
		case FdKind::ion:
			e.add(-ENODEV, std::string("mmap of ") + kind_name(s.kind) + ": -ENODEV (driver.md)");
			// looseness: for a node that refuses every mapping, a zero
			// length or an unaligned offset may be refused first by the
			// OS (-EINVAL) or by the node (-ENODEV).
			if (!len || off % kPage)
				e.add(-EINVAL, "zero length or unaligned offset (either check may come first)");
			break;
		default: {
			if (!len) {
				e.add(-EINVAL, "mmap of a buffer with len 0 (driver.md)");
				break;
			}
			if (off % kPage) {
				e.add(-EINVAL, "offset not a multiple of the page size");
				break;
			}
			if (!s.buf) {
				// looseness: a buffer the model did not see allocated
				// (a sibling's opaque call, a record it could not read
				// back): its size is unknown.
				e.add(0, "buffer of unknown size");
				e.add(-EINVAL, "buffer of unknown size");
				break;
			}
			// The window is [off, off + len rounded up to pages): it
			// must lie inside the buffer (driver.md).  Exact arithmetic:
			// no length or offset may wrap it back inside.
			unsigned __int128 end = static_cast<unsigned __int128>(off) +
						(static_cast<unsigned __int128>(len) + kPage - 1) / kPage * kPage;
			char buf[160];
			snprintf(buf, sizeof(buf), "window 0x%" PRIx64 " + 0x%" PRIx64 " (page-rounded) %s the 0x%"
				 PRIx64 "-byte buffer", off, len, end > s.buf->size ? "exceeds" : "inside",
				 s.buf->size);
			e.add(end > s.buf->size ? -EINVAL : 0, buf);
			break;
		}
		}
	}
	return e;
}

Expect AbiModel::munmap(const Call &c, uint64_t addr) const
{
	Expect e;
	for (bool start : c.region_start(addr))
		if (start)
			e.add(0, "a mapped region starts there");
		else
			e.add(-EINVAL, "no mapped region starts there");
	return e;
}

// ---- predictions: ioctls -----------------------------------------------------------------

Expect AbiModel::ioctl(const Call &c, int fd, unsigned cmd, const Arg &arg) const
{
	Expect e;
	for (const FdState &s : expand(c.fd_states(fd)))
		e.merge(ioctl_on(c, s, fd, cmd, arg));
	return e;
}

Expect AbiModel::ioctl_on(const Call &c, const FdState &dev, int fd, unsigned cmd, const Arg &arg) const
{
	Expect e;
	switch (dev.kind) {
	case FdKind::closed:
		e.add(-EBADF, fdname(fd) + " not open");
		break;
	case FdKind::tpu:
		e = tpu_ioctl(c, cmd, arg);
		break;
	case FdKind::ion:
		e = ion_ioctl(c, cmd, arg);
		break;
	default:
		e.add(-ENOTTY, "ioctl on an ION buffer fd: -ENOTTY (driver.md)");
		break;
	}
	return e;
}

namespace {

// For each state of the fd the argument names: `ok` when it is an ION
// buffer, `bad` otherwise.
void by_buffer_fd(Expect &e, const Call &c, int bfd, long ok, const std::string &ok_why, long bad,
		  const std::string &bad_why)
{
	for (const FdState &s : expand(c.fd_states(bfd)))
		if (s.kind == FdKind::buf)
			e.add(ok, ok_why + " (" + fdname(bfd) + " is an ION buffer)");
		else
			e.add(bad, bad_why + " (" + fdname(bfd) + ": " + kind_name(s.kind) + ")");
}

// An ioctl number the device does not have.
Expect not_a_command(unsigned cmd, const char *dev)
{
	Expect e;
	char b[96];

	snprintf(b, sizeof(b), "0x%08x is no %s command: -ENOTTY (driver.md)", cmd, dev);
	e.add(-ENOTTY, b);
	return e;
}

} // namespace

Expect AbiModel::tpu_ioctl(const Call &c, unsigned cmd, const Arg &arg) const
{
	Expect e;
	// Argument sizes: the uapi structs (tpu_ioctl.h); FLUSH_FD/INVLD_FD
	// read one int through the pointer (driver.md, deviation 4).
	size_t need;
	switch (cmd) {
	case CVITPU_SUBMIT_DMABUF: need = sizeof(cvi_submit_dma_arg); break;
	case CVITPU_WAIT_DMABUF: need = sizeof(cvi_wait_dma_arg); break;
	case CVITPU_DMABUF_FLUSH:
	case CVITPU_DMABUF_INVLD: need = sizeof(cvi_cache_op_arg); break;
	case CVITPU_DMABUF_FLUSH_FD:
	case CVITPU_DMABUF_INVLD_FD: need = sizeof(int32_t); break;
	case CVITPU_PIO_MODE:
		e.add(0, "PIO_MODE: accepted, nothing done (driver.md)");
		return e;
	case CVITPU_LOAD_TEE:
	case CVITPU_SUBMIT_TEE:
	case CVITPU_UNLOAD_TEE:
		e.add(-EOPNOTSUPP, "TEE ioctls: -EOPNOTSUPP (driver.md)");
		return e;
	default:
		return not_a_command(cmd, "/dev/cvi-tpu0");
	}
	bool known = arg.known && arg.content.size() >= need;
	for (bool ok : c.mem_ok(arg.addr, need)) {
		if (!ok) {
			e.add(-EFAULT, "the argument (" + std::to_string(need) + " bytes) is not readable");
			continue;
		}
		switch (cmd) {
		case CVITPU_WAIT_DMABUF: {
			uint32_t seq = field<uint32_t>(arg.content, 0);
			unsigned n = known ? outstanding(c.tid, seq) + wildcards(c.tid) : 1;
			char b[200];
			std::string why;
			if (known && must_claim(c, seq, &why)) {
				e.add(0, why);
			} else if (known && must_drop(c, seq, &why)) {
				e.add(-ETIMEDOUT, why);
			} else if (n) {
				snprintf(b, sizeof(b), "tid %" PRIu64 " has %u job(s) that may be seq_no %u", c.tid, n,
					 seq);
				e.add(0, b);
				// looseness: whether the job finishes within the
				// 10 s WAIT timeout, or was dropped by the done-list
				// bound (contract.h: 64), depends on timing.
				e.add(-ETIMEDOUT, "the job may not finish within 10 s, or may have been dropped");
			} else {
				snprintf(b, sizeof(b),
					 "tid %" PRIu64 " has no job outstanding with seq_no %u: nothing to claim, "
					 "-ETIMEDOUT after 10 s (driver.md)", c.tid, seq);
				e.add(-ETIMEDOUT, b);
			}
			if (c.signalled)
				e.add(-EINTR, "the process was signalled (exit) during the WAIT");
			break;
		}
		case CVITPU_DMABUF_FLUSH:
		case CVITPU_DMABUF_INVLD:
			e.add(0, "FLUSH/INVLD by address: unvalidated (driver.md)");
			break;
		default: {  // SUBMIT, FLUSH_FD, INVLD_FD: an ION buffer fd first
			const bool submit = cmd == CVITPU_SUBMIT_DMABUF;
			if (!known) {
				// looseness: an argument in DMA memory may have
				// changed under the call; the model cannot tell
				// which fd the driver read.
				e.add(0, "argument bytes unknown");
				e.add(-EBADF, "argument bytes unknown");
				break;
			}
			by_buffer_fd(e, c, field<int32_t>(arg.content, 0), 0,
				     submit ? "SUBMIT queues the job" : "FLUSH_FD/INVLD_FD sync the buffer", -EBADF,
				     submit ? "SUBMIT of an fd that is not an ION buffer: -EBADF (driver.md)"
					    : "FLUSH_FD/INVLD_FD of an fd that is not an ION buffer: -EBADF (driver.md)");
			break;
		}
		}
	}
	return e;
}

Expect AbiModel::ion_ioctl(const Call &c, unsigned cmd, const Arg &arg) const
{
	Expect e;
	size_t need;
	std::vector<long> unknown;  // the results when the argument's bytes are unknown
	switch (cmd) {
	case ION_IOC_ALLOC:
		need = sizeof(ion_allocation_data);
		unknown = {0, -EINVAL, -ENOMEM};
		break;
	case ION_IOC_FREE:
		need = sizeof(uint32_t);
		unknown = {0, -EINVAL};
		break;
	case ION_IOC_IMPORT:
		need = sizeof(ion_fd_data);
		unknown = {0, -EBADF};
		break;
	case ION_IOC_HEAP_QUERY:
		need = sizeof(ion_heap_query);
		unknown = {0, -EINVAL, -EFAULT};
		break;
	default:
		return not_a_command(cmd, "/dev/ion");
	}
	bool known = arg.known && arg.content.size() >= need;
	for (bool ok : c.mem_ok(arg.addr, need)) {
		if (!ok) {
			e.add(-EFAULT, "the argument (" + std::to_string(need) + " bytes) is not readable");
			continue;
		}
		if (!known) {
			for (long rc : unknown)
				e.add(rc, "argument bytes unknown");
			continue;
		}
		switch (cmd) {
		case ION_IOC_ALLOC: {
			auto a = field<ion_allocation_data>(arg.content, 0);
			if (!a.len) {
				e.add(-EINVAL, "ALLOC of len 0 (driver.md)");
			} else if (!(a.heap_id_mask & 7u)) {
				e.add(-EINVAL, "ALLOC with no heap 0/1/2 in heap_id_mask (driver.md)");
			} else if (a.len > UINT64_MAX - (kPage - 1)) {
				e.add(-EINVAL, "ALLOC len overflows when rounded up to a page (driver.md)");
			} else {
				uint64_t size = (a.len + kPage - 1) / kPage * kPage;
				if (size > dram_size_) {
					e.add(-ENOMEM, "ALLOC larger than DRAM");
				} else {
					e.add(0, "ALLOC of a valid length and heap");
					// looseness: DRAM occupancy is not modelled
					// (pages of other processes, of queued jobs).
					e.add(-ENOMEM, "DRAM may be full");
				}
			}
			break;
		}
		case ION_IOC_FREE:
			by_buffer_fd(e, c, field<int32_t>(arg.content, 0), 0, "FREE validates the handle", -EINVAL,
				     "FREE of a handle that is not an ION buffer fd: -EINVAL (driver.md)");
			break;
		case ION_IOC_IMPORT:
			by_buffer_fd(e, c, field<int32_t>(arg.content, offsetof(ion_fd_data, fd)), 0,
				     "IMPORT of a buffer fd", -EBADF,
				     "IMPORT of an fd that is not an ION buffer: -EBADF (driver.md)");
			break;
		default: {  // HEAP_QUERY
			auto q = field<ion_heap_query>(arg.content, 0);
			if (!q.heaps) {
				e.add(0, "HEAP_QUERY with heaps == 0 reports the count (driver.md)");
				break;
			}
			if (!q.cnt) {
				e.add(-EINVAL, "HEAP_QUERY with heaps != 0 and cnt == 0 (driver.md)");
				break;
			}
			uint64_t n = std::min<uint32_t>(q.cnt, 3);
			for (bool w : c.mem_ok(q.heaps, n * sizeof(ion_heap_data)))
				if (w)
					e.add(0, "HEAP_QUERY fills min(cnt, 3) entries (driver.md)");
				else
					e.add(-EFAULT, "HEAP_QUERY: the min(cnt, 3) entries at heaps are not writable");
			break;
		}
		}
	}
	return e;
}

// ---- what results teach -------------------------------------------------------------------

void AbiModel::submitted(const Call &c, uint32_t seq, bool known)
{
	sub_ends_.push_back(c.gend);
	if (known) {
		all_jobs_.push_back({c.tid, seq, c.gbegin, c.gend});
		jobs_[c.tid][seq].push_back(all_jobs_.size() - 1);
	} else {
		wild_jobs_[c.tid]++;
	}
}

void AbiModel::claimed(const Call &c, uint32_t seq, bool known)
{
	auto it = jobs_.find(c.tid);
	if (known && it != jobs_.end()) {
		auto j = it->second.find(seq);
		if (j != it->second.end()) {
			// Which of several jobs with this seq_no was claimed is not
			// specified: drop one, and let the others keep the widest
			// ticks of the group (later end: harder to prove finished;
			// earlier begin: more results that may push it out).
			std::vector<size_t> &v = j->second;
			uint64_t lo = all_jobs_[v[0]].sub_begin, hi = all_jobs_[v[0]].sub_end;
			for (size_t i : v) {
				lo = std::min(lo, all_jobs_[i].sub_begin);
				hi = std::max(hi, all_jobs_[i].sub_end);
			}
			max_claimed_begin_ = std::max(max_claimed_begin_, lo);
			for (size_t i : v) {
				all_jobs_[i].sub_begin = lo;
				all_jobs_[i].sub_end = hi;
				all_jobs_[i].maybe_claimed = v.size() > 1;
			}
			all_jobs_[v.back()].claim_begin = c.gbegin;
			v.pop_back();
			if (v.empty())
				it->second.erase(j);
			return;
		}
	}
	if (known) {
		auto w = wild_jobs_.find(c.tid);
		if (w != wild_jobs_.end() && w->second)
			w->second--;
		return;
	}
	// Any job of the thread may be gone now: keep them all as possible
	// (a looser model), but never insist that one must still be there.
	unsure_[c.tid] = true;
}

unsigned AbiModel::outstanding(uint64_t tid, uint32_t seq) const
{
	auto it = jobs_.find(tid);
	if (it == jobs_.end())
		return 0;
	auto j = it->second.find(seq);
	return j == it->second.end() ? 0 : static_cast<unsigned>(j->second.size());
}

// WAIT must not claim (tid, seq_no) when its only job J has certainly been
// dropped by the done-list bound: 64 (contract.h) jobs K queued after J
// (SUBMIT began after J's returned) have certainly finished before this
// WAIT began (a job queued after K was claimed first), and none of them had
// been claimed by then (nor J: it is outstanding).  When the last of them
// joined the done list, J and the 64 cannot all have been on it, and the
// bound drops the oldest first.
bool AbiModel::must_drop(const Call &c, uint32_t seq, std::string *why) const
{
	auto it = jobs_.find(c.tid);
	if (it == jobs_.end() || unsure_.count(c.tid) || wildcards(c.tid))
		return false;
	auto j = it->second.find(seq);
	if (j == it->second.end() || j->second.size() != 1)
		return false;
	const JobRec &r = all_jobs_[j->second[0]];
	if (r.maybe_claimed)
		return false;
	unsigned newer = 0;
	for (size_t i = j->second[0] + 1; i < all_jobs_.size() && newer < TPU_SPEC_DONE_LIST_MAX; i++) {
		const JobRec &k = all_jobs_[i];
		if (k.sub_begin > r.sub_end && k.sub_end < c.claimed_before_ && !k.maybe_claimed &&
		    (!k.claim_begin || k.claim_begin > c.gbegin) && !unsure_.count(k.tid))
			newer++;
	}
	if (newer < TPU_SPEC_DONE_LIST_MAX)
		return false;
	char b[240];
	snprintf(b, sizeof(b),
		 "tid %" PRIu64 "'s job seq_no %u was followed by %u finished, unclaimed jobs: the done-list "
		 "bound (%u) has dropped it", c.tid, seq, newer, TPU_SPEC_DONE_LIST_MAX);
	*why = b;
	must_drops++;
	return true;
}

// WAIT must claim a job J of (tid, seq_no) when J has certainly finished
// and certainly not been dropped:
//  - finished: before this WAIT began, some WAIT claimed a job whose
//    SUBMIT began after J's SUBMIT had returned (one FIFO worker:
//    driver.md "FIFO single worker");
//  - not dropped: the done list drops J only when 64 newer results are
//    waiting with it (contract.h TPU_SPEC_DONE_LIST_MAX), and fewer than
//    that many SUBMITs can have queued after J (every accepted SUBMIT that
//    ended after J's began, and every one still in flight).
bool AbiModel::must_claim(const Call &c, uint32_t seq, std::string *why) const
{
	auto it = jobs_.find(c.tid);
	if (it == jobs_.end() || unsure_.count(c.tid))
		return false;
	auto j = it->second.find(seq);
	if (j == it->second.end())
		return false;
	for (size_t i : j->second) {
		const JobRec &r = all_jobs_[i];
		if (c.claimed_before_ <= r.sub_end)
			continue;
		size_t after = static_cast<size_t>(sub_ends_.end() -
						   std::upper_bound(sub_ends_.begin(), sub_ends_.end(), r.sub_begin));
		after = after - 1 + inflight_submits_;
		if (after >= TPU_SPEC_DONE_LIST_MAX)
			continue;
		char b[240];
		snprintf(b, sizeof(b),
			 "tid %" PRIu64 "'s job seq_no %u has finished (a later job was claimed first) and at most "
			 "%zu results can have queued behind it (< %u, the done-list bound): WAIT must claim it",
			 c.tid, seq, after, TPU_SPEC_DONE_LIST_MAX);
		*why = b;
		must_claims++;
		return true;
	}
	return false;
}

unsigned AbiModel::wildcards(uint64_t tid) const
{
	auto w = wild_jobs_.find(tid);
	return w == wild_jobs_.end() ? 0 : w->second;
}

std::string AbiModel::allocated(const Call &c, int fd, uint64_t paddr, uint64_t size)
{
	char b[256];
	if (paddr % kPage || paddr < dram_base_ || paddr - dram_base_ > dram_size_ ||
	    size > dram_base_ + dram_size_ - paddr) {
		snprintf(b, sizeof(b), "ALLOC gave paddr 0x%" PRIx64 " for 0x%" PRIx64
			 " bytes: not whole pages inside DRAM", paddr, size);
		return b;
	}
	// Which file is the new buffer: the one at fd now, unless a sibling
	// may have closed fd and put another file there during the call (then
	// neither the overlap check nor learning the buffer is safe: the
	// buffer's own mapping by a sibling would look like another one).
	if (c.overlap_opaque_ || !c.overlap_create_.empty() || !c.overlap_close_.empty())
		return "";
	// No two live buffers share a page: every buffer some process still
	// has open (fd) or mapped is live.
	auto overlaps = [&](uint64_t p, uint64_t n) { return p < paddr + size && paddr < p + n; };
	uint64_t new_id = 0;
	const ProcModel &me = procs_[static_cast<size_t>(c.proc_)];
	if (fd >= 0 && static_cast<size_t>(fd) < me.p->fds.size() && me.p->fds[static_cast<size_t>(fd)])
		new_id = me.p->fds[static_cast<size_t>(fd)]->id;
	for (const ProcModel &pm : procs_) {
		for (const osal_file *f : pm.p->fds) {
			if (!f || f->id == new_id)
				continue;
			auto it = bufs_.find(f->id);
			if (it != bufs_.end() && overlaps(it->second.paddr, it->second.size)) {
				snprintf(b, sizeof(b),
					 "ALLOC gave [0x%" PRIx64 ", +0x%" PRIx64 "), which overlaps live buffer "
					 "[0x%" PRIx64 ", +0x%" PRIx64 ")", paddr, size, it->second.paddr,
					 it->second.size);
				return b;
			}
		}
		for (const auto &r : pm.p->regions) {
			if (!r.second.dma || (r.second.file && r.second.file->id == new_id))
				continue;
			if (overlaps(r.second.paddr, r.second.len)) {
				snprintf(b, sizeof(b),
					 "ALLOC gave [0x%" PRIx64 ", +0x%" PRIx64 ") (file %" PRIu64 "), which "
					 "overlaps the live mapping at 0x%" PRIx64 " of [0x%" PRIx64 ", +0x%" PRIx64
					 ") (file %" PRIu64 ")", paddr, size, new_id, r.first, r.second.paddr,
					 r.second.len, r.second.file ? r.second.file->id : 0);
				return b;
			}
		}
	}
	// Learn the buffer.
	if (new_id && !bufs_.count(new_id)) {
		const osal_file *f = me.p->fds[static_cast<size_t>(fd)];
		if (f->name != TPU_DEV_PATH && f->name != ION_DEV_PATH)
			bufs_[new_id] = {size, paddr};
	}
	return "";
}

std::string AbiModel::mapped(const Call &c, int fd, uint64_t uaddr, uint64_t len, uint64_t off) const
{
	const ProcModel &pm = procs_[static_cast<size_t>(c.proc_)];
	auto it = pm.p->regions.find(uaddr);
	char b[256];

	if (it == pm.p->regions.end())
		return "";  // already unmapped by a sibling
	const UserRegion &r = it->second;
	uint64_t want = (len + kPage - 1) / kPage * kPage;
	if (!r.dma || r.len != want) {
		snprintf(b, sizeof(b), "mmap len 0x%" PRIx64 " mapped 0x%" PRIx64 " bytes (%s), not 0x%" PRIx64, len,
			 r.len, r.dma ? "DMA" : "heap", want);
		return b;
	}
	auto st = c.fd_states(fd);
	if (st.size() == 1 && st[0].buf && r.paddr != st[0].buf->paddr + off) {
		snprintf(b, sizeof(b), "mmap at offset 0x%" PRIx64 " mapped paddr 0x%" PRIx64 ", not buffer 0x%" PRIx64
			 " + offset", off, r.paddr, st[0].buf->paddr);
		return b;
	}
	return "";
}

std::string AbiModel::heap_query_result(uint32_t cnt_in, uint64_t heaps, uint32_t cnt_out,
					const std::vector<uint8_t> &after) const
{
	// driver.md: heaps == 0 reports cnt = 3; otherwise min(cnt, 3) entries
	// system/0/0, dma_coherent/1/1, carveout/2/2 and cnt = that number.
	static const char *const names[] = {"system", "dma_coherent", "carveout"};
	uint32_t n = heaps ? std::min<uint32_t>(cnt_in, 3) : 3;
	char b[200];

	if (cnt_out != n) {
		snprintf(b, sizeof(b), "HEAP_QUERY cnt=%u heaps=%s set cnt to %u, not %u", cnt_in,
			 heaps ? "set" : "0", cnt_out, n);
		return b;
	}
	if (!heaps)
		return "";
	for (uint32_t i = 0; i < n && (i + 1) * sizeof(ion_heap_data) <= after.size(); i++) {
		ion_heap_data d;
		std::memcpy(&d, after.data() + i * sizeof(d), sizeof(d));
		if (strncmp(d.name, names[i], sizeof(d.name)) != 0 || d.type != i || d.heap_id != i) {
			snprintf(b, sizeof(b), "HEAP_QUERY entry %u is %.32s/%u/%u, not %s/%u/%u", i, d.name, d.type,
				 d.heap_id, names[i], i, i);
			return b;
		}
	}
	for (size_t i = n * sizeof(ion_heap_data); i < after.size(); i++)
		if (after[i]) {
			snprintf(b, sizeof(b), "HEAP_QUERY cnt=%u wrote byte %zu of heaps[], past its %u entries", cnt_in,
				 i, n);
			return b;
		}
	return "";
}

} // namespace tpusim::fuzz
