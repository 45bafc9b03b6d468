// SPDX-License-Identifier: Apache-2.0
//
// cache.h - the C906 data cache as seen through CACHED user mappings of DMA
// buffers, and the coherence checker (DESIGN.md decision 4).
//
// Model.  One write-back, write-allocate cache for the whole machine, keyed
// by physical line address (the C906 cache is physically tagged; with the
// default single hart there is nothing else to share it with).  Lines are
// allocated only by user accesses through cached mappings (Vfs::user_copy of
// a region mapped with osal_vma_map_dma(..., cached = true)); uncached
// mappings access DRAM directly, and the TPU engines always see DRAM.
// Capacity and replacement are not modelled: a line stays cached until
// cache maintenance or unmap removes it, so a missing flush or invalidate is
// always visible (on silicon an eviction may hide it by luck).
//
// The kernel's mapping (osal_dma_read/write) never allocates lines and is
// not checked, but it is coherent with lines already cached, as on silicon:
// the cache is physically tagged, and the kernel mapping of a cached ION
// buffer is cacheable too.  A kernel read returns the cached bytes of lines
// present (e.g. the dmabuf header the runtime patched and never flushed —
// the driver sees it, the engines would not); a kernel write updates DRAM
// and the bytes of lines present, leaving their dirty state alone
// (ASSUMED: kernel stores are modelled write-through).
//
//   user store     line filled from DRAM if absent, updated, marked dirty;
//                  DRAM is not updated until the line is cleaned
//   user load      the cached line if present, else filled from DRAM (clean)
//   clean          osal_dma_sync_for_device: dirty lines in the range are
//                  written back and stay cached, clean (T-Head dcache.cpa)
//   invalidate     osal_dma_sync_for_cpu: lines in the range are dropped;
//                  dirty ones are written back first, because the T-Head
//                  primitive is dcache.cipa (write back + invalidate)
//   unmap / exit   the mapping's dirty lines are written back and all its
//                  lines dropped (CHOICE: the kernel cleans on unmap/free in
//                  practice; doing it at unmap makes the write-back land at a
//                  defined point, before the pages can be freed)
//
// Checker ("coherence" findings, at most kMaxCoherenceFindings per run):
//   * a TDMA/TIU read of a line dirty in the cache: the engine reads stale
//     DRAM ("DMA read of a line the CPU wrote but never flushed");
//   * a TDMA/TIU write to a line dirty in the cache: the later write-back
//     clobbers the device's data ("DMA write to a line dirty in the CPU
//     cache");
//   * a user load of a cached line the TDMA/TIU wrote after it was filled
//     ("CPU read of DMA-written data never invalidated"): the stale cached
//     bytes are returned, as on silicon;
//   * a user store that updates only part of such a line: its write-back
//     will put the stale rest of the line over the device's data.
// A DMA write marks the cached lines it covers stale (the "DMA write after
// fill" epoch test, kept as one flag per cached line: lines not cached need
// no record, since a later fill reads the fresh DRAM).  The DMA-side check
// is one ordered-map lookup per engine access, and nothing at all while the
// cache holds no line.
#ifndef TPUSIM_HARNESS_CACHE_H
#define TPUSIM_HARNESS_CACHE_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "dram.h"
#include "tpu/hwcfg.h"

namespace tpusim {

class SimOs;
struct Process;

// The line the simulated cache tracks: TPU_CPU_CACHE_LINE (hwcfg.h, with
// its source), the same figure the runtime rounds its cache ioctls to.
static constexpr uint64_t kCpuCacheLine = TPU_CPU_CACHE_LINE;

// A broken job can touch every line of a tensor: stop reporting after this
// many coherence findings in one run.
static constexpr unsigned kMaxCoherenceFindings = 16;

class CpuCache {
public:
	explicit CpuCache(SimOs &os);

	// CPU loads and stores through a cached mapping by process p (named in
	// findings; may be null).  0, or -1 when a byte is outside DRAM.
	int load(const Process *p, uint64_t paddr, void *dst, size_t len);
	int store(const Process *p, uint64_t paddr, const void *src, size_t len);

	// The kernel mapping (osal_dma_read/write): DRAM, coherent with the
	// lines present, never allocating.  0, or -1 outside DRAM.
	int kernel_read(uint64_t paddr, void *dst, size_t len);
	int kernel_write(uint64_t paddr, const void *src, size_t len);

	// Cache maintenance over every line overlapping [paddr, paddr + size).
	void clean(uint64_t paddr, uint64_t size);       // write back, keep
	void invalidate(uint64_t paddr, uint64_t size);  // write back dirty, drop
	// Unmap of a cached mapping: same as invalidate (see above).
	void evict(uint64_t paddr, uint64_t size) { invalidate(paddr, size); }

	// The checker, for every TDMA/TIU access (Dram's access hook).
	void dma_access(DramInitiator who, bool is_write, uint64_t addr, size_t len);

	// Introspection (tests, reports).
	size_t lines() const { return lines_.size(); }
	size_t dirty_lines() const;
	bool cached(uint64_t paddr) const { return lines_.count(line_of(paddr)) != 0; }
	bool dirty(uint64_t paddr) const;
	unsigned findings_made() const { return reported_; }

private:
	struct Line {
		uint8_t data[kCpuCacheLine];
		bool dirty = false;
		bool stale = false;                 // DMA wrote DRAM after the fill
		DramInitiator stale_by = DramInitiator::tdma;
		const Process *writer = nullptr;    // last CPU store (dirty lines)
	};
	using Map = std::map<uint64_t, Line>;
	// The stale lines one CPU access met: the first, and how many.
	struct StaleSeen {
		uint64_t first = 0;
		size_t count = 0;
		DramInitiator by = DramInitiator::tdma;

		void note(uint64_t line, const Line &l)
		{
			if (!count++) {
				first = line;
				by = l.stale_by;
			}
		}
	};

	static uint64_t line_of(uint64_t a) { return a & ~(kCpuCacheLine - 1); }
	// [first, last) of the lines overlapping [addr, addr + len), saturating.
	Map::iterator range_begin(uint64_t addr) { return lines_.lower_bound(line_of(addr)); }
	static uint64_t range_end(uint64_t addr, uint64_t len);
	Line *fill(uint64_t line);   // present or filled from DRAM; null outside DRAM
	void write_back(uint64_t line, Line &l);
	void report(const std::string &message);
	void report_stale(const StaleSeen &s, const Process *p, const char *access, const char *did,
			  const char *harm);
	static std::string proc_name(const Process *p);

	SimOs &os_;
	Dram &dram_;
	Map lines_;
	unsigned reported_ = 0;
};

} // namespace tpusim

#endif
