// SPDX-License-Identifier: Apache-2.0
//
// kheap.cpp - the sim-OS kernel heap with KASAN-style shadow checking.
#include "kheap.h"

#include <cstring>
#include <new>
#include <sstream>
#include <sys/mman.h>

#include "simos.h"

namespace tpusim {

KernelHeap *KernelHeap::active_ = nullptr;

namespace {

// Reserved, not committed: the pages a run touches are all it costs.
constexpr size_t kArena = size_t(1) << 30;
constexpr size_t kGranule = 8;
// Redzone on each side of an object; it also keeps objects 16-byte aligned.
constexpr size_t kRedzone = 16;
// Freed objects wait here before their memory is reused, so a late access
// still finds them poisoned (Linux KASAN's quarantine; ASan's default is
// 256 MiB, the driver's objects are small).
constexpr size_t kQuarantineBytes = size_t(4) << 20;
// Reports about accesses that hit no object (arena never handed out).
constexpr unsigned kMaxWildReports = 8;

constexpr uint8_t kShadowRedzone = 0xFA;
constexpr uint8_t kShadowFreed = 0xFD;
constexpr uint8_t kShadowUnused = 0xFE;

size_t round_up(size_t v, size_t a) { return (v + a - 1) / a * a; }

} // namespace

KernelHeap::KernelHeap(SimOs &os) : os_(os)
{
	void *a = mmap(nullptr, kArena, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	void *s = mmap(nullptr, kArena / kGranule, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (a == MAP_FAILED || s == MAP_FAILED)
		throw std::bad_alloc();
	base_ = reinterpret_cast<uintptr_t>(a);
	size_ = kArena;
	shadow_ = static_cast<uint8_t *>(s);
	// The shadow of memory never handed out reads 0 (addressable) until
	// the bump pointer passes it; owns() and used_ keep checks inside.
	active_ = this;
}

KernelHeap::~KernelHeap()
{
	if (active_ == this)
		active_ = nullptr;
	munmap(reinterpret_cast<void *>(base_), size_);
	munmap(shadow_, size_ / kGranule);
}

void KernelHeap::poison(uintptr_t addr, size_t len, uint8_t value)
{
	std::memset(shadow_ + (addr - base_) / kGranule, value, len / kGranule);
}

std::string KernelHeap::name_of(const SimThread *t)
{
	return t ? t->name : "(no thread)";
}

void *KernelHeap::alloc(size_t size)
{
	size_t body = round_up(size ? size : 1, kRedzone);
	size_t chunk = kRedzone + body + kRedzone;
	uintptr_t c;
	auto fl = free_.find(chunk);

	if (fl != free_.end() && !fl->second.empty()) {
		c = fl->second.back();
		fl->second.pop_back();
	} else {
		if (size > kArena || used_ > kArena - chunk)
			return nullptr;
		c = base_ + used_;
		used_ += chunk;
	}
	uintptr_t obj = c + kRedzone;

	poison(c, kRedzone, kShadowRedzone);
	poison(obj, body, 0);
	poison(obj + body, kRedzone, kShadowRedzone);
	// The tail of a partly used granule, then whole granules, are redzone.
	size_t used = size ? size : 1;
	for (size_t g = round_up(used, kGranule); g < body; g += kGranule)
		shadow_[(obj + g - base_) / kGranule] = kShadowRedzone;
	if (used % kGranule)
		shadow_[(obj + used - base_) / kGranule] = static_cast<uint8_t>(used % kGranule);
	std::memset(reinterpret_cast<void *>(obj), 0, body);
	objects_[c] = Object{size, chunk, next_id_++, os_.current_or_null(), nullptr, sc_core::sc_time_stamp(), {},
			     true, false};
	return reinterpret_cast<void *>(obj);
}

void KernelHeap::free(void *p)
{
	uintptr_t c = reinterpret_cast<uintptr_t>(p) - kRedzone;
	Object &o = objects_.at(c);

	o.live = false;
	o.freed_by = os_.current_or_null();
	o.freed_at = sc_core::sc_time_stamp();
	o.reported = false;
	poison(c + kRedzone, o.chunk - 2 * kRedzone, kShadowFreed);
	quarantine_.push_back(c);
	quarantined_ += o.chunk;
	while (quarantined_ > kQuarantineBytes) {
		uintptr_t old = quarantine_.front();
		size_t n = objects_.at(old).chunk;

		quarantine_.pop_front();
		quarantined_ -= n;
		free_[n].push_back(old);
	}
}

void KernelHeap::check(uintptr_t addr, size_t size, bool write, uintptr_t ip)
{
	if (!owns(addr) || !size)
		return;
	size_t off = addr - base_;
	if (off >= used_ || size > used_ - off) {
		report(addr, size, write, ip, kShadowUnused);
		return;
	}
	for (size_t g = off / kGranule; g <= (off + size - 1) / kGranule; g++) {
		uint8_t s = shadow_[g];

		if (s == 0)
			continue;
		// A partly addressable granule: its first s bytes are the object's.
		size_t last = std::min(off + size, (g + 1) * kGranule) - g * kGranule;
		if (s < kGranule && last <= s)
			continue;
		report(addr, size, write, ip, s);
		return;
	}
}

void KernelHeap::report(uintptr_t addr, size_t size, bool write, uintptr_t ip, uint8_t shadow)
{
	(void)ip;  // a host address: not stable across runs, so not reported
	auto it = objects_.upper_bound(addr);
	Object *o = nullptr;
	uintptr_t c = 0;

	if (it != objects_.begin()) {
		--it;
		if (addr < it->first + it->second.chunk) {
			o = &it->second;
			c = it->first;
		}
	}
	std::ostringstream m;
	m << "driver " << (write ? "write" : "read") << " of " << size << " byte(s) ";
	if (!o) {
		if (wild_reports_++ >= kMaxWildReports)
			return;
		m << "inside the kernel heap but in no object it handed out";
		os_.findings().add(Checker::kernel_out_of_bounds, m.str());
		return;
	}
	if (o->reported)
		return;
	o->reported = true;
	long rel = static_cast<long>(addr - (c + kRedzone));
	if (rel < 0)
		m << -rel << " byte(s) before";
	else if (static_cast<size_t>(rel) >= o->size)
		m << rel - static_cast<long>(o->size) << " byte(s) past the end of";
	else
		m << "at offset " << rel << " of";
	m << " kernel object #" << o->id << " (" << o->size << " bytes, kzalloc by " << name_of(o->by) << " at "
	  << o->at.to_string();
	if (!o->live)
		m << ", kfree by " << name_of(o->freed_by) << " at " << o->freed_at.to_string();
	m << ")";
	bool uaf = shadow == kShadowFreed || (!o->live && rel >= 0 && static_cast<size_t>(rel) < o->size);
	os_.findings().add(uaf ? Checker::kernel_use_after_free : Checker::kernel_out_of_bounds, m.str());
}

} // namespace tpusim

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// The calls GCC's -fsanitize=kernel-address emits in call mode
// (--param asan-instrumentation-with-call-threshold=0).  Only the driver is
// built that way.
#define TPUSIM_KASAN_HOOK(n)                                                            \
	extern "C" void __asan_load##n##_noabort(uintptr_t a)                           \
	{                                                                               \
		if (tpusim::KernelHeap *h = tpusim::KernelHeap::active())               \
			h->check(a, n, false, (uintptr_t)__builtin_return_address(0));  \
	}                                                                               \
	extern "C" void __asan_store##n##_noabort(uintptr_t a)                          \
	{                                                                               \
		if (tpusim::KernelHeap *h = tpusim::KernelHeap::active())               \
			h->check(a, n, true, (uintptr_t)__builtin_return_address(0));   \
	}
TPUSIM_KASAN_HOOK(1)
TPUSIM_KASAN_HOOK(2)
TPUSIM_KASAN_HOOK(4)
TPUSIM_KASAN_HOOK(8)
TPUSIM_KASAN_HOOK(16)
#undef TPUSIM_KASAN_HOOK

extern "C" void __asan_loadN_noabort(uintptr_t a, size_t n)
{
	if (tpusim::KernelHeap *h = tpusim::KernelHeap::active())
		h->check(a, n, false, (uintptr_t)__builtin_return_address(0));
}

extern "C" void __asan_storeN_noabort(uintptr_t a, size_t n)
{
	if (tpusim::KernelHeap *h = tpusim::KernelHeap::active())
		h->check(a, n, true, (uintptr_t)__builtin_return_address(0));
}
#endif
