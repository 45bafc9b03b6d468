// SPDX-License-Identifier: Apache-2.0
//
// dma_alloc.h - physically contiguous page allocator over the model's DRAM
// window, with the page-ownership record the DMA checker uses.
//
// Every TDMA/TIU access is checked against the live allocations: an access
// to pages that were freed is a DMA use-after-free, to pages never
// allocated a wild DMA; both are findings naming the engine and the range
// (the hardware would perform the access, so the model still does).
#ifndef TPUSIM_HARNESS_DMA_ALLOC_H
#define TPUSIM_HARNESS_DMA_ALLOC_H

#include <cstdint>
#include <map>
#include <string>

#include "dram.h"

namespace tpusim {

class SimOs;

class DmaAllocator {
public:
	DmaAllocator(SimOs &os, Dram &dram);

	// 0 or -ENOMEM; the range is zeroed.
	int alloc(uint64_t size, uint64_t *paddr);
	// Frees exactly one earlier allocation; anything else is a finding.
	void free(uint64_t paddr, uint64_t size);

	bool is_live(uint64_t addr, uint64_t len) const;
	size_t live_count() const { return live_.size(); }
	uint64_t allocations() const { return next_id_ - 1; }

private:
	struct Range {
		uint64_t size;
		uint64_t id;
	};

	bool check_access(DramInitiator who, bool is_write, uint64_t addr, size_t len);

	SimOs &os_;
	Dram &dram_;
	std::map<uint64_t, Range> live_;   // start -> allocation
	std::map<uint64_t, Range> freed_;  // start -> last allocation freed there
	std::map<uint64_t, uint64_t> holes_; // free space: start -> size
	std::map<uint64_t, uint64_t> misaligned_; // returned address -> allocation start
	uint64_t next_id_ = 1;
	uint64_t reported_ = 0;            // findings made (capped)
};

} // namespace tpusim

#endif
