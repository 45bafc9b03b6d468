// SPDX-License-Identifier: Apache-2.0
//
// tdma.cpp - TDMA register side effects and the descriptor engine thread.
#include "tdma.h"

#include <cstring>

#include "tdma_kernel.h"
#include "tpu/bits.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"

static_assert(TDMA_ARRAYBASE_H_COUNT * 4 == TPU_NUM_ARRAYBASE,
	      "each ARRAYBASE_H register holds the high bytes (HI0..HI3) of four bases");

namespace tpusim {

Tdma::Tdma(sc_core::sc_module_name name, const TpuConfig &cfg, Dram &dram,
	   std::vector<uint8_t> &lmem, ObserverList &obs)
	: EngineBase(name, Engine::tdma, tpu_regblk_tdma, cfg, obs), dram_(dram), lmem_(lmem),
	  pmu_(cfg, dram)
{
	SC_THREAD(run);
	// Kernels keep a few descriptors and row buffers on the stack.
	set_stack_size(1 << 20);
}

void Tdma::publish_id(uint32_t id)
{
	regs_.set_hw(TDMA_SYNC_STATUS_REG, TDMA_SYNC_STATUS_ID_MASK,
		     FIELD_PREP(TDMA_SYNC_STATUS_ID_MASK, id));
}

void Tdma::raise_status(uint32_t bits)
{
	regs_.set_hw(TDMA_INT_MASK_REG, FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, bits),
		     FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, bits));
	update_irq();
}

void Tdma::on_reset()
{
	stuck_ = 0;
	pmu_.reset();
	set_state(EngineState::idle);
	regs_.set_hw(TDMA_STATUS_REG, TDMA_STATUS_IDLE_MASK, TDMA_STATUS_IDLE_MASK);
}

void Tdma::on_write(const RegWrite &w)
{
	// Held in reset: the write does not take (registers stay at reset).
	if (reset_held()) {
		regs_.reset();
		return;
	}
	switch (w.offset) {
	case TDMA_CTRL_REG:
		if (w.pulses & TDMA_CTRL_RESET_SYNCID_MASK)
			set_completed_id(0);
		if ((w.new_value & TDMA_CTRL_ENABLE_MASK) && state() == EngineState::idle)
			start_ev_.notify(sc_core::SC_ZERO_TIME);
		break;
	case TDMA_INT_MASK_REG:
		if (stuck_)
			regs_.set_hw(TDMA_INT_MASK_REG, FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, stuck_),
				     FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, stuck_));
		update_irq();
		break;
	case TDMA_PMU_CTRL_REG:
		// Disabling the PMU flushes its records, then reports EOPMU
		// (tpu_pmu.c waits for that interrupt).
		pmu_.ctrl_written(w.old_value, w.new_value, regs_.get(TDMA_PMU_BUFBASE_REG),
				  regs_.get(TDMA_PMU_BUFSIZE_REG));
		if ((w.old_value & TDMA_PMU_CTRL_ENABLE_MASK) &&
		    !(w.new_value & TDMA_PMU_CTRL_ENABLE_MASK))
			raise_status(TDMA_INT_MASK_STATUS_VAL_EOPMU);
		break;
	default:
		break;
	}
}

bool Tdma::exec_one(const tdma_desc &d, uint32_t index, uint64_t addr, bool &last)
{
	tdma_kctx kc;
	tdma_kresult kr = {};
	DescEvent ev = {Engine::tdma, index, d.cmd_id, addr, "tdma", 0, true,
			sc_core::sc_time_stamp(), sc_core::sc_time_stamp(), false, d.layer_id};
	const uint32_t stop_bits = TDMA_INT_MASK_STATUS_VAL_BUSERR | TDMA_INT_MASK_STATUS_VAL_DECERR;

	cur_index_ = index;
	cur_id_ = d.cmd_id;
	last = d.eod != 0;
	if (!stall_if_hung())
		return false;
	if (d.bar_en && !wait_for_peer(d.wait_id_tpu))
		return false;

	kc.dram = dram_.kmem(DramInitiator::tdma);
	// The PMU counts the bursts and beats of the kernel's DRAM accesses.
	PmuTraffic traffic;
	const bool counted = pmu_.records_tdma();
	if (counted)
		kc.dram = traffic.wrap(kc.dram);
	kc.lmem = kmem_lmem{lmem_.data(), cfg_.lanes(), TPU_LMEM_LANE_SIZE};
	kc.timing_only = cfg_.timing_only;
	for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++) {
		static const uint32_t hi_field[] = {TDMA_ARRAYBASE_H_HI0_MASK, TDMA_ARRAYBASE_H_HI1_MASK,
						    TDMA_ARRAYBASE_H_HI2_MASK, TDMA_ARRAYBASE_H_HI3_MASK};
		const unsigned per_reg = sizeof(hi_field) / sizeof(hi_field[0]);
		uint32_t hi = FIELD_GET(hi_field[i % per_reg], regs_.get(TDMA_ARRAYBASE_H_REG(i / per_reg)));

		kc.arraybase[i] = (uint64_t)hi << 32 | regs_.get(TDMA_ARRAYBASE_L_REG(i));
	}
	ev.start = sc_core::sc_time_stamp();
	obs_.desc_start(ev);
	tdma_kernel_exec(&d, &kc, &kr);
	double dram_bps = cfg_.dram_peak_bytes_per_s * cfg_.dram_efficiency / cfg_.dram_slowdown;
	uint64_t ps = tdma_kernel_cost_ps(&kr, cfg_.clk_hz, dram_bps);
	if (!spend(cfg_.ps(static_cast<double>(ps))))
		return false;
	// An injected error ends this descriptor like its own would.
	kr.status |= take_injected_error();

	stats_.descriptors++;
	ev.op = kr.what ? kr.what : "tdma";
	ev.executed = kr.executed != 0;
	ev.status = kr.status;
	ev.stopped = (kr.status & stop_bits) != 0;
	ev.end = sc_core::sc_time_stamp();
	if (!kr.executed && !kr.status && !cfg_.timing_only) {
		stats_.not_executed++;
		stats_.not_executed_by_op[ev.op]++;
	}
	obs_.desc_end(ev);
	if (counted)
		traffic.finish();
	pmu_.record_tdma(d.trans_dir, d.cmd_id, kr.dram_bus_bytes, counted ? &traffic : nullptr, ev.start,
			 ev.end);

	if (kr.status)
		stats_.last_error = kr.what ? kr.what : "tdma error";
	if (ev.stopped) {
		stats_.errors++;
		raise_status(kr.status);
		return false;
	}
	if (kr.status) {
		stats_.errors++;
		raise_status(kr.status);
	}
	set_completed_id(d.cmd_id);
	return true;
}

void Tdma::run_stream(bool pio)
{
	uint32_t ctrl = regs_.get(TDMA_CTRL_REG);
	uint32_t count = pio ? 1 : FIELD_GET(TDMA_CTRL_DESNUM_MASK, ctrl);
	uint64_t base = (uint64_t)regs_.get(TDMA_DES_BASE_REG) << TPU_TDMA_DESC_ALIGN_SHIFT;

	for (uint32_t i = 0; i < count; i++) {
		uint8_t raw[TDMA_DESC_SIZE];
		uint64_t addr = pio ? 0 : base + (uint64_t)i * TDMA_DESC_SIZE;
		tdma_desc d;
		bool last = false;

		if (pio) {
			for (unsigned w = 0; w < TDMA_CMD_ACCP_COUNT; w++) {
				uint32_t v = regs_.get(TDMA_CMD_ACCP_REG(w));

				std::memcpy(raw + 4 * w, &v, 4);
			}
		} else if (dram_.read(addr, raw, sizeof(raw), DramInitiator::tdma)) {
			stats_.errors++;
			stats_.last_error = "tdma: descriptor fetch outside DRAM";
			raise_status(TDMA_INT_MASK_STATUS_VAL_BUSERR);
			return;
		}
		tdma_desc_unpack(&d, raw);
		if (!d.vld) {
			stats_.errors++;
			stats_.last_error = "tdma: descriptor without vld";
			raise_status(TDMA_INT_MASK_STATUS_VAL_DECERR);
			return;
		}
		if (!exec_one(d, i, addr, last))
			return;
		// The run ends at DESNUM, at a descriptor with eod, or after the
		// one PIO descriptor; the descriptor that ends it raises EOD if
		// it asks for an interrupt.
		if (last || pio || i + 1 == count) {
			if (d.intp_en)
				raise_status(TDMA_INT_MASK_STATUS_VAL_EOD);
			return;
		}
	}
}

void Tdma::run()
{
	regs_.set_hw(TDMA_STATUS_REG, TDMA_STATUS_IDLE_MASK, TDMA_STATUS_IDLE_MASK);
	for (;;) {
		wait(start_ev_);
		uint32_t ctrl = regs_.get(TDMA_CTRL_REG);

		if (!(ctrl & TDMA_CTRL_ENABLE_MASK) || state() != EngineState::idle)
			continue;
		stats_.runs++;
		set_state(EngineState::running);
		obs_.engine_start(kind_);
		regs_.set_hw(TDMA_STATUS_REG, TDMA_STATUS_IDLE_MASK, 0);
		run_stream(!(ctrl & TDMA_CTRL_MODESEL_MASK));
		set_state(EngineState::idle);
		regs_.set_hw(TDMA_STATUS_REG, TDMA_STATUS_IDLE_MASK, TDMA_STATUS_IDLE_MASK);
	}
}

} // namespace tpusim
