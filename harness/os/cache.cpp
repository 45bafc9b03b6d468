// SPDX-License-Identifier: Apache-2.0
//
// cache.cpp - the per-line CPU data-cache model and the coherence checker
// (cache.h).
#include "cache.h"

#include <algorithm>
#include <cstring>
#include <sstream>

#include "simos.h"
#include "vfs.h"

namespace tpusim {

static const char *engine(DramInitiator who)
{
	return who == DramInitiator::tiu ? "TIU" : who == DramInitiator::tdma ? "TDMA" : "CPU";
}

CpuCache::CpuCache(SimOs &os) : os_(os), dram_(os.top().dram)
{
}

uint64_t CpuCache::range_end(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (end < addr)  // wrapped: everything above addr
		return UINT64_MAX;
	// Round up to a line, saturating at the top of the address space.
	uint64_t up = end + (kCpuCacheLine - 1);
	return up < end ? UINT64_MAX : line_of(up);
}

std::string CpuCache::proc_name(const Process *p)
{
	if (!p)
		return "the CPU";
	return "process " + p->name + " (pid " + std::to_string(p->pid) + ")";
}

void CpuCache::report(const std::string &message)
{
	if (reported_ >= kMaxCoherenceFindings)
		return;
	reported_++;
	os_.findings().add(Checker::coherence, message);
}

CpuCache::Line *CpuCache::fill(uint64_t line)
{
	auto it = lines_.find(line);

	if (it != lines_.end())
		return &it->second;
	Line l;
	if (dram_.read(line, l.data, kCpuCacheLine))
		return nullptr;
	return &lines_.emplace(line, l).first->second;
}

void CpuCache::write_back(uint64_t line, Line &l)
{
	if (!l.dirty)
		return;
	dram_.write(line, l.data, kCpuCacheLine);
	l.dirty = false;
	l.writer = nullptr;
}

// One finding per CPU access that met stale lines: the first, and how
// many.  access and did name the access ("CPU read of", "read line"), harm
// what follows from it.
void CpuCache::report_stale(const StaleSeen &s, const Process *p, const char *access,
			    const char *did, const char *harm)
{
	if (!s.count)
		return;
	std::ostringstream os;

	os << access << " DMA-written data never invalidated: " << proc_name(p) << " " << did << " 0x"
	   << std::hex << s.first << std::dec;
	if (s.count > 1)
		os << " (and " << s.count - 1 << " more)";
	os << " through a cached mapping; the " << engine(s.by) << " wrote it after the CPU cached it"
	   << harm;
	report(os.str());
}

int CpuCache::load(const Process *p, uint64_t paddr, void *dst, size_t len)
{
	auto *out = static_cast<uint8_t *>(dst);
	StaleSeen stale;

	if (!dram_.contains(paddr, len))
		return -1;
	while (len) {
		uint64_t line = line_of(paddr);
		size_t off = paddr - line;
		size_t n = std::min<size_t>(len, kCpuCacheLine - off);
		Line *l = fill(line);

		if (!l)
			return -1;
		if (l->stale)
			stale.note(line, *l);
		std::memcpy(out, l->data + off, n);
		out += n;
		paddr += n;
		len -= n;
	}
	report_stale(stale, p, "CPU read of", "read line",
		     " and no invalidate (DMABUF_INVLD / sync_for_cpu) came in between, so the CPU "
		     "got stale data");
	return 0;
}

int CpuCache::store(const Process *p, uint64_t paddr, const void *src, size_t len)
{
	auto *in = static_cast<const uint8_t *>(src);
	StaleSeen stale;

	if (!dram_.contains(paddr, len))
		return -1;
	while (len) {
		uint64_t line = line_of(paddr);
		size_t off = paddr - line;
		size_t n = std::min<size_t>(len, kCpuCacheLine - off);
		Line *l = fill(line);

		if (!l)
			return -1;
		if (l->stale && n == kCpuCacheLine)
			l->stale = false;  // fully rewritten: nothing stale left
		else if (l->stale)
			stale.note(line, *l);
		std::memcpy(l->data + off, in, n);
		l->dirty = true;
		l->writer = p;
		in += n;
		paddr += n;
		len -= n;
	}
	report_stale(stale, p, "CPU write into", "wrote part of line",
		     ", so the line's write-back will put stale bytes over the device's data");
	return 0;
}

int CpuCache::kernel_read(uint64_t paddr, void *dst, size_t len)
{
	auto *out = static_cast<uint8_t *>(dst);

	if (dram_.read(paddr, dst, len))
		return -1;
	if (lines_.empty() || !len)
		return 0;
	uint64_t end = paddr + len;  // inside DRAM: no wrap
	for (auto it = range_begin(paddr); it != lines_.end() && it->first < end; ++it) {
		uint64_t lo = std::max(paddr, it->first);
		uint64_t hi = std::min(end, it->first + kCpuCacheLine);

		std::memcpy(out + (lo - paddr), it->second.data + (lo - it->first), hi - lo);
	}
	return 0;
}

int CpuCache::kernel_write(uint64_t paddr, const void *src, size_t len)
{
	auto *in = static_cast<const uint8_t *>(src);

	if (dram_.write(paddr, src, len))
		return -1;
	if (lines_.empty() || !len)
		return 0;
	uint64_t end = paddr + len;
	for (auto it = range_begin(paddr); it != lines_.end() && it->first < end; ++it) {
		uint64_t lo = std::max(paddr, it->first);
		uint64_t hi = std::min(end, it->first + kCpuCacheLine);

		std::memcpy(it->second.data + (lo - it->first), in + (lo - paddr), hi - lo);
	}
	return 0;
}

void CpuCache::clean(uint64_t paddr, uint64_t size)
{
	if (lines_.empty() || !size)
		return;
	uint64_t end = range_end(paddr, size);

	for (auto it = range_begin(paddr); it != lines_.end() && it->first < end; ++it)
		write_back(it->first, it->second);
}

void CpuCache::invalidate(uint64_t paddr, uint64_t size)
{
	if (lines_.empty() || !size)
		return;
	uint64_t end = range_end(paddr, size);

	for (auto it = range_begin(paddr); it != lines_.end() && it->first < end;) {
		write_back(it->first, it->second);
		it = lines_.erase(it);
	}
}

void CpuCache::dma_access(DramInitiator who, bool is_write, uint64_t addr, size_t len)
{
	if (lines_.empty() || !len)
		return;
	uint64_t end = range_end(addr, len);
	uint64_t first_dirty = 0;
	size_t dirty = 0;
	const Process *writer = nullptr;

	for (auto it = range_begin(addr); it != lines_.end() && it->first < end; ++it) {
		Line &l = it->second;

		if (l.dirty && !dirty++) {
			first_dirty = it->first;
			writer = l.writer;
		}
		if (is_write) {
			l.stale = true;
			l.stale_by = who;
		}
	}
	if (!dirty)
		return;
	std::ostringstream os;

	os << (is_write ? "DMA write to a line dirty in the CPU cache: "
			: "DMA read of a line the CPU wrote but never flushed: ")
	   << engine(who) << (is_write ? " write" : " read") << " of 0x" << std::hex << len
	   << " bytes at 0x" << addr << " covers line 0x" << first_dirty << std::dec;
	if (dirty > 1)
		os << " (and " << dirty - 1 << " more)";
	os << " written by " << proc_name(writer) << " through a cached mapping and not cleaned "
	   << "(no DMABUF_FLUSH / sync_for_device)";
	if (is_write)
		os << "; the line's later write-back will clobber the device's data";
	else
		os << "; the engine read stale DRAM";
	report(os.str());
}

size_t CpuCache::dirty_lines() const
{
	size_t n = 0;

	for (const auto &kv : lines_)
		n += kv.second.dirty;
	return n;
}

bool CpuCache::dirty(uint64_t paddr) const
{
	auto it = lines_.find(line_of(paddr));

	return it != lines_.end() && it->second.dirty;
}

} // namespace tpusim
