// SPDX-License-Identifier: Apache-2.0
//
// dram.h - the sparse DMA memory space shared by the CPU side and the TPU.
//
// The whole window is one host range reserved without backing
// (mmap MAP_NORESERVE): the host kernel gives a page memory on its first
// write, and reading a page never written returns zeros without touching
// it, so a 1 GiB window costs only what a scenario touches.  Being
// contiguous, the range is also the kernel's linear mapping of DRAM for a
// hosted Linux driver (host_ptr(), osal_dma_kmap).  A bitmap records the
// pages written (pages_allocated()).  Any access outside
// [base, base + size) fails: the engines turn that into their bus-error
// status, the TLM socket into TLM_ADDRESS_ERROR_RESPONSE.  An optional access hook lets checkers watch
// every DMA access (page ownership, coherence).
#ifndef TPUSIM_MODEL_DRAM_H
#define TPUSIM_MODEL_DRAM_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "kmem.h"

namespace tpusim {

enum class DramInitiator { cpu, tdma, tiu };

class Dram : public sc_core::sc_module {
public:
	tlm_utils::simple_target_socket<Dram> cpu;  // CPU-side access through the bus

	Dram(sc_core::sc_module_name name, uint64_t base, uint64_t size);

	// 0, or -1 when any byte is outside the window (nothing copied).
	int read(uint64_t addr, void *dst, size_t len, DramInitiator who = DramInitiator::cpu);
	int write(uint64_t addr, const void *src, size_t len, DramInitiator who = DramInitiator::cpu);
	int fill(uint64_t addr, uint8_t byte, size_t len);
	// An engine access that moves no data (timing-only runs): the window
	// check and the access hook, as read/write would do them.
	int touch(uint64_t addr, size_t len, bool is_write, DramInitiator who);

	bool contains(uint64_t addr, size_t len) const;
	uint64_t base() const { return base_; }
	uint64_t size() const { return size_; }
	// Pages written so far (by write, a non-zero fill, or mapped through
	// host_ptr): what the scenario touched.
	size_t pages_allocated() const { return touched_count_; }

	// The live bytes of [addr, addr + len) as one host pointer (the
	// linear mapping); nullptr when any byte is outside the window.  The
	// caller may write through it, so its pages count as touched.  Such
	// accesses bypass the window's access hook.
	uint8_t *host_ptr(uint64_t addr, size_t len);
	// The inverse: the DRAM address of a host pointer into the range;
	// false when p is outside it.
	bool host_to_addr(const void *p, uint64_t *addr) const;

	// Called before every engine access that passed the window check; a
	// checker returns false to veto (the engine sees a bus error).
	using AccessHook = std::function<bool(DramInitiator, bool is_write, uint64_t addr, size_t len)>;
	void set_access_hook(AccessHook hook) { hook_ = std::move(hook); }

	// kmem_dram view for the C kernels, tagged with the accessing engine.
	kmem_dram kmem(DramInitiator who);

private:
	void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay);
	bool touched(uint64_t pn) const { return touched_[pn >> 6] >> (pn & 63) & 1; }
	void touch_pages(uint64_t addr, size_t len);

	static int kmem_read_tdma(void *ctx, uint64_t addr, void *dst, size_t len);
	static int kmem_write_tdma(void *ctx, uint64_t addr, const void *src, size_t len);
	static int kmem_read_tiu(void *ctx, uint64_t addr, void *dst, size_t len);
	static int kmem_write_tiu(void *ctx, uint64_t addr, const void *src, size_t len);
	static int kmem_probe(void *ctx, uint64_t addr, size_t len);
	static int kmem_touch_tdma(void *ctx, uint64_t addr, size_t len, int write);
	static int kmem_touch_tiu(void *ctx, uint64_t addr, size_t len, int write);

	uint64_t base_;
	uint64_t size_;
	uint8_t *mem_;                   // size_ bytes: DRAM address base_ + i at mem_[i]
	std::vector<uint64_t> touched_;  // one bit per page of the window, by page index
	size_t touched_count_ = 0;

public:
	~Dram() override;
	AccessHook hook_;
};

} // namespace tpusim

#endif
