// SPDX-License-Identifier: Apache-2.0
//
// dram.cpp - DMA memory: one host range over the whole window.
#include "dram.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <sys/mman.h>

#include "tpu/hwcfg.h"

namespace tpusim {

static constexpr uint64_t kPage = TPU_DRAM_PAGE_SIZE;

Dram::Dram(sc_core::sc_module_name name, uint64_t base, uint64_t size)
	: sc_module(name), cpu("cpu"), base_(base), size_(size)
{
	// Address space only: anonymous memory is zero-filled by the kernel
	// on first touch, and MAP_NORESERVE keeps an untouched window from
	// counting against the host's commit limit.  Huge pages where the
	// host offers them for the asking: the DMA allocator hands out
	// neighbouring pages, and one fault per 2 MiB instead of one per
	// 4 KiB is what the per-page slabs had (scenarios/stress.yaml runs
	// 1.7-2.1 s with 4 KiB faults, 0.9-1.2 s with huge pages).
	void *m = mmap(nullptr, size ? size : kPage, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (m == MAP_FAILED)
		throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
	madvise(m, size ? size : kPage, MADV_HUGEPAGE);
#endif
	mem_ = static_cast<uint8_t *>(m);
	touched_.assign((size / kPage + 1 + 63) / 64, 0);
	cpu.register_b_transport(this, &Dram::b_transport);
}

Dram::~Dram()
{
	munmap(mem_, size_ ? size_ : kPage);
}

bool Dram::contains(uint64_t addr, size_t len) const
{
	return addr >= base_ && len <= size_ && addr - base_ <= size_ - len;
}

void Dram::touch_pages(uint64_t addr, size_t len)
{
	if (!len)
		return;
	uint64_t first = (addr - base_) / kPage, last = (addr - base_ + len - 1) / kPage;

	for (uint64_t pn = first; pn <= last; pn++) {
		uint64_t &w = touched_[pn >> 6];
		uint64_t bit = uint64_t(1) << (pn & 63);

		if (!(w & bit)) {
			w |= bit;
			touched_count_++;
		}
	}
}

uint8_t *Dram::host_ptr(uint64_t addr, size_t len)
{
	if (!contains(addr, len))
		return nullptr;
	touch_pages(addr, len);
	return mem_ + (addr - base_);
}

bool Dram::host_to_addr(const void *p, uint64_t *addr) const
{
	auto a = reinterpret_cast<uintptr_t>(p), m = reinterpret_cast<uintptr_t>(mem_);

	if (a < m || a - m >= size_)
		return false;
	*addr = base_ + (a - m);
	return true;
}

int Dram::read(uint64_t addr, void *dst, size_t len, DramInitiator who)
{
	if (!contains(addr, len))
		return -1;
	if (who != DramInitiator::cpu && hook_ && !hook_(who, false, addr, len))
		return -1;
	auto *out = static_cast<uint8_t *>(dst);
	while (len) {
		uint64_t off = addr - base_;
		size_t n = std::min<size_t>(len, kPage - off % kPage);

		// A page never written is not read either: reading it would
		// make the host map a zero page for it.
		if (touched(off / kPage))
			std::memcpy(out, mem_ + off, n);
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
	if (len) {
		touch_pages(addr, len);
		std::memcpy(mem_ + (addr - base_), src, len);
	}
	return 0;
}

int Dram::fill(uint64_t addr, uint8_t byte, size_t len)
{
	if (!contains(addr, len))
		return -1;
	while (len) {
		uint64_t off = addr - base_;
		size_t n = std::min<size_t>(len, kPage - off % kPage);

		// A page never written reads as zeros: zeroing it need not
		// touch it (DMA allocations zero every page they hand out).
		if (byte || touched(off / kPage)) {
			touch_pages(addr, n);
			std::memset(mem_ + off, byte, n);
		}
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
