// SPDX-License-Identifier: Apache-2.0
//
// tiu.cpp - TIU register side effects and the descriptor engine thread.
#include "tiu.h"

#include "tiu_kernel.h"
#include "tpu/bits.h"
#include "tpu/pmu_record.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_regs.h"
#include "tpu/tiu_reorder.h"

namespace tpusim {

static constexpr uint32_t kGo = TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK;

Tiu::Tiu(sc_core::sc_module_name name, const TpuConfig &cfg, Dram &dram,
	 std::vector<uint8_t> &lmem, ObserverList &obs)
	: EngineBase(name, Engine::tiu, tpu_regblk_tiu, cfg, obs), dram_(dram), lmem_(lmem)
{
	SC_THREAD(run);
	set_stack_size(1 << 20);
}

void Tiu::publish_id(uint32_t id)
{
	regs_.set_hw(TIU_BD_CTRL_REG, TIU_BD_CTRL_CMD_ID_MASK,
		     FIELD_PREP(TIU_BD_CTRL_CMD_ID_MASK, id));
}

void Tiu::on_reset()
{
	set_state(EngineState::idle);
}

void Tiu::on_write(const RegWrite &w)
{
	// Held in reset: the write does not take (registers stay at reset).
	if (reset_held()) {
		regs_.reset();
		return;
	}
	switch (w.offset) {
	case TIU_CTRL2_REG:
		if (w.pulses & TIU_CTRL2_RESET_ID_MASK)
			set_completed_id(0);
		break;
	case TIU_BD_CTRL_REG:
		if ((w.new_value & kGo) == kGo && (w.old_value & kGo) != kGo &&
		    state() == EngineState::idle)
			start_ev_.notify(sc_core::SC_ZERO_TIME);
		update_irq();
		break;
	default:
		break;
	}
}

void Tiu::fail(const char *why)
{
	stats_.errors++;
	regs_.set_hw(TIU_BD_CTRL_REG, TIU_BD_CTRL_ERR_MASK, TIU_BD_CTRL_ERR_MASK);
	update_irq();
	stats_.last_error = why;
}

bool Tiu::padding_is_zero(uint64_t addr)
{
	uint8_t pad[TPU_TIU_EOD_PADDING];

	if (dram_.read(addr, pad, sizeof(pad), DramInitiator::tiu))
		return false;
	for (uint8_t b : pad)
		if (b)
			return false;
	return true;
}

void Tiu::run_chain(uint64_t addr)
{
	for (uint32_t index = 0;; index++, addr += TIU_DESC_SIZE) {
		uint8_t stored[TIU_DESC_SIZE], raw[TIU_DESC_SIZE];
		tiu_desc d;
		tiu_kctx kc;
		tiu_kresult kr = {};

		cur_index_ = index;
		if (dram_.read(addr, stored, sizeof(stored), DramInitiator::tiu))
			return fail("tiu: descriptor fetch outside DRAM");
		if (tiu_desc_from_stored(stored, raw))
			return fail("tiu: descriptor chunk index mismatch (missing cmd_end or not reordered)");
		tiu_desc_unpack(&d, raw);
		if (!d.cmd_en)
			return fail("tiu: descriptor without cmd_en");
		cur_id_ = d.cmd_id_tpu;
		if (!stall_if_hung())
			return;
		if (d.cmd_id_en && !wait_for_peer(d.cmd_id_gdma))
			return;

		DescEvent ev = {Engine::tiu, index, d.cmd_id_tpu, addr, tiu_kernel_op_name(&d), 0,
				true, sc_core::sc_time_stamp(), sc_core::sc_time_stamp(), false, d.layer_info};
		obs_.desc_start(ev);
		kc.lmem = kmem_lmem{lmem_.data(), cfg_.lanes(), TPU_LMEM_LANE_SIZE};
		kc.timing_only = cfg_.timing_only;
		tiu_kernel_exec(&d, &kc, &kr);
		if (!spend(cfg_.cycles(kr.cycles)))
			return;
		// An injected error ends this descriptor like its own would.
		uint32_t injected = take_injected_error();
		if (injected & TIU_BD_CTRL_ERR_MASK)
			kr.error = 1;
		stats_.descriptors++;
		ev.executed = kr.executed != 0;
		ev.status = kr.error ? TIU_BD_CTRL_ERR_MASK : 0;
		ev.stopped = kr.error != 0;
		ev.end = sc_core::sc_time_stamp();
		if (!kr.executed && !kr.error && !cfg_.timing_only) {
			stats_.not_executed++;
			stats_.not_executed_by_op[ev.op]++;
		}
		obs_.desc_end(ev);
		if (pmu_ && pmu_->records_tiu())
			pmu_->record(PMU_RECORD_TYPE_TIU, d.cmd_id_tpu, 0, 0, ev.start, ev.end);
		if (kr.error)
			return fail("tiu: operand outside LMEM or invalid operand encoding");

		// The fetch unit has already prefetched the beats after the last
		// descriptor; unless they are zero it decodes them as the start of
		// another descriptor and faults.  This is the hardware bug the
		// runtime's 128 zero bytes after every chain work around
		// (bm_dmabuf.c "padding zero after eod to workaround hardware
		// bug"); the exact failure mode is a tpusim assumption.
		if (d.cmd_end && !padding_is_zero(addr + TIU_DESC_SIZE))
			return fail("tiu: the 128 bytes after cmd_end are not zero (missing EOD padding)");

		set_completed_id(d.cmd_id_tpu);
		if (d.cmd_intr_en || (injected & TIU_BD_CTRL_INT_STATUS_MASK)) {
			regs_.set_hw(TIU_BD_CTRL_REG, TIU_BD_CTRL_INT_STATUS_MASK,
				     TIU_BD_CTRL_INT_STATUS_MASK);
			update_irq();
		}
		if (d.cmd_end)
			return;
	}
}

void Tiu::run()
{
	for (;;) {
		wait(start_ev_);
		uint32_t ctrl = regs_.get(TIU_BD_CTRL_REG);

		if ((ctrl & kGo) != kGo || state() != EngineState::idle)
			continue;
		uint64_t addr = (uint64_t)FIELD_GET(TIU_DESC_ADDR_H_ADDR_MASK,
						    regs_.get(TIU_DESC_ADDR_H_REG)) << 32 |
				regs_.get(TIU_DESC_ADDR_L_REG);
		stats_.runs++;
		set_state(EngineState::running);
		obs_.engine_start(kind_);
		run_chain(addr);
		set_state(EngineState::idle);
	}
}

} // namespace tpusim
