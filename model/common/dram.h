// SPDX-License-Identifier: Apache-2.0
//
// dram.h - the sparse DMA memory space shared by the CPU side and the TPU.
//
// Pages (4 KiB) are created on first write; reading a page never written
// returns zeros without allocating it, so a 1 GiB window costs only what a
// scenario touches.  Any access outside [base, base + size) fails: the
// engines turn that into their bus-error status, the TLM socket into
// TLM_ADDRESS_ERROR_RESPONSE.  An optional access hook lets checkers watch
// every DMA access (page ownership, coherence).
#ifndef TPUSIM_MODEL_DRAM_H
#define TPUSIM_MODEL_DRAM_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
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
	size_t pages_allocated() const { return pages_.size(); }

	// Called before every engine access that passed the window check; a
	// checker returns false to veto (the engine sees a bus error).
	using AccessHook = std::function<bool(DramInitiator, bool is_write, uint64_t addr, size_t len)>;
	void set_access_hook(AccessHook hook) { hook_ = std::move(hook); }

	// kmem_dram view for the C kernels, tagged with the accessing engine.
	kmem_dram kmem(DramInitiator who);

private:
	void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay);
	uint8_t *page(uint64_t addr, bool create);

	static int kmem_read_tdma(void *ctx, uint64_t addr, void *dst, size_t len);
	static int kmem_write_tdma(void *ctx, uint64_t addr, const void *src, size_t len);
	static int kmem_read_tiu(void *ctx, uint64_t addr, void *dst, size_t len);
	static int kmem_write_tiu(void *ctx, uint64_t addr, const void *src, size_t len);
	static int kmem_probe(void *ctx, uint64_t addr, size_t len);
	static int kmem_touch_tdma(void *ctx, uint64_t addr, size_t len, int write);
	static int kmem_touch_tiu(void *ctx, uint64_t addr, size_t len, int write);

	uint64_t base_;
	uint64_t size_;
	// Page number -> 4 KiB, carved in order from slabs of zeroed memory
	// from the kernel (a page costs no allocation and no memset of its
	// own, and a slab may be backed by huge pages).
	std::unordered_map<uint64_t, uint8_t *> pages_;
	struct Slab {
		void *base;
		size_t used;    // pages handed out
	};
	std::vector<Slab> slabs_;

public:
	~Dram() override;
	AccessHook hook_;
};

} // namespace tpusim

#endif
