// SPDX-License-Identifier: Apache-2.0
//
// pmu_traffic.h - the PMU's TDMA-bandwidth event: AXI bursts and 16-byte
// beats of one descriptor's DRAM traffic, per direction.
//
// Wraps the kmem_dram a TDMA kernel is given, so every DRAM access the
// kernel makes (data or timing-only touch) passes through.  The kernel may
// move a run in several pieces, so accesses of one direction that continue
// where the previous one ended are one run.  Each run is rounded out to
// whole beats and cut into bursts of at most 16 beats that do not cross a
// 4 KiB boundary (silicon-timing 1, "TPU AXI"); the 8-beat bursts of
// CW-transpose stores are not modelled.
#ifndef TPUSIM_MODEL_PMU_TRAFFIC_H
#define TPUSIM_MODEL_PMU_TRAFFIC_H

#include <cstddef>
#include <cstdint>

#include "kmem.h"

namespace tpusim {

class PmuTraffic {
public:
	struct Count {
		uint64_t bursts = 0, beats = 0;
	};

	// The view to hand the kernel instead of inner; valid while *this lives.
	kmem_dram wrap(const kmem_dram &inner);
	// Close the open runs; then reads() and writes() are final.
	void finish();
	const Count &reads() const { return side_[0]; }
	const Count &writes() const { return side_[1]; }

	// Bursts and beats of one contiguous run [addr, addr + len).
	static Count run_count(uint64_t addr, uint64_t len);

private:
	void note(int write, uint64_t addr, size_t len);
	void close(int write);

	static int read_cb(void *ctx, uint64_t addr, void *dst, size_t len);
	static int write_cb(void *ctx, uint64_t addr, const void *src, size_t len);
	static int probe_cb(void *ctx, uint64_t addr, size_t len);
	static int touch_cb(void *ctx, uint64_t addr, size_t len, int write);

	kmem_dram inner_{};
	kmem_ops ops_{};
	struct Run {
		uint64_t start = 0, end = 0;
		bool open = false;
	} run_[2];
	Count side_[2];
};

} // namespace tpusim

#endif
