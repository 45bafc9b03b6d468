// SPDX-License-Identifier: Apache-2.0
//
// dram.cpp - sparse paged DMA memory.
#include "dram.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <sys/mman.h>

#include "tpu/hwcfg.h"

namespace tpusim {

static constexpr uint64_t kPage = TPU_DRAM_PAGE_SIZE;
// 2 MiB: a huge page where the kernel offers them for the asking.
static constexpr size_t kSlab = 2u << 20;

Dram::Dram(sc_core::sc_module_name name, uint64_t base, uint64_t size)
	: sc_module(name), cpu("cpu"), base_(base), size_(size)
{
	cpu.register_b_transport(this, &Dram::b_transport);
}

Dram::~Dram()
{
	for (const Slab &s : slabs_)
		munmap(s.base, kSlab);
}

bool Dram::contains(uint64_t addr, size_t len) const
{
	return addr >= base_ && len <= size_ && addr - base_ <= size_ - len;
}

uint8_t *Dram::page(uint64_t addr, bool create)
{
	uint64_t pn = addr / kPage;
	auto it = pages_.find(pn);

	if (it != pages_.end())
		return it->second;
	if (!create)
		return nullptr;
	if (slabs_.empty() || slabs_.back().used == kSlab / kPage) {
		// Anonymous memory is zero-filled by the kernel on first touch.
		void *m = mmap(nullptr, kSlab, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
		madvise(m, kSlab, MADV_HUGEPAGE);
#endif
		slabs_.push_back({m, 0});
	}
	uint8_t *p = static_cast<uint8_t *>(slabs_.back().base) + slabs_.back().used++ * kPage;
	pages_.emplace(pn, p);
	return p;
}

int Dram::read(uint64_t addr, void *dst, size_t len, DramInitiator who)
{
	if (!contains(addr, len))
		return -1;
	if (who != DramInitiator::cpu && hook_ && !hook_(who, false, addr, len))
		return -1;
	auto *out = static_cast<uint8_t *>(dst);
	while (len) {
		size_t off = addr % kPage;
		size_t n = std::min<size_t>(len, kPage - off);
		const uint8_t *p = page(addr, false);

		if (p)
			std::memcpy(out, p + off, n);
		else
			std::memset(out, 0, n);
		out += n;
		addr += n;
		len -= n;
	}
	return 0;
}

int Dram::touch(uint64_t addr, size_t len, bool is_write, DramInitiator who)
{
	if (!contains(addr, len))
		return -1;
	return hook_ && !hook_(who, is_write, addr, len) ? -1 : 0;
}

int Dram::write(uint64_t addr, const void *src, size_t len, DramInitiator who)
{
	if (!contains(addr, len))
		return -1;
	if (who != DramInitiator::cpu && hook_ && !hook_(who, true, addr, len))
		return -1;
	auto *in = static_cast<const uint8_t *>(src);
	while (len) {
		size_t off = addr % kPage;
		size_t n = std::min<size_t>(len, kPage - off);

		std::memcpy(page(addr, true) + off, in, n);
		in += n;
		addr += n;
		len -= n;
	}
	return 0;
}

int Dram::fill(uint64_t addr, uint8_t byte, size_t len)
{
	if (!contains(addr, len))
		return -1;
	while (len) {
		size_t off = addr % kPage;
		size_t n = std::min<size_t>(len, kPage - off);
		// A page never written reads as zeros: zeroing it need not
		// create it (DMA allocations zero every page they hand out).
		uint8_t *p = page(addr, byte != 0);

		if (p)
			std::memset(p + off, byte, n);
		addr += n;
		len -= n;
	}
	return 0;
}

void Dram::b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay)
{
	(void)delay;
	if (p.get_byte_enable_ptr()) {
		p.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
		return;
	}
	uint64_t addr = p.get_address();
	int rc = p.is_write() ? write(addr, p.get_data_ptr(), p.get_data_length())
			      : read(addr, p.get_data_ptr(), p.get_data_length());
	p.set_response_status(rc ? tlm::TLM_ADDRESS_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
}

int Dram::kmem_read_tdma(void *ctx, uint64_t addr, void *dst, size_t len)
{
	return static_cast<Dram *>(ctx)->read(addr, dst, len, DramInitiator::tdma);
}

int Dram::kmem_write_tdma(void *ctx, uint64_t addr, const void *src, size_t len)
{
	return static_cast<Dram *>(ctx)->write(addr, src, len, DramInitiator::tdma);
}

int Dram::kmem_read_tiu(void *ctx, uint64_t addr, void *dst, size_t len)
{
	return static_cast<Dram *>(ctx)->read(addr, dst, len, DramInitiator::tiu);
}

int Dram::kmem_write_tiu(void *ctx, uint64_t addr, const void *src, size_t len)
{
	return static_cast<Dram *>(ctx)->write(addr, src, len, DramInitiator::tiu);
}

int Dram::kmem_probe(void *ctx, uint64_t addr, size_t len)
{
	return static_cast<Dram *>(ctx)->contains(addr, len) ? 0 : -1;
}

int Dram::kmem_touch_tdma(void *ctx, uint64_t addr, size_t len, int write)
{
	return static_cast<Dram *>(ctx)->touch(addr, len, write != 0, DramInitiator::tdma);
}

int Dram::kmem_touch_tiu(void *ctx, uint64_t addr, size_t len, int write)
{
	return static_cast<Dram *>(ctx)->touch(addr, len, write != 0, DramInitiator::tiu);
}

kmem_dram Dram::kmem(DramInitiator who)
{
	static const kmem_ops tdma_ops = {kmem_read_tdma, kmem_write_tdma, kmem_probe, kmem_touch_tdma};
	static const kmem_ops tiu_ops = {kmem_read_tiu, kmem_write_tiu, kmem_probe, kmem_touch_tiu};

	return kmem_dram{who == DramInitiator::tiu ? &tiu_ops : &tdma_ops, this};
}

} // namespace tpusim
