// SPDX-License-Identifier: Apache-2.0
//
// abi_ops.cpp - the system-call operations of the ABI fuzzers (abi_ops.h).
#include "abi_ops.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "errnos.h"
#include "ioctls.h"
#include "simos.h"
#include "test_job.h"
#include "tpu/hx_sys.h"
#include "vfs.h"

extern "C" {
#include "rt_desc.h"
#include "tpu/dmabuf.h"
#include "tpu/hwcfg.h"
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"
}

// driver/ion.h (a C header of the driver's tree): the ION buffer behind
// a file, NULL when it is no ION buffer file.
extern "C" struct ion_buffer *ion_buffer_from_file(struct osal_file *f);

namespace tpusim::fuzz {

namespace {
AbiRun *g_run;
} // namespace

void set_abi_run(AbiRun *run)
{
	g_run = run;
}

bool avoid_by_name(const std::string &name, Avoid &out)
{
#define TPUSIM_X(id, n, what)         \
	if (name == n) {              \
		out = Avoid::id;      \
		return true;          \
	}
	TPUSIM_FUZZ_AVOID(TPUSIM_X)
#undef TPUSIM_X
	return false;
}

std::string avoid_classes_help()
{
	std::string s;
#define TPUSIM_X(id, n, what) s += std::string("  ") + n + "  " + what + "\n";
	TPUSIM_FUZZ_AVOID(TPUSIM_X)
#undef TPUSIM_X
	return s;
}

constexpr size_t kLogKeep = 40;

void oplog(TState &t, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "[%12.6f ms] p%d.t%d #%u ", hx_now_ns() / 1e6, t.ps->index,
			 t.index, t.done_ops);

	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - static_cast<size_t>(n), fmt, ap);
	va_end(ap);
	if (g_run->verbose)
		fprintf(stderr, "%s\n", buf);
	t.log.emplace_back(buf);
	if (t.log.size() > kLogKeep)
		t.log.pop_front();
}

void bump(const std::string &k, uint64_t n)
{
	g_run->stats[k] += n;
}

// The names of harness/vocab/errnos.h; "-E<n>" for one it lacks.
const char *errname(long rc)
{
	if (rc >= 0)
		return rc == 0 ? "0" : "positive";
	static std::map<long, std::string> names;
	auto it = names.find(rc);
	if (it == names.end())
		it = names.emplace(rc, tpusim::rc_text(rc)).first;
	return it->second.c_str();
}

namespace {

// A return value the call's ABI does not allow makes the case fail.
void expect(TState &t, const char *what, long rc, std::initializer_list<int> errnos,
	    bool nonneg_ok = false)
{
	bump(std::string("rc.") + what + "." + (rc >= 0 ? (rc == 0 ? "0" : "fd") : errname(rc)));
	if (rc == 0 || (nonneg_ok && rc > 0))
		return;
	for (int e : errnos)
		if (rc == -e)
			return;
	char buf[256];
	snprintf(buf, sizeof(buf), "p%d.t%d: %s returned %ld (%s), not an errno its ABI allows",
		 t.ps->index, t.index, what, rc, errname(rc));
	g_run->abi_errors.push_back(buf);
	oplog(t, "  ^^^ %s", buf);
}

// ---- the oracle ------------------------------------------------------------------
//
// Every call runs inside a model Call (abi_model.h): what it looks at is
// registered before it is made, the call is finished right after it
// returns, and its result is compared with the model's prediction.  With
// --no-oracle none of this happens and expect() above is the only check.

struct OCall {
	bool on = false;
	Call c;
};

OCall obegin(TState &t, OpKind k = OpKind::plain, int fd = -1, FdKind makes = FdKind::any, bool submits = false)
{
	OCall o;
	o.on = g_run->oracle;
	if (o.on)
		o.c = g_run->model.begin(t.ps->index, t.tid, k, fd, makes, submits);
	return o;
}

// What the oracle finds wrong with a call of t.
void oracle_error(TState &t, const std::string &what)
{
	std::string msg = "p" + std::to_string(t.ps->index) + ".t" + std::to_string(t.index) + " (tid " +
			  std::to_string(t.tid) + "): " + what;
	g_run->abi_errors.push_back(msg);
	oplog(t, "  ^^^ oracle: %s", msg.c_str());
}

// A successful call whose effect the model finds wrong.
void ofail(TState &t, const std::string &call, const std::string &why)
{
	oracle_error(t, call + " succeeded, but " + why);
}

void ocheck(TState &t, const std::string &call, long rc, const Expect &e)
{
	bump("oracle.checks");
	if (!e.allows(rc))
		oracle_error(t, call + " returned " + rc_text(rc) + "; the ABI model allows " + e.text());
}

// Ends o's call once it has returned rc: the result checked against what
// the model predicts for it (predict(o.c)).
template <typename Predict> void oend(TState &t, OCall &o, const std::string &call, long rc, Predict predict)
{
	if (!o.on)
		return;
	o.c.finish();
	ocheck(t, call, rc, predict(o.c));
}

// ---- argument buffers -------------------------------------------------------

constexpr uint64_t kWild[] = {
	8, 0xdead0000ull, 0xFFFFFFFFFFFFFFFCull, 0xFFFFFFFFFFFFF000ull, 0x7FFFFFFFFFFFull,
	0x10000000ull - 4, 0x0FFFFFFFull,
};

uint64_t wild_addr(TState &t)
{
	Choices &r = t.r;
	PState &ps = *t.ps;

	if (!ps.dead_addrs.empty() && r.chance(30))
		return ps.dead_addrs[r.below(static_cast<uint32_t>(ps.dead_addrs.size()))] + r.below(64);
	if (!ps.heaps.empty() && r.chance(30)) {
		// Just past the end of a live region: the guard page.
		auto &hp = ps.heaps[r.below(static_cast<uint32_t>(ps.heaps.size()))];
		return hp.first + ((hp.second + 4095) & ~4095ull) + r.below(16);
	}
	if (r.chance(30))
		return r.next();
	return kWild[r.below(sizeof(kWild) / sizeof(kWild[0]))];
}

uint64_t new_heap(TState &t, size_t len)
{
	uint64_t a = hx_umalloc(len);

	if (a)
		t.ps->heaps.push_back({a, len});
	return a;
}

void drop_heap(TState &t, uint64_t a)
{
	auto &v = t.ps->heaps;
	for (size_t i = 0; i < v.size(); i++)
		if (v[i].first == a) {
			v.erase(v.begin() + static_cast<long>(i));
			break;
		}
	hx_ufree(a);
	t.ps->dead_addrs.push_back(a);
	if (t.ps->dead_addrs.size() > 64)
		t.ps->dead_addrs.erase(t.ps->dead_addrs.begin());
}

// Where an ioctl argument lives.  When `readable` the caller may read the
// result back from `addr` (`len` bytes hold the struct).
struct Arg {
	uint64_t addr = 0;
	const char *kind = "";
	bool readable = false;
	uint64_t heap = 0;   // heap region to free afterwards
	// What the bytes at addr are, for the oracle: private heap memory
	// holds what was written (and zeros after it); a mapping of a buffer
	// may change under the call (engine DMA, sibling stores): its bytes
	// are known only if they read back unchanged afterwards.
	std::vector<uint8_t> content;
	bool known = false, in_mapping = false;
};

// The argument whose len bytes of content the caller wrote at addr, in
// private heap memory.
Arg heap_arg(uint64_t addr, const void *content, size_t len)
{
	Arg a;

	a.addr = addr;
	a.kind = "valid";
	a.content.assign(static_cast<const uint8_t *>(content), static_cast<const uint8_t *>(content) + len);
	a.known = true;
	return a;
}

// Place `len` bytes of content as an argument, in one of several ways.
Arg place_arg(TState &t, const void *content, size_t len)
{
	Choices &r = t.r;
	Arg a;
	unsigned k = r.below(100);

	if (k < 62) {
		// Valid: exactly len bytes (sometimes more), holding content.
		size_t extra = r.chance(50) ? 0 : r.below(64);
		a.addr = new_heap(t, len + extra);
		if (a.addr && !hx_uwrite(a.addr, content, len)) {
			a = heap_arg(a.addr, content, len);
			a.readable = true;
			a.heap = a.addr;
			a.content.resize(len + extra);
			return a;
		}
	} else if (k < 68) {
		a.kind = "null";
		return a;
	} else if (k < 78) {
		a.kind = "wild";
		a.addr = wild_addr(t);
		return a;
	} else if (k < 88 && len > 1) {
		// Too short: the region ends before the struct does.
		size_t have = 1 + r.below(static_cast<uint32_t>(len - 1));
		a.addr = new_heap(t, have);
		if (a.addr) {
			hx_uwrite(a.addr, content, have);
			a = heap_arg(a.addr, content, have);
			a.kind = "short";
			a.heap = a.addr;
			return a;
		}
	} else if (k < 94) {
		// The struct in a mapped ION buffer (DMA memory, maybe cached).
		auto &maps = t.ps->maps;
		if (!maps.empty()) {
			MapInfo &m = maps[r.below(static_cast<uint32_t>(maps.size()))];
			if (m.len >= len) {
				a.addr = m.uaddr + r.below(static_cast<uint32_t>(std::min<uint64_t>(m.len - len + 1, 4096)));
				if (!hx_uwrite(a.addr, content, len)) {
					a.kind = "in-mapping";
					a.readable = true;
					a.content.assign(static_cast<const uint8_t *>(content),
							 static_cast<const uint8_t *>(content) + len);
					a.in_mapping = true;
					return a;
				}
			}
		}
	}
	// Random content in a valid region.
	std::vector<uint8_t> junk(len);
	r.fill(junk.data(), len);
	a.addr = new_heap(t, len);
	if (a.addr)
		hx_uwrite(a.addr, junk.data(), len);
	a.kind = "junk";
	a.heap = a.addr;
	a.content = junk;
	a.known = true;
	return a;
}

void release_arg(TState &t, const Arg &a)
{
	// Most argument areas are freed right away; some stay around as
	// targets for later wild pointers and munmaps.
	if (a.heap && t.r.chance(80))
		drop_heap(t, a.heap);
}

// An ioctl, checked by the oracle: the device fd, the argument, and what
// the argument's bytes may name (an fd at offset 0 or 4, a user pointer
// at offset 8) are watched while it runs.
long do_ioctl_made(TState &t, int fd, unsigned cmd, Arg &arg, const std::string &desc, Call *out)
{
	OCall o = cmd == ION_IOC_ALLOC		? obegin(t, OpKind::creates_fd, -1, FdKind::buf)
		  : cmd == CVITPU_SUBMIT_DMABUF ? obegin(t, OpKind::plain, -1, FdKind::any, true)
						: obegin(t);
	const std::vector<uint8_t> &b = arg.content;
	auto i32 = [&b](size_t off) {
		int32_t v;
		std::memcpy(&v, b.data() + off, sizeof(v));
		return v;
	};

	if (o.on) {
		o.c.watch_fd(fd);
		o.c.watch_mem(arg.addr);
		if (b.size() >= 4)
			o.c.watch_fd(i32(0));
		if (b.size() >= 8)
			o.c.watch_fd(i32(4));
		if (b.size() >= 16) {
			uint64_t p;
			std::memcpy(&p, b.data() + 8, sizeof(p));
			o.c.watch_mem(p);
		}
	}
	long rc = hx_ioctl(fd, cmd, arg.addr);
	if (!o.on)
		return rc;
	o.c.finish();
	if (arg.in_mapping) {
		// The input fields must read back as written (outputs excluded).
		size_t from = cmd == ION_IOC_IMPORT ? 4 : 0;
		size_t to = std::min<size_t>(b.size(), cmd == CVITPU_WAIT_DMABUF ? 4 : cmd == ION_IOC_IMPORT ? 8 : 16);
		std::vector<uint8_t> now(to > from ? to - from : 0);
		arg.known = from < to && !hx_uread(arg.addr + from, now.data(), now.size()) &&
			    std::equal(now.begin(), now.end(), b.begin() + static_cast<long>(from));
	}
	AbiModel &m = g_run->model;
	AbiModel::Arg ma;
	ma.addr = arg.addr;
	ma.content = b;
	ma.known = arg.known;
	ocheck(t, "ioctl(" + std::to_string(fd) + ", " + desc + ", " + arg.kind + " arg)", rc, m.ioctl(o.c, fd, cmd, ma));
	// What a success teaches: a queued job, a claimed one (its seq_no at
	// offset 4 of SUBMIT's argument, 0 of WAIT's).
	if (!rc && (cmd == CVITPU_SUBMIT_DMABUF || cmd == CVITPU_WAIT_DMABUF)) {
		const size_t at = cmd == CVITPU_SUBMIT_DMABUF ? 4 : 0;
		const bool known = arg.known && b.size() >= at + 4;
		const uint32_t seq = known ? static_cast<uint32_t>(i32(at)) : 0;
		if (cmd == CVITPU_SUBMIT_DMABUF)
			m.submitted(o.c, seq, known);
		else
			m.claimed(o.c, seq, known);
	}
	if (rc == -EFAULT && cmd == CVITPU_WAIT_DMABUF) {
		auto ok = o.c.mem_ok(arg.addr, sizeof(cvi_wait_dma_arg));
		if (std::find(ok.begin(), ok.end(), true) != ok.end())
			m.maybe_lost(o.c);
	}
	if (out)
		*out = o.c;
	return rc;
}

// a is the argument of a sibling's call in flight (--avoid tpu-bad-arg);
// if not, a is marked as being freed until unmark_freeing(t, a).
bool pinned_arg(TState &t, uint64_t a)
{
	const auto &v = t.ps->pinned_args;
	if (std::find(v.begin(), v.end(), a) == v.end()) {
		if (g_run->avoid)
			t.ps->freeing_args.push_back(a);
		return false;
	}
	oplog(t, "free/unmap of 0x%" PRIx64 " not made: a sibling's ioctl reads it (--avoid)", a);
	return true;
}

void unmark_freeing(TState &t, uint64_t a)
{
	auto &v = t.ps->freeing_args;
	auto it = std::find(v.begin(), v.end(), a);
	if (it != v.end())
		v.erase(it);
}

// fd is an ION buffer open in t's process that no sibling is closing.
bool is_buffer_fd(TState &t, int fd)
{
	const auto &fds = t.ps->proc->fds;
	const auto &closing = t.ps->closing_fds;
	return fd >= 0 && static_cast<size_t>(fd) < fds.size() && fds[static_cast<size_t>(fd)] &&
	       ion_buffer_from_file(fds[static_cast<size_t>(fd)]) &&
	       std::find(closing.begin(), closing.end(), fd) == closing.end();
}

// --avoid submit-bad-fd: would the driver see, in this SUBMIT, an fd that
// is no ION buffer of the process?  Read what the call will copy in (a
// private heap region: no sibling or engine writes it); an argument the
// copy cannot read is fine (nothing is queued), one in a mapping is not.
bool submit_names_bad_fd(TState &t, const Arg &arg, bool readable, int32_t bfd)
{
	if (arg.in_mapping)
		return true;
	return readable && !is_buffer_fd(t, bfd);
}

// An ioctl as the operations make it: unless an --avoid class keeps it
// away, do_ioctl_made; the buffer fd a SUBMIT names stays pinned (op_close
// leaves it open) while the call runs.
long do_ioctl(TState &t, int fd, unsigned cmd, Arg &arg, const std::string &desc, Call *out = nullptr)
{
	if (!g_run->avoid)
		return do_ioctl_made(t, fd, cmd, arg, desc, out);
	const char *avoided = nullptr;
	const bool tpu_cmd = ((cmd >> 8) & 0xFF) == 'p';
	// What the call will copy in: the argument struct of the command
	// (harness/vocab/ioctls.h; a driver copies its struct, whatever size
	// the number encodes), else the encoded size; at least a word.
	const IoctlInfo *info = ioctl_info(cmd);
	std::vector<uint8_t> now(std::max<size_t>(info ? info->arg.bytes : (cmd >> 16) & 0x3FFF, 4));
	const auto &freeing = t.ps->freeing_args;
	const bool readable = !arg.in_mapping && !hx_uread(arg.addr, now.data(), now.size()) &&
			      std::find(freeing.begin(), freeing.end(), arg.addr) == freeing.end();
	uint32_t first;
	std::memcpy(&first, now.data(), sizeof(first));
	if (tpu_cmd && g_run->avoids(Avoid::tpu_bad_arg) && !readable)
		avoided = "tpu-bad-arg";
	else if (cmd == CVITPU_SUBMIT_DMABUF && g_run->avoids(Avoid::submit_bad_fd) &&
		 submit_names_bad_fd(t, arg, readable, static_cast<int32_t>(first)))
		avoided = "submit-bad-fd";
	else if (g_run->avoids(Avoid::wait_nothing_queued) &&
		 (cmd == CVITPU_WAIT_PIO ||
		  (cmd == CVITPU_WAIT_DMABUF && (!readable || std::find(t.submitted.begin(), t.submitted.end(), first) ==
							       t.submitted.end()))))
		avoided = "wait-nothing-queued";
	if (avoided) {
		oplog(t, "ioctl(%d, %s, %s arg) not made (--avoid %s)", fd, desc.c_str(), arg.kind, avoided);
		bump(std::string("avoided.") + avoided);
		return -EBADF;
	}
	const bool pin_arg = tpu_cmd && g_run->avoids(Avoid::tpu_bad_arg);
	if (pin_arg)
		t.ps->pinned_args.push_back(arg.addr);
	int pinned = -1;
	if (cmd == CVITPU_SUBMIT_DMABUF && g_run->avoids(Avoid::submit_bad_fd) && readable) {
		// The fd was checked above (submit_names_bad_fd) with no system
		// call since its last one.
		std::memcpy(&pinned, now.data(), sizeof(pinned));
		t.ps->pinned_fds.push_back(pinned);
	}
	long rc = do_ioctl_made(t, fd, cmd, arg, desc, out);
	if (pinned >= 0) {
		auto &v = t.ps->pinned_fds;
		v.erase(std::find(v.begin(), v.end(), pinned));
	}
	if (pin_arg) {
		auto &v = t.ps->pinned_args;
		v.erase(std::find(v.begin(), v.end(), arg.addr));
	}
	return rc;
}

// ---- fds ----------------------------------------------------------------------

int any_fd(TState &t)
{
	Choices &r = t.r;
	PState &ps = *t.ps;
	unsigned k = r.below(100);

	if (k < 30 && !ps.bufs.empty())
		return ps.bufs[r.below(static_cast<uint32_t>(ps.bufs.size()))].fd;
	if (k < 50 && !ps.tpu_fds.empty())
		return ps.tpu_fds[r.below(static_cast<uint32_t>(ps.tpu_fds.size()))];
	if (k < 65 && !ps.ion_fds.empty())
		return ps.ion_fds[r.below(static_cast<uint32_t>(ps.ion_fds.size()))];
	if (k < 75 && !ps.closed_fds.empty())
		return ps.closed_fds[r.below(static_cast<uint32_t>(ps.closed_fds.size()))];
	if (k < 80 && !ps.other_fds.empty())
		return ps.other_fds[r.below(static_cast<uint32_t>(ps.other_fds.size()))];
	if (k < 92)
		return static_cast<int>(r.below(static_cast<uint32_t>(ps.proc->fds.size() + 3)));
	return r.pick<int>({-1, -2, 0x7FFFFFFF, static_cast<int>(0x80000000u), 1 << 20, 1024,
			    static_cast<int>(r.u32())});
}

int tpu_fd(TState &t)
{
	if (!t.ps->tpu_fds.empty() && t.r.chance(85))
		return t.ps->tpu_fds[t.r.below(static_cast<uint32_t>(t.ps->tpu_fds.size()))];
	return any_fd(t);
}

int ion_fd(TState &t)
{
	if (!t.ps->ion_fds.empty() && t.r.chance(85))
		return t.ps->ion_fds[t.r.below(static_cast<uint32_t>(t.ps->ion_fds.size()))];
	return any_fd(t);
}

int buf_fd(TState &t)
{
	if (!t.ps->bufs.empty() && t.r.chance(80))
		return t.ps->bufs[t.r.below(static_cast<uint32_t>(t.ps->bufs.size()))].fd;
	return any_fd(t);
}

template <typename V> void erase_value(V &v, int fd)
{
	v.erase(std::remove(v.begin(), v.end(), fd), v.end());
}

void forget_fd(PState &ps, int fd)
{
	erase_value(ps.tpu_fds, fd);
	erase_value(ps.ion_fds, fd);
	erase_value(ps.other_fds, fd);
	ps.bufs.erase(std::remove_if(ps.bufs.begin(), ps.bufs.end(),
				     [fd](const BufInfo &b) { return b.fd == fd; }),
		      ps.bufs.end());
}

// ---- command buffers ------------------------------------------------------------

// A small valid program (tensor copies and element-wise ops) whose global
// tensors point at arraybase 2 and 3, with those bases taken from the
// process's buffers (or random addresses), built for a buffer at paddr.
std::vector<uint8_t> make_cmdbuf(TState &t, uint64_t paddr, uint64_t room)
{
	Choices &r = t.r;
	rt_cmdbuf *cb = rt_cmdbuf_create();
	std::vector<uint8_t> img;

	if (!cb)
		return img;
	uint32_t h = 1 + r.below(8), w = 1 + r.below(32);
	rt_tensor gin, gout, la, lb;
	rt_tensor_global(&gin, r.chance(80) ? 0 : r.below(0x10000), 2, 1, 8, h, w);
	rt_tensor_global(&gout, r.chance(80) ? 0 : r.below(0x10000), 3, 1, 8, h, w);
	rt_tensor_local(&la, 0, 1, 8, h, w, TPU_CV181X_LANES, true);
	rt_tensor_local(&lb, rt_tensor_local_lane_bytes(&la), 1, 8, h, w, TPU_CV181X_LANES, true);
	unsigned n = 1 + r.below(6);
	for (unsigned i = 0; i < n; i++) {
		tdma_desc d;
		tiu_desc u;
		rt_tiu_eltwise_args e = {};
		switch (r.below(5)) {
		case 0:
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &gin, &la);
			rt_cmdbuf_tdma(cb, &d);
			break;
		case 1:
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &lb, &gout);
			rt_cmdbuf_tdma(cb, &d);
			break;
		case 2:
			e.op = static_cast<rt_tiu_op>(r.below(11));
			e.res = &lb;
			e.a = &la;
			e.b = &la;
			e.b_is_const = r.chance(50);
			e.b_const = static_cast<int16_t>(r.below(256));
			if (!rt_tiu_eltwise(&u, &e))
				rt_cmdbuf_tiu(cb, &u);
			break;
		case 3:
			rt_cmdbuf_sync(cb);
			break;
		default:
			rt_cmdbuf_parallel(cb, r.chance(50));
			break;
		}
	}
	rt_cmdbuf_parallel(cb, false);
	uint64_t base[8] = {0};
	auto &bufs = t.ps->bufs;
	for (unsigned i = 2; i < 4; i++) {
		if (!bufs.empty() && r.chance(85))
			base[i] = bufs[r.below(static_cast<uint32_t>(bufs.size()))].paddr;
		else
			base[i] = TPU_DRAM_BASE + (r.next() & 0x3FFFF000ull);
	}
	rt_build_opts opts = {};
	if (r.chance(10))
		opts.flags = r.below(16);
	if (r.chance(10))
		opts.pmubuf_size = r.below(4) * 16;
	long size = rt_dmabuf_size_opts(cb, &opts);
	if (size > 0 && static_cast<uint64_t>(size) <= room) {
		img.resize(static_cast<size_t>(size));
		if (rt_dmabuf_build_opts(cb, paddr, base, &opts, img.data(), img.size()) < 0)
			img.clear();
	}
	rt_cmdbuf_destroy(cb);
	return img;
}

void mutate(Choices &r, std::vector<uint8_t> &img)
{
	if (img.empty())
		return;
	switch (r.below(6)) {
	case 0:
		break;  // valid as built
	case 1: {   // a few random bit flips anywhere
		unsigned k = 1 + r.below(8);
		for (unsigned i = 0; i < k; i++)
			img[r.below(static_cast<uint32_t>(img.size()))] ^= static_cast<uint8_t>(1u << r.below(8));
		break;
	}
	case 2: {   // a header field
		tpu_dma_hdr hdr;
		std::memcpy(&hdr, img.data(), sizeof(hdr));
		switch (r.below(5)) {
		case 0: hdr.cpu_desc_count = r.pick<uint32_t>({0, 1, 2, 17, 0xFFFF, 0xFFFFFFFF, r.u32()}); break;
		case 1: hdr.pmubuf_offset = r.pick<uint32_t>({0, 16, hdr.dmabuf_size, 0xFFFFFFF0u, r.u32()});
			hdr.pmubuf_size = r.pick<uint32_t>({0, 16, 4096, 0xFFFFFFF0u, r.u32()});
			break;
		case 2: hdr.arraybase[r.below(8)].l = r.u32(); break;
		case 3: hdr.dmabuf_magic_m = static_cast<uint16_t>(r.u32()); break;
		default: hdr.dmabuf_size = r.u32(); break;
		}
		std::memcpy(img.data(), &hdr, sizeof(hdr));
		break;
	}
	case 3: {   // a segment descriptor field
		if (img.size() < TPU_DMABUF_HDR_SIZE + TPU_CPU_DESC_SIZE)
			break;
		tpu_cpu_sync_desc d;
		std::memcpy(&d, img.data() + TPU_DMABUF_HDR_SIZE, sizeof(d));
		switch (r.below(4)) {
		case 0: d.num_tiu = r.pick<uint32_t>({0, 1, 2, 0xFFFF, 0x10000, r.u32()}); break;
		case 1: d.num_tdma = r.pick<uint32_t>({0, 1, 2, 0xFFFF, 0x10000, r.u32()}); break;
		case 2: d.offset_tiu = r.u32(); break;
		default: d.offset_tdma = r.u32(); break;
		}
		std::memcpy(img.data() + TPU_DMABUF_HDR_SIZE, &d, sizeof(d));
		break;
	}
	case 4: {   // a random 32-bit word past the header
		if (img.size() < 136)
			break;
		size_t off = 128 + r.below(static_cast<uint32_t>(img.size() - 131)) / 4 * 4;
		uint32_t v = r.u32();
		std::memcpy(img.data() + off, &v, 4);
		break;
	}
	default: {  // a run of random bytes
		size_t off = r.below(static_cast<uint32_t>(img.size()));
		size_t n = std::min<size_t>(img.size() - off, 1 + r.below(64));
		r.fill(img.data() + off, n);
		break;
	}
	}
}

// ---- operations ------------------------------------------------------------------

uint64_t pick_len(Choices &r)
{
	switch (r.below(12)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 4095;
	case 3: return 4096;
	case 4: return 4097;
	case 5: return 64 * 1024;
	case 6: return 1 + r.below(r.chance(80) ? 2 << 20 : 8 << 20);  // up to 2 (8) MiB
	case 7: return r.pick<uint64_t>({UINT64_MAX, UINT64_MAX - 4094, UINT64_MAX - 4095,
					 0x8000000000ull, 0x40001000ull, 0x80000000ull});
	case 8: return 0x100000000ull | r.below(4096);  // wraps to small in 32 bits
	default: return 1 + r.below(16384);
	}
}

} // namespace

void op_open(TState &t)
{
	const char *path = t.r.pick<const char *>({TPU_DEV_PATH, TPU_DEV_PATH, ION_DEV_PATH,
						   ION_DEV_PATH, "/dev/nope", "", "/dev/cvi-tpu"});
	OCall o = obegin(t, OpKind::creates_fd, -1,
			 strcmp(path, TPU_DEV_PATH) == 0 ? FdKind::tpu : strcmp(path, ION_DEV_PATH) == 0 ? FdKind::ion
											: FdKind::closed);
	int fd = hx_open(path);

	oplog(t, "open(\"%s\") = %d", path, fd);
	expect(t, "open", fd, {ENOENT}, true);
	oend(t, o, std::string("open(\"") + path + "\")", fd, [&](const Call &) { return g_run->model.open(path); });
	if (fd >= 0) {
		erase_value(t.ps->closed_fds, fd);
		(strcmp(path, TPU_DEV_PATH) == 0 ? t.ps->tpu_fds : t.ps->ion_fds).push_back(fd);
	}
}

void op_close(TState &t)
{
	int fd = any_fd(t);
	const auto &pin = t.ps->pinned_fds;
	if (std::find(pin.begin(), pin.end(), fd) != pin.end()) {
		oplog(t, "close(%d) not made: a sibling's SUBMIT names it (--avoid)", fd);
		return;
	}
	if (g_run->avoid)
		t.ps->closing_fds.push_back(fd);
	OCall o = obegin(t, OpKind::close, fd);
	if (o.on)
		o.c.watch_fd(fd);
	int rc = hx_close(fd);
	if (g_run->avoid) {
		auto &v = t.ps->closing_fds;
		v.erase(std::find(v.begin(), v.end(), fd));
	}

	oplog(t, "close(%d) = %s", fd, errname(rc));
	expect(t, "close", rc, {EBADF});
	oend(t, o, "close(" + std::to_string(fd) + ")", rc, [&](const Call &c) { return g_run->model.close(c, fd); });
	if (!rc) {
		forget_fd(*t.ps, fd);
		t.ps->closed_fds.push_back(fd);
		if (t.ps->closed_fds.size() > 32)
			t.ps->closed_fds.erase(t.ps->closed_fds.begin());
	}
}

void op_dup(TState &t)
{
	int fd = any_fd(t);
	OCall o = obegin(t, OpKind::creates_fd);
	if (o.on)
		o.c.watch_fd(fd);
	int nfd = hx_dup(fd);

	oplog(t, "dup(%d) = %d", fd, nfd);
	expect(t, "dup", nfd, {EBADF}, true);
	oend(t, o, "dup(" + std::to_string(fd) + ")", nfd, [&](const Call &c) { return g_run->model.dup(c, fd); });
	if (nfd < 0)
		return;
	PState &ps = *t.ps;
	erase_value(ps.closed_fds, nfd);
	for (const BufInfo &b : ps.bufs)
		if (b.fd == fd) {
			BufInfo c = b;
			c.fd = nfd;
			ps.bufs.push_back(c);
			return;
		}
	if (std::count(ps.tpu_fds.begin(), ps.tpu_fds.end(), fd))
		ps.tpu_fds.push_back(nfd);
	else if (std::count(ps.ion_fds.begin(), ps.ion_fds.end(), fd))
		ps.ion_fds.push_back(nfd);
	else
		ps.other_fds.push_back(nfd);
}

void op_ion_alloc(TState &t)
{
	Choices &r = t.r;
	ion_allocation_data a;

	std::memset(&a, 0, sizeof(a));
	a.len = pick_len(r);
	a.heap_id_mask = r.pick<uint32_t>({1u << ION_HEAP_TYPE_CARVEOUT, 1u << ION_HEAP_TYPE_CARVEOUT, 1, 2, 7, 0,
					   0xFFFFFFFFu, 0x80000000u, r.u32()});
	a.flags = r.chance(50) ? ION_FLAG_CACHED : r.chance(80) ? 0 : r.u32();
	a.fd = r.u32();
	a.paddr = r.next();
	if (r.chance(30))
		r.fill(a.name, sizeof(a.name));  // no terminating NUL
	else
		strcpy(a.name, r.chance(50) ? "fuzz" : "");
	int fd = ion_fd(t);
	Arg arg = place_arg(t, &a, sizeof(a));
	char desc[128];
	snprintf(desc, sizeof(desc), "ION_ALLOC len=0x%" PRIx64 " mask=0x%x flags=0x%x", a.len, a.heap_id_mask,
		 a.flags);
	Call call;
	long rc = do_ioctl(t, fd, ION_IOC_ALLOC, arg, desc, &call);
	oplog(t, "ioctl(%d, %s, %s) = %s", fd, desc, arg.kind, errname(rc));
	expect(t, "ion.alloc", rc, {EFAULT, EINVAL, EBADF, ENOTTY, ENOMEM});
	if (!rc && arg.readable) {
		ion_allocation_data o;
		if (!hx_uread(arg.addr, &o, sizeof(o))) {
			uint64_t size = (a.len + 4095) & ~4095ull;
			oplog(t, "  -> fd=%u paddr=0x%" PRIx64, o.fd, o.paddr);
			// Only the values: another thread of the process may
			// already have closed the new fd (and freed the buffer)
			// while ALLOC copied the record out.
			bool ok = (o.paddr & 4095) == 0 && static_cast<int>(o.fd) >= 0 &&
				  SimOs::get().top().dram.contains(o.paddr, size);
			// The oracle: whole pages in DRAM, no overlap with a live
			// buffer; the model learns the buffer (a record in a
			// mapping may have been overwritten since: not judged).
			if (ok && g_run->oracle && !arg.in_mapping) {
				std::string bad = g_run->model.allocated(call, static_cast<int>(o.fd), o.paddr, size);
				if (!bad.empty())
					ofail(t, std::string("ioctl(") + std::to_string(fd) + ", " + desc + ")", bad);
			}
			if (!ok) {
				char buf[200];
				snprintf(buf, sizeof(buf), "p%d.t%d: ION_ALLOC succeeded with fd=%u paddr=0x%" PRIx64
					 " size 0x%" PRIx64 ": not an fd / not a page in DRAM", t.ps->index, t.index,
					 o.fd, o.paddr, size);
				g_run->abi_errors.push_back(buf);
			}
			erase_value(t.ps->closed_fds, static_cast<int>(o.fd));
			t.ps->bufs.push_back({static_cast<int>(o.fd), o.paddr, size});
			bump("ion.alloc.ok");
		}
	}
	release_arg(t, arg);
}

void op_ion_misc(TState &t)
{
	Choices &r = t.r;
	int fd = ion_fd(t);
	unsigned k = r.below(5);

	if (k == 0) {  // FREE
		uint32_t handle = static_cast<uint32_t>(buf_fd(t));
		Arg arg = place_arg(t, &handle, sizeof(handle));
		long rc = do_ioctl(t, fd, ION_IOC_FREE, arg, "ION_FREE handle=" + std::to_string(static_cast<int>(handle)));
		oplog(t, "ioctl(%d, ION_FREE, %s handle=%d) = %s", fd, arg.kind, static_cast<int>(handle), errname(rc));
		expect(t, "ion.free", rc, {EFAULT, EINVAL, EBADF, ENOTTY});
		release_arg(t, arg);
	} else if (k == 1) {  // IMPORT
		ion_fd_data d = {static_cast<int32_t>(r.u32()), buf_fd(t)};
		Arg arg = place_arg(t, &d, sizeof(d));
		long rc = do_ioctl(t, fd, ION_IOC_IMPORT, arg, "ION_IMPORT fd=" + std::to_string(d.fd));
		oplog(t, "ioctl(%d, ION_IMPORT, %s fd=%d) = %s", fd, arg.kind, d.fd, errname(rc));
		expect(t, "ion.import", rc, {EFAULT, EINVAL, EBADF, ENOTTY});
		if (!rc && arg.readable) {
			ion_fd_data o;
			if (!hx_uread(arg.addr, &o, sizeof(o)) && o.handle != o.fd)
				g_run->abi_errors.push_back("ION_IMPORT handle != fd");
		}
		release_arg(t, arg);
	} else if (k == 2) {  // HEAP_QUERY
		ion_heap_query q;
		std::memset(&q, 0, sizeof(q));
		q.cnt = r.pick<uint32_t>({0, 1, 2, 3, 4, 16, 0xFFFFFFFFu, r.u32()});
		uint64_t heaps = 0;
		size_t room = 0;  // bytes at heaps, zeroed (a fresh heap region)
		const char *hk = "null";
		switch (r.below(4)) {
		case 0: break;
		case 1: heaps = wild_addr(t); hk = "wild"; break;
		case 2: {  // room for min(cnt, 3) or fewer
			room = sizeof(ion_heap_data) * (1 + r.below(4));
			heaps = new_heap(t, room);
			hk = "heap";
			break;
		}
		default:
			room = 1 + r.below(60);
			heaps = new_heap(t, room);
			hk = "short";
			break;
		}
		q.heaps = heaps;
		Arg arg = place_arg(t, &q, sizeof(q));
		char desc[96];
		snprintf(desc, sizeof(desc), "ION_HEAP_QUERY cnt=%u heaps=%s", q.cnt, hk);
		long rc = do_ioctl(t, fd, ION_IOC_HEAP_QUERY, arg, desc);
		oplog(t, "ioctl(%d, %s, %s) = %s", fd, desc, arg.kind, errname(rc));
		expect(t, "ion.heap_query", rc, {EFAULT, EINVAL, EBADF, ENOTTY});
		if (!rc && arg.readable) {
			ion_heap_query o;
			if (!hx_uread(arg.addr, &o, sizeof(o)) && (o.cnt > 3 || (heaps && o.cnt > q.cnt)))
				g_run->abi_errors.push_back("ION_HEAP_QUERY returned cnt " + std::to_string(o.cnt));
			// The oracle: cnt, the entries, and not one byte past
			// them (the heap regions are private and start zeroed).
			std::vector<uint8_t> after(room);
			if (g_run->oracle && !arg.in_mapping && !hx_uread(arg.addr, &o, sizeof(o)) &&
			    !hx_uread(heaps, after.data(), after.size())) {
				std::string bad = g_run->model.heap_query_result(q.cnt, heaps, o.cnt, after);
				if (!bad.empty())
					ofail(t, std::string("ioctl(") + std::to_string(fd) + ", " + desc + ")", bad);
			}
		}
		release_arg(t, arg);
	} else {  // an unknown or misdirected command
		unsigned cmd = r.pick<unsigned>({r.u32(), TPU_IOWR('I', r.below(16), r.below(128)),
						 ION_IOC_ALLOC & ~0x3FFF0000u, ION_IOC_ALLOC ^ 0x40000000u,
						 CVITPU_SUBMIT_DMABUF, CVITPU_WAIT_DMABUF});
		uint8_t junk[64];
		r.fill(junk, sizeof(junk));
		Arg arg = place_arg(t, junk, sizeof(junk));
		// A TPU command on an ION device fd is unknown there; on a TPU fd
		// (any_fd may give one) it is a real TPU ioctl on junk.
		if (cmd == CVITPU_WAIT_DMABUF && !t.slow_waits)
			cmd = CVITPU_SUBMIT_DMABUF;
		if (cmd == CVITPU_WAIT_DMABUF)
			t.slow_waits--;
		char desc[48];
		snprintf(desc, sizeof(desc), "0x%08x junk", cmd);
		long rc = do_ioctl(t, fd, cmd, arg, desc);
		oplog(t, "ioctl(%d, 0x%08x, %s junk) = %s", fd, cmd, arg.kind, errname(rc));
		expect(t, "ion.other", rc, {EFAULT, EINVAL, EBADF, ENOTTY, ENOMEM, ETIMEDOUT, EINTR});
		release_arg(t, arg);
	}
}

void op_mmap(TState &t)
{
	Choices &r = t.r;
	PState &ps = *t.ps;
	int fd;
	const BufInfo *b = nullptr;

	if (!ps.bufs.empty() && r.chance(80)) {
		b = &ps.bufs[r.below(static_cast<uint32_t>(ps.bufs.size()))];
		fd = b->fd;
	} else {
		fd = any_fd(t);
	}
	uint64_t size = b ? b->size : 4096;
	uint64_t len, off;
	switch (r.below(8)) {
	case 0: case 1: case 2: len = size; break;
	case 3: len = size + 1; break;
	case 4: len = r.pick<uint64_t>({0, 1, UINT64_MAX, UINT64_MAX - 4094, UINT64_MAX - 4095, 2 * size}); break;
	default: len = 1 + r.below(static_cast<uint32_t>(std::min<uint64_t>(size, 1u << 20))); break;
	}
	switch (r.below(8)) {
	case 0: case 1: case 2: case 3: off = 0; break;
	case 4: off = size; break;
	case 5: off = r.pick<uint64_t>({1, 4096, 8192, size - 4096, UINT64_MAX & ~4095ull}); break;
	case 6: off = static_cast<uint64_t>(r.below(4)) * 4096; break;
	default: off = r.next(); break;
	}
	uint64_t uaddr = 0;
	uint64_t paddr = b ? b->paddr : 0;
	OCall o = obegin(t);
	if (o.on)
		o.c.watch_fd(fd);
	long rc = hx_mmap(fd, len, off, &uaddr);
	oplog(t, "mmap(fd=%d, len=0x%" PRIx64 ", off=0x%" PRIx64 ") = %s uaddr=0x%" PRIx64, fd, len, off,
	      errname(rc), uaddr);
	expect(t, "mmap", rc, {EINVAL, ENODEV, EBADF});
	if (o.on) {
		o.c.finish();
		char desc[96];
		snprintf(desc, sizeof(desc), "mmap(fd=%d, len=0x%" PRIx64 ", off=0x%" PRIx64 ")", fd, len, off);
		ocheck(t, desc, rc, g_run->model.mmap(o.c, fd, len, off));
		if (!rc) {
			std::string bad = g_run->model.mapped(o.c, fd, uaddr, len, off);
			if (!bad.empty())
				ofail(t, desc, bad);
		}
	}
	if (!rc) {
		// The sim-OS rounds the length up to pages.
		uint64_t plen = (len + 4095) & ~4095ull;
		// b may point to a buffer another fd number now names; paddr is
		// only a guess then (cmdbuf images built for it are still fine
		// garbage).
		MapInfo m = {uaddr, plen, paddr ? paddr + off : 0, paddr && !(off & 4095)};
		ps.maps.push_back(m);
		bump("mmap.ok");
	}
}

void op_munmap(TState &t)
{
	Choices &r = t.r;
	PState &ps = *t.ps;
	uint64_t a;
	const char *kind;
	unsigned k = r.below(10);

	if (k < 6 && !ps.maps.empty()) {
		size_t i = r.below(static_cast<uint32_t>(ps.maps.size()));
		a = ps.maps[i].uaddr;
		kind = "mapping";
	} else if (k < 8 && !ps.heaps.empty()) {
		a = ps.heaps[r.below(static_cast<uint32_t>(ps.heaps.size()))].first;
		kind = "heap";
	} else {
		a = wild_addr(t);
		kind = "wild";
	}
	if (pinned_arg(t, a))
		return;
	OCall o = obegin(t);
	if (o.on)
		o.c.watch_mem(a);
	int rc = hx_munmap(a);
	unmark_freeing(t, a);
	oplog(t, "munmap(%s 0x%" PRIx64 ") = %s", kind, a, errname(rc));
	expect(t, "munmap", rc, {EINVAL});
	char desc[64];
	snprintf(desc, sizeof(desc), "munmap(0x%" PRIx64 ")", a);
	oend(t, o, desc, rc, [&](const Call &c) { return g_run->model.munmap(c, a); });
	if (!rc) {
		ps.maps.erase(std::remove_if(ps.maps.begin(), ps.maps.end(),
					     [a](const MapInfo &m) { return m.uaddr == a; }),
			      ps.maps.end());
		ps.heaps.erase(std::remove_if(ps.heaps.begin(), ps.heaps.end(),
					      [a](const std::pair<uint64_t, size_t> &hp) { return hp.first == a; }),
			       ps.heaps.end());
		ps.dead_addrs.push_back(a);
	}
}

// --avoid desc-count-past-end: a store over a header's segment count
// writes one that fits the mapping (no random draw, so every other choice
// of the case stays the same).
static void keep_desc_count_inside(std::vector<uint8_t> &img, uint64_t off, uint64_t len)
{
	const uint64_t at = offsetof(tpu_dma_hdr, cpu_desc_count);
	uint32_t n;

	if (off > at || off + img.size() < at + sizeof(n) || len < TPU_DMABUF_HDR_SIZE)
		return;
	std::memcpy(&n, img.data() + (at - off), sizeof(n));
	const uint64_t fit = (len - TPU_DMABUF_HDR_SIZE) / TPU_CPU_DESC_SIZE;
	if (n > fit) {
		n = static_cast<uint32_t>(fit);
		std::memcpy(img.data() + (at - off), &n, sizeof(n));
	}
}

// CPU stores into a mapping: random bytes, or a (maybe mutated) cmdbuf
// image; sometimes followed by a cache flush through the TPU fd.
void op_write_mapping(TState &t)
{
	Choices &r = t.r;
	PState &ps = *t.ps;

	if (ps.maps.empty())
		return;
	MapInfo m = ps.maps[r.below(static_cast<uint32_t>(ps.maps.size()))];
	std::vector<uint8_t> img;
	uint64_t off = 0;
	const char *what;

	if (m.cmdbuf_ok && r.chance(70)) {
		img = make_cmdbuf(t, m.paddr, m.len);
		mutate(r, img);
		what = "cmdbuf";
	}
	if (img.empty()) {
		img.resize(1 + r.below(512));
		r.fill(img.data(), img.size());
		off = r.chance(70) ? 0 : r.below(static_cast<uint32_t>(std::min<uint64_t>(m.len + 64, 1u << 20)));
		what = "junk";
	}
	if (g_run->avoids(Avoid::desc_count_past_end))
		keep_desc_count_inside(img, off, m.len);
	int rc = hx_uwrite(m.uaddr + off, img.data(), img.size());
	oplog(t, "store %s %zu bytes at mapping 0x%" PRIx64 "+0x%" PRIx64 " = %s", what, img.size(), m.uaddr, off,
	      errname(rc));
	bump(std::string("store.") + what + (rc ? ".fault" : ".ok"));
	if (!rc && m.paddr && r.chance(70) && !ps.tpu_fds.empty()) {
		cvi_cache_op_arg a = {};
		a.paddr = (m.paddr + off) & ~63ull;
		a.size = (img.size() + 127) & ~63ull;
		uint64_t ua = new_heap(t, sizeof(a));
		int fd = ps.tpu_fds[r.below(static_cast<uint32_t>(ps.tpu_fds.size()))];
		if (ua && !hx_uwrite(ua, &a, sizeof(a))) {
			Arg arg = heap_arg(ua, &a, sizeof(a));
			long rc2 = do_ioctl(t, fd, CVITPU_DMABUF_FLUSH, arg, "DMABUF_FLUSH");
			oplog(t, "  ioctl(%d, DMABUF_FLUSH) = %s", fd, errname(rc2));
			expect(t, "tpu.flush", rc2, {EBADF, ENOTTY, EFAULT});
		}
		if (ua)
			drop_heap(t, ua);
	}
}

void op_read_mapping(TState &t)
{
	Choices &r = t.r;
	if (t.ps->maps.empty())
		return;
	MapInfo m = t.ps->maps[r.below(static_cast<uint32_t>(t.ps->maps.size()))];
	uint8_t buf[256];
	uint64_t off = r.below(static_cast<uint32_t>(std::min<uint64_t>(m.len + 64, 1u << 20)));
	int rc = hx_uread(m.uaddr + off, buf, 1 + r.below(sizeof(buf)));
	oplog(t, "load from mapping 0x%" PRIx64 "+0x%" PRIx64 " = %s", m.uaddr, off, errname(rc));
}

namespace {

uint32_t pick_seq(TState &t)
{
	Choices &r = t.r;
	if (!t.submitted.empty() && r.chance(70))
		return t.submitted[r.below(static_cast<uint32_t>(t.submitted.size()))];
	return r.pick<uint32_t>({0, 1, 2, t.next_seq, 0xFFFFFFFFu, r.u32()});
}

} // namespace

void op_tpu_ioctl(TState &t)
{
	Choices &r = t.r;
	int fd = tpu_fd(t);
	unsigned k = r.below(100);
	char desc[160];
	uint8_t content[64];
	size_t len;
	unsigned cmd;
	bool is_wait = false, is_submit = false;
	uint32_t seq = 0;

	r.fill(content, sizeof(content));
	if (k < 28) {  // SUBMIT
		cvi_submit_dma_arg a = {buf_fd(t), t.r.chance(60) ? t.next_seq++ : pick_seq(t)};
		std::memcpy(content, &a, sizeof(a));
		len = sizeof(a);
		cmd = CVITPU_SUBMIT_DMABUF;
		is_submit = true;
		seq = a.seq_no;
		snprintf(desc, sizeof(desc), "SUBMIT fd=%d seq=%u", a.fd, a.seq_no);
	} else if (k < 45) {  // WAIT
		cvi_wait_dma_arg a = {pick_seq(t), static_cast<int32_t>(r.u32())};
		bool mine = std::count(t.submitted.begin(), t.submitted.end(), a.seq_no) != 0;
		if (!mine) {
			// A WAIT that finds nothing costs 10 s of virtual time.
			if (!t.slow_waits && !t.submitted.empty())
				a.seq_no = t.submitted[0];
			else if (t.slow_waits)
				t.slow_waits--;
		}
		std::memcpy(content, &a, sizeof(a));
		len = sizeof(a);
		cmd = CVITPU_WAIT_DMABUF;
		is_wait = true;
		seq = a.seq_no;
		snprintf(desc, sizeof(desc), "WAIT seq=%u", a.seq_no);
	} else if (k < 60) {  // FLUSH / INVLD by address
		cvi_cache_op_arg a = {};
		auto &bufs = t.ps->bufs;
		if (!bufs.empty() && r.chance(60)) {
			const BufInfo &b = bufs[r.below(static_cast<uint32_t>(bufs.size()))];
			a.paddr = b.paddr + r.below(static_cast<uint32_t>(b.size));
			a.size = r.chance(50) ? b.size : r.below(static_cast<uint32_t>(b.size) + 128);
		} else {
			a.paddr = r.pick<uint64_t>({0, TPU_DRAM_BASE, TPU_DRAM_BASE + TPU_DRAM_DEFAULT_SIZE - 64,
						    TPU_DRAM_BASE + TPU_DRAM_DEFAULT_SIZE, UINT64_MAX - 63, r.next()});
			a.size = r.pick<uint64_t>({0, 1, 64, 4096, UINT64_MAX, r.next()});
		}
		a.dma_fd = buf_fd(t);
		std::memcpy(content, &a, sizeof(a));
		len = sizeof(a);
		cmd = r.chance(50) ? CVITPU_DMABUF_FLUSH : CVITPU_DMABUF_INVLD;
		snprintf(desc, sizeof(desc), "%s paddr=0x%" PRIx64 " size=0x%" PRIx64,
			 cmd == CVITPU_DMABUF_FLUSH ? "FLUSH" : "INVLD", a.paddr, a.size);
	} else if (k < 70) {  // FLUSH_FD / INVLD_FD
		int32_t bfd = buf_fd(t);
		std::memcpy(content, &bfd, sizeof(bfd));
		len = sizeof(bfd);
		cmd = r.chance(50) ? CVITPU_DMABUF_FLUSH_FD : CVITPU_DMABUF_INVLD_FD;
		snprintf(desc, sizeof(desc), "%s fd=%d", cmd == CVITPU_DMABUF_FLUSH_FD ? "FLUSH_FD" : "INVLD_FD", bfd);
	} else if (k < 85) {  // every other command of the ABI, random argument
		static const unsigned cmds[] = {
			CVITPU_SUBMIT_DMABUF, CVITPU_DMABUF_FLUSH_FD, CVITPU_DMABUF_INVLD_FD,
			CVITPU_DMABUF_FLUSH, CVITPU_DMABUF_INVLD, CVITPU_PIO_MODE, CVITPU_LOAD_TEE,
			CVITPU_SUBMIT_TEE, CVITPU_UNLOAD_TEE, CVITPU_SUBMIT_PIO, CVITPU_WAIT_PIO,
			CVITPU_GET_USAGE,
		};
		cmd = cmds[r.below(sizeof(cmds) / sizeof(cmds[0]))];
		len = r.pick<size_t>({8, 16, 24, 48, 64});
		snprintf(desc, sizeof(desc), "%s random", tpusim::ioctl_name(cmd));
	} else {  // unknown commands: wrong direction or size bits, other magic, random
		unsigned nr = r.pick<unsigned>({0u, 0x0Eu, 0x0Fu, 0x10u, 0xFFu, 1u + r.below(13)});
		cmd = r.pick<unsigned>({TPU_IOC(r.below(4), 'p', nr, r.below(0x4000)),
					TPU_IOW('p', nr, 8), TPU_IOWR('p', nr, 16), r.u32(),
					ION_IOC_ALLOC, ION_IOC_HEAP_QUERY});
		if (cmd == CVITPU_WAIT_DMABUF)
			cmd = CVITPU_PIO_MODE;  // no uncounted 10 s waits
		len = sizeof(content);
		snprintf(desc, sizeof(desc), "0x%08x random", cmd);
	}
	Arg arg = place_arg(t, content, len);
	long rc = do_ioctl(t, fd, cmd, arg, desc);
	oplog(t, "ioctl(%d, %s, %s) = %s", fd, desc, arg.kind, errname(rc));
	expect(t, "tpu.ioctl", rc, {EFAULT, EBADF, ENOTTY, EOPNOTSUPP, ETIMEDOUT, EINTR, EINVAL, ENOMEM});
	if (is_submit && !rc && std::strcmp(arg.kind, "valid") == 0) {
		t.submitted.push_back(seq);
		bump("submit.ok");
	}
	if (is_wait && !rc) {
		cvi_wait_dma_arg o = {};
		auto it = std::find(t.submitted.begin(), t.submitted.end(), seq);
		if (it != t.submitted.end())
			t.submitted.erase(it);
		bump("wait.ok");
		if (arg.readable && !hx_uread(arg.addr, &o, sizeof(o))) {
			bump(std::string("job.") + errname(o.ret));
			const auto &ok = g_run->job_results_ok;
			if (!(o.ret == 0 || o.ret == -EINVAL || o.ret == -EFAULT || o.ret == -ETIMEDOUT ||
			      o.ret == -EIO || std::find(ok.begin(), ok.end(), o.ret) != ok.end())) {
				char buf[160];
				snprintf(buf, sizeof(buf), "p%d.t%d: WAIT seq=%u gave job result %d", t.ps->index,
					 t.index, seq, o.ret);
				g_run->abi_errors.push_back(buf);
			}
			oplog(t, "  -> ret=%d", o.ret);
		}
	}
	if (is_wait && rc == -ETIMEDOUT)
		bump("wait.timeout");
	release_arg(t, arg);
}

void op_rw(TState &t)
{
	Choices &r = t.r;
	int fd = any_fd(t);
	bool wr = r.chance(50);
	size_t len = r.pick<size_t>({0, 1, 8, 4096, static_cast<size_t>(r.u32())});
	uint64_t ua = r.chance(50) ? wild_addr(t) : new_heap(t, 16);
	OCall o = obegin(t);
	if (o.on)
		o.c.watch_fd(fd);
	long rc = wr ? hx_write(fd, ua, len) : hx_read(fd, ua, len);
	oplog(t, "%s(%d, 0x%" PRIx64 ", %zu) = %s", wr ? "write" : "read", fd, ua, len, errname(rc));
	expect(t, wr ? "write" : "read", rc, {EBADF, EINVAL, EFAULT});
	oend(t, o, std::string(wr ? "write(" : "read(") + std::to_string(fd) + ", ..., " + std::to_string(len) + ")",
	     rc, [&](const Call &c) { return g_run->model.rw(c, fd); });
}

void op_heap(TState &t)
{
	Choices &r = t.r;
	if (r.chance(50) || t.ps->heaps.empty()) {
		uint64_t a = new_heap(t, 1 + r.below(4096));
		oplog(t, "umalloc = 0x%" PRIx64, a);
	} else {
		uint64_t a = t.ps->heaps[r.below(static_cast<uint32_t>(t.ps->heaps.size()))].first;
		if (pinned_arg(t, a))
			return;
		oplog(t, "ufree(0x%" PRIx64 ")", a);
		drop_heap(t, a);
		unmark_freeing(t, a);
	}
}

// Many SUBMITs of one buffer in a row: the throttle (more than 100 queued
// tasks) and the done-list bound (64 unclaimed results, oldest dropped).
void op_burst(TState &t)
{
	Choices &r = t.r;
	int tfd = tpu_fd(t), bfd = buf_fd(t);
	unsigned k = 20 + r.below(111), ok = 0;
	if (g_run->avoids(Avoid::long_burst))
		k = std::min(k, 12u);
	uint64_t ua = new_heap(t, sizeof(cvi_submit_dma_arg));

	if (!ua)
		return;
	for (unsigned i = 0; i < k; i++) {
		cvi_submit_dma_arg a = {bfd, t.next_seq++};
		if (hx_uwrite(ua, &a, sizeof(a)))
			break;  // a sibling unmapped it
		Arg arg = heap_arg(ua, &a, sizeof(a));
		long rc = do_ioctl(t, tfd, CVITPU_SUBMIT_DMABUF, arg,
				   "SUBMIT fd=" + std::to_string(bfd) + " seq=" + std::to_string(a.seq_no) + " (burst)");
		expect(t, "tpu.ioctl", rc, {EFAULT, EBADF, ENOTTY, ENOMEM});
		if (rc)
			break;
		ok++;
		if (r.chance(30))
			t.submitted.push_back(a.seq_no);
	}
	oplog(t, "burst of %u SUBMIT(fd=%d) on fd %d: %u queued", k, bfd, tfd, ok);
	bump("burst.submits", ok);
	drop_heap(t, ua);
}

// A complete, correct job in the middle of the noise (other threads of the
// process may close its fds: results are not checked here).
void op_valid_job(TState &t)
{
	rt_dev dev;
	TestJob j;
	int ret = 1;

	j.seed = static_cast<uint8_t>(t.r.u32());
	j.h = 1 + t.r.below(8);
	// Through the runtime: the model sees none of its calls, only that
	// fds came and went while it ran (and which job it left behind).
	OCall o = obegin(t, OpKind::opaque, -1, FdKind::any, true);
	if (rt_dev_open(&dev)) {
		oplog(t, "valid job: open failed");
		if (o.on)
			o.c.finish();
		return;
	}
	int rc = j.prepare(&dev);
	uint32_t seq = t.next_seq++;
	if (!rc && g_run->avoids(Avoid::submit_bad_fd) && !is_buffer_fd(t, j.cmd.fd)) {
		rc = -EBADF;   // a sibling closed it
		bump("avoided.submit-bad-fd");
	} else if (!rc && g_run->avoids(Avoid::submit_bad_fd)) {
		// Its command buffer stays open until SUBMIT has taken it.
		t.ps->pinned_fds.push_back(j.cmd.fd);
		rc = rt_submit(&dev, &j.cmd, seq);
		auto &v = t.ps->pinned_fds;
		v.erase(std::find(v.begin(), v.end(), j.cmd.fd));
	} else if (!rc) {
		rc = rt_submit(&dev, &j.cmd, seq);
	}
	int wrc = rc ? rc : rt_wait(&dev, seq, &ret);
	oplog(t, "valid job seq=%u: prepare/submit %s, wait %s, ret %d", seq, errname(rc), errname(wrc), ret);
	bump(std::string("validjob.") + (rc ? "setup-failed" : wrc ? "wait-failed" : ret ? "job-failed" : "ok"));
	j.release();
	rt_dev_close(&dev);
	if (o.on) {
		o.c.finish();
		// SUBMIT accepted it; its WAIT claimed it (or a job of this
		// thread with the same seq_no), or it is still outstanding.
		if (!rc) {
			g_run->model.submitted(o.c, seq, true);
			if (!wrc)
				g_run->model.claimed(o.c, seq, true);
		}
	}
}

// Process exit: stop the sibling threads (a signal interrupts a WAIT),
// wait for them, then close every fd and unmap everything, as exit does.
void op_exit(TState &t)
{
	PState &ps = *t.ps;
	SimOs &os = SimOs::get();
	SimThread *self = os.current();

	oplog(t, "exit process");
	ps.dying = true;
	if (g_run->oracle)
		g_run->model.signal(ps.index);
	for (SimThread *s : ps.threads)
		if (s != self && s->state != ThreadState::done)
			os.send_signal(s);
	for (SimThread *s : ps.threads)
		while (s != self && s->state != ThreadState::done)
			hx_usleep(100);
	os.vfs().exit_process(ps.proc);
	bump("exit");
}

void op_sleep(TState &t)
{
	Choices &r = t.r;
	uint64_t us = r.chance(80) ? r.below(200) : r.below(20000);

	oplog(t, "usleep(%" PRIu64 ")", us);
	hx_usleep(us);
}

// Block (without a hart) until thread s has ended.
void join(SimThread *s)
{
	SimOs &os = SimOs::get();
	SimThread *self = os.current();

	while (s->state != ThreadState::done) {
		os.release_hart(self);
		self->state = ThreadState::blocked;
		self->waits_on = "fuzz thread " + s->name;
		sc_core::wait(s->exit_ev);
		self->waits_on.clear();
		os.acquire_hart(self);
	}
}

// Checkers whose findings random garbage legitimately causes.
bool expected_checker(const std::string &name)
{
	// The engines do what a garbage (or mutated) descriptor tells them:
	// reads and writes anywhere in DRAM, including pages freed earlier.
	// A garbage writer never flushes or invalidates its cached buffers.
	return name == "wild-dma" || name == "dma-use-after-free" || name == "coherence";
}

} // namespace tpusim::fuzz
