// SPDX-License-Identifier: Apache-2.0
//
// dma_alloc.cpp - first-fit contiguous allocator and the DMA checker.
#include "dma_alloc.h"

#include <sstream>

#include "cache.h"
#include "simos.h"
#include "vfs.h"

namespace tpusim {

static constexpr uint64_t kPage = TPU_DRAM_PAGE_SIZE;
// Stop reporting after this many bad accesses: one broken job can touch
// every row of a tensor.
static constexpr uint64_t kMaxReports = 32;

DmaAllocator::DmaAllocator(SimOs &os, Dram &dram) : os_(os), dram_(dram)
{
	holes_[dram.base()] = dram.size();
	dram_.set_access_hook([this](DramInitiator who, bool w, uint64_t a, size_t len) {
		return check_access(who, w, a, len);
	});
}

int DmaAllocator::alloc(uint64_t size, uint64_t *paddr)
{
	if (os_.inject(InjectKind::dma_alloc, nullptr, size))
		return -ENOMEM;
	if (os_.faults().fail_dma_alloc) {
		os_.faults().fail_dma_alloc--;
		return -ENOMEM;
	}
	size = (size + kPage - 1) / kPage * kPage;
	if (!size)
		return -EINVAL;
	bool misalign = os_.faults().dma_alloc_misalign > 0;
	if (misalign) {
		os_.faults().dma_alloc_misalign--;
		size += kPage;
	}
	for (auto it = holes_.begin(); it != holes_.end(); ++it) {
		if (it->second < size)
			continue;
		uint64_t start = it->first, left = it->second - size;

		holes_.erase(it);
		if (left)
			holes_[start + size] = left;
		live_[start] = {size, next_id_++};
		freed_.erase(start);
		dram_.fill(start, 0, size);
		*paddr = start;
		if (misalign) {
			*paddr = start + 64;
			misaligned_[*paddr] = start;
		}
		return 0;
	}
	return -ENOMEM;
}

void DmaAllocator::free(uint64_t paddr, uint64_t size)
{
	size = (size + kPage - 1) / kPage * kPage;
	auto mis = misaligned_.find(paddr);
	if (mis != misaligned_.end()) {
		paddr = mis->second;
		size += kPage;
		misaligned_.erase(mis);
	}
	auto it = live_.find(paddr);

	if (it == live_.end() || it->second.size != size) {
		std::ostringstream os;

		os << "dma_free(0x" << std::hex << paddr << ", 0x" << size
		   << ") does not match a live allocation (double free or wrong size)";
		os_.findings().add(Checker::bad_dma_free, os.str());
		return;
	}
	// Linux keeps pages a user mapping covers until the mapping goes;
	// freeing them earlier hands the process memory of whatever gets the
	// pages next.
	std::string mapper = os_.vfs().dma_mapped(paddr, size);
	if (!mapper.empty()) {
		std::ostringstream os;

		os << "DMA buffer #" << it->second.id << " (0x" << std::hex << size
		   << " bytes) freed while user mapping " << mapper << " still covers it";
		os_.findings().add(Checker::dma_freed_while_mapped, os.str());
	}
	freed_[paddr] = it->second;
	live_.erase(it);
	// Coalesce with the neighbouring holes.
	auto next = holes_.lower_bound(paddr);
	if (next != holes_.end() && next->first == paddr + size) {
		size += next->second;
		next = holes_.erase(next);
	}
	if (next != holes_.begin()) {
		auto prev = std::prev(next);
		if (prev->first + prev->second == paddr) {
			prev->second += size;
			return;
		}
	}
	holes_[paddr] = size;
}

bool DmaAllocator::is_live(uint64_t addr, uint64_t len) const
{
	auto it = live_.upper_bound(addr);

	if (it == live_.begin())
		return false;
	--it;
	return addr - it->first + len <= it->second.size;
}

bool DmaAllocator::check_access(DramInitiator who, bool is_write, uint64_t addr, size_t len)
{
	// Coherence with the CPU data cache first (nothing to do while the
	// cache holds no line); it never vetoes an access.
	if (CpuCache *c = os_.cpu_cache())
		c->dma_access(who, is_write, addr, len);
	if (is_live(addr, len) || reported_ >= kMaxReports)
		return true;
	reported_++;

	std::ostringstream os;
	auto f = freed_.upper_bound(addr);
	bool was_freed = false;

	if (f != freed_.begin()) {
		--f;
		was_freed = addr < f->first + f->second.size;
	}
	os << (who == DramInitiator::tdma ? "TDMA" : "TIU") << (is_write ? " write" : " read")
	   << " of 0x" << std::hex << len << " bytes at 0x" << addr;
	if (was_freed)
		os << " hits DMA buffer #" << std::dec << f->second.id << " after it was freed";
	else
		os << " outside every allocated DMA buffer";
	os_.findings().add(was_freed ? Checker::dma_use_after_free : Checker::wild_dma, os.str());
	return true;
}

} // namespace tpusim
