// SPDX-License-Identifier: Apache-2.0
//
// pmu.h - the TPU performance monitor (silicon-timing 4, docs/pmu.md).
//
// While TDMA PMU_CTRL.ENABLE is set, every descriptor an engine finishes
// leaves one 16-byte record (regs/pmu_record.yaml) in the buffer at
// PMU_BUFBASE (16-byte units) of PMU_BUFSIZE records; a G2G transfer leaves
// two.  Records go to DRAM through the DMA path like any engine write (the
// memory's access hook sees them, as TDMA writes) in bursts; clearing
// ENABLE flushes what is pending, after which the TDMA raises EOPMU.
// Semantics chosen where the sources are silent (docs/pmu.md):
//  * records are in order of completion, TIU and TDMA interleaved;
//  * timestamps are floor(simulated time x TPU clock) modulo 2^32;
//  * the base and size are latched when ENABLE rises, and the write
//    position restarts at the base;
//  * without RING the PMU stops recording when the buffer is full; with it
//    the next record goes to the base again, over the oldest;
//  * a burst is 1, 4, 8 or 16 records for BURST = 0..3 (the driver writes
//    3); a burst never runs past the end of the buffer;
//  * a record write outside DRAM is lost (counted), no status is raised;
//  * an engine reset drops the pending records and disables the PMU.
#ifndef TPUSIM_MODEL_PMU_H
#define TPUSIM_MODEL_PMU_H

#include <cstdint>
#include <vector>

#include <systemc>

#include "config.h"
#include "dram.h"
#include "pmu_traffic.h"

namespace tpusim {

struct PmuStats {
	uint64_t records = 0;       // records accepted into the buffer
	uint64_t dropped = 0;       // buffer full without RING, or size 0
	uint64_t wraps = 0;         // RING: times the write position went back to the base
	uint64_t lost = 0;          // records whose DRAM write failed
};

class Pmu {
public:
	Pmu(const TpuConfig &cfg, Dram &dram) : cfg_(cfg), dram_(dram) {}

	// TDMA PMU_CTRL written (old and new value) with BUFBASE and BUFSIZE
	// as they are now.  Disabling flushes before it returns.
	void ctrl_written(uint32_t old_ctrl, uint32_t new_ctrl, uint32_t bufbase, uint32_t bufsize);
	// Engine reset: pending records dropped, PMU off.
	void reset();

	bool enabled() const { return on_; }
	bool records_tiu() const;
	bool records_tdma() const;

	// One finished descriptor (type: PMU_RECORD_TYPE_*).  Counters are
	// truncated to their 22 bits, as a hardware counter wraps.
	void record(uint32_t type, uint32_t id, uint64_t cnt0, uint64_t cnt1, const sc_core::sc_time &start,
		    const sc_core::sc_time &end);

	// A finished TDMA descriptor of direction trans_dir (TDMA_DESC_TRANS_DIR_*):
	// G2L a load, L2G a store, L2L a move, G2G a load and a store with the
	// same id and times.  traffic (NULL when the PMU was off as the
	// descriptor started) gives the beats and bursts of the engine's own
	// DRAM accesses, loads and stores apart; without it the beats are
	// the kernel's bus charge (bus_bytes / 16, an upper bound).  Bursts
	// are never fewer than the beats need.
	void record_tdma(uint32_t trans_dir, uint32_t id, uint64_t bus_bytes, const PmuTraffic *traffic,
			 const sc_core::sc_time &start, const sc_core::sc_time &end);

	// The free-running TPU-clock counter at simulated time t.
	uint32_t ticks(const sc_core::sc_time &t) const;

	const PmuStats &stats() const { return stats_; }

private:
	void flush();
	unsigned burst_records() const;

	const TpuConfig &cfg_;
	Dram &dram_;
	bool on_ = false;
	uint32_t ctrl_ = 0;
	uint64_t base_ = 0;          // bytes
	uint64_t capacity_ = 0;      // records
	uint64_t wp_ = 0;            // next record slot
	uint64_t pending_at_ = 0;    // slot of pending_[0]
	std::vector<uint8_t> pending_;
	PmuStats stats_;
};

} // namespace tpusim

#endif
