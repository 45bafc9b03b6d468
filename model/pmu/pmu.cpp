// SPDX-License-Identifier: Apache-2.0
//
// pmu.cpp - the PMU's record buffer (pmu.h).
#include "pmu.h"

#include <cmath>

#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/pmu_record.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"

namespace tpusim {

static constexpr uint64_t kUnit = PMU_RECORD_SIZE;   // registers count 16-byte units

void Pmu::ctrl_written(uint32_t old_ctrl, uint32_t new_ctrl, uint32_t bufbase, uint32_t bufsize)
{
	const bool was = old_ctrl & TDMA_PMU_CTRL_ENABLE_MASK, is = new_ctrl & TDMA_PMU_CTRL_ENABLE_MASK;

	if (was && !is)
		flush();
	ctrl_ = new_ctrl;
	if (!was && is) {
		base_ = static_cast<uint64_t>(FIELD_GET(TDMA_PMU_BUFBASE_ADDR_MASK, bufbase)) * kUnit;
		capacity_ = FIELD_GET(TDMA_PMU_BUFSIZE_SIZE_MASK, bufsize);
		wp_ = pending_at_ = 0;
		pending_.clear();
	}
	on_ = is;
}

void Pmu::reset()
{
	pending_.clear();
	on_ = false;
	ctrl_ = 0;
}

bool Pmu::records_tiu() const
{
	return on_ && (ctrl_ & TDMA_PMU_CTRL_REC_TIU_MASK);
}

bool Pmu::records_tdma() const
{
	return on_ && (ctrl_ & TDMA_PMU_CTRL_REC_TDMA_MASK);
}

unsigned Pmu::burst_records() const
{
	static const unsigned beats[] = {1, 4, 8, 16};

	return beats[FIELD_GET(TDMA_PMU_CTRL_BURST_MASK, ctrl_) & 3];
}

uint32_t Pmu::ticks(const sc_core::sc_time &t) const
{
	// Exact integer arithmetic for clocks in whole kHz (500 and 700 MHz):
	// ticks = ps * kHz / 1e9, split so that nothing overflows.
	const uint64_t khz = static_cast<uint64_t>(std::llround(cfg_.clk_hz / 1e3));
	const uint64_t ps = t.value() / sc_core::sc_time(1, sc_core::SC_PS).value();
	const uint64_t q = ps / 1000000000ull, r = ps % 1000000000ull;

	return static_cast<uint32_t>(q * khz + r * khz / 1000000000ull);
}

void Pmu::record(uint32_t type, uint32_t id, uint64_t cnt0, uint64_t cnt1, const sc_core::sc_time &start,
		 const sc_core::sc_time &end)
{
	if (!on_)
		return;
	if (wp_ >= capacity_) {
		stats_.dropped++;
		return;
	}
	const uint64_t cnt_mask = (1ull << PMU_RECORD_EVENT_CNT0_WIDTH) - 1;
	pmu_record r;
	uint8_t raw[PMU_RECORD_SIZE];

	pmu_record_reset(&r);
	r.type = type;
	r.des_id = id & 0xFFFFu;
	r.event_cnt0 = static_cast<uint32_t>(cnt0 & cnt_mask);
	r.event_cnt1 = static_cast<uint32_t>(cnt1 & cnt_mask);
	r.end_time = ticks(end);
	r.start_time = ticks(start);
	pmu_record_pack(&r, raw);
	if (pending_.empty())
		pending_at_ = wp_;
	pending_.insert(pending_.end(), raw, raw + sizeof(raw));
	stats_.records++;
	wp_++;
	if (pending_.size() >= burst_records() * kUnit || wp_ == capacity_)
		flush();
	if (wp_ == capacity_ && (ctrl_ & TDMA_PMU_CTRL_RING_MASK)) {
		wp_ = 0;
		stats_.wraps++;
	}
}

void Pmu::record_tdma(uint32_t trans_dir, uint32_t id, uint64_t bus_bytes, const PmuTraffic *traffic,
		      const sc_core::sc_time &start, const sc_core::sc_time &end)
{
	if (!records_tdma())
		return;
	// The beats the engine moved, from its own DRAM accesses; without
	// them (no data moved), the kernel's bus figure.  dram_bus_bytes is
	// the cost model's charge (whole 64-byte lines per burst,
	// docs/timing.md), an upper bound of the beats, not the beats.
	const uint64_t charged = (bus_bytes + TPU_AXI_BYTES - 1) / TPU_AXI_BYTES;
	const PmuTraffic::Count none;
	const PmuTraffic::Count &rd = traffic ? traffic->reads() : none, &wr = traffic ? traffic->writes() : none;
	// Never fewer bursts than 16-beat bursts can carry.
	auto bursts = [](uint64_t counted, uint64_t b) {
		const uint64_t least = (b + 15) / 16;
		return counted > least ? counted : least;
	};

	switch (trans_dir) {
	case TDMA_DESC_TRANS_DIR_G2L: {
		const uint64_t b = traffic ? rd.beats : charged;
		record(PMU_RECORD_TYPE_TDMA_LOAD, id, bursts(rd.bursts, b), b, start, end);
		break;
	}
	case TDMA_DESC_TRANS_DIR_L2G: {
		const uint64_t b = traffic ? wr.beats : charged;
		record(PMU_RECORD_TYPE_TDMA_STORE, id, bursts(wr.bursts, b), b, start, end);
		break;
	}
	case TDMA_DESC_TRANS_DIR_G2G: {
		const uint64_t load = traffic ? rd.beats : charged / 2, store = traffic ? wr.beats : charged - load;
		record(PMU_RECORD_TYPE_TDMA_LOAD, id, bursts(rd.bursts, load), load, start, end);
		record(PMU_RECORD_TYPE_TDMA_STORE, id, bursts(wr.bursts, store), store, start, end);
		break;
	}
	default:   // L2L: no DRAM traffic
		record(PMU_RECORD_TYPE_TDMA_MOVE, id, 0, 0, start, end);
		break;
	}
}

void Pmu::flush()
{
	if (pending_.empty())
		return;
	if (dram_.write(base_ + pending_at_ * kUnit, pending_.data(), pending_.size(), DramInitiator::tdma))
		stats_.lost += pending_.size() / kUnit;
	pending_.clear();
}

} // namespace tpusim
