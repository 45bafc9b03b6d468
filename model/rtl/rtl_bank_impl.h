// SPDX-License-Identifier: Apache-2.0
//
// rtl_bank_impl.h - RtlRegBank<Ports>: the wrapper over one Verilated
// register block, generic over the port map regsgen emits with it
// (tpu_<block>_regs_ports.h).  Only rtl_banks.cpp instantiates it.
#ifndef TPUSIM_MODEL_RTL_BANK_IMPL_H
#define TPUSIM_MODEL_RTL_BANK_IMPL_H

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <verilated.h>
#include <verilated_vcd_c.h>

#include "regbank.h"
#include "rtl_clock.h"

namespace tpusim {

// The open waveforms, for rtl_trace_close() (rtl_banks.cpp).
void rtl_trace_register(VerilatedVcdC *vcd, bool add);

template <class P>
class RtlRegBank final : public RegBank {
public:
	RtlRegBank(const tpu_reg_block &blk, const std::string &vcd)
		: RegBank(blk), ctx_(new VerilatedContext)
	{
		ctx_->traceEverOn(!vcd.empty());
		m_.reset(new typename P::Model(ctx_.get(), blk.name));
		if (!vcd.empty()) {
			vcd_.reset(new VerilatedVcdC);
			m_->trace(vcd_.get(), 99);
			vcd_->set_time_unit("1ps");
			vcd_->set_time_resolution("1ps");
			vcd_->open(vcd.c_str());
			rtl_trace_register(vcd_.get(), true);
		}
		m_->sw_we = 0;
		m_->sw_be = 0xF;
		for (size_t i = 0; i < blk.nregs; i++)
			P::hw(*m_, i, 0, 0);
		reset();
	}

	~RtlRegBank() override
	{
		m_->final();
		if (vcd_) {
			rtl_trace_register(vcd_.get(), false);
			vcd_->close();
		}
	}

	bool read(uint32_t offset, uint32_t &value) override
	{
		m_->sw_we = 0;
		m_->sw_addr = offset;
		eval();
		if (m_->sw_err)
			return false;
		value = m_->sw_rdata;
		return true;
	}

	bool write(uint32_t offset, uint32_t value, RegWrite &w) override
	{
		m_->sw_addr = offset;
		m_->sw_wdata = value;
		m_->sw_we = 0;
		eval();
		if (m_->sw_err)
			return false;
		size_t i = reg_index(offset);

		w.offset = offset;
		w.old_value = P::q(*m_, i);
		w.written = value;
		m_->sw_we = 1;
		tick();
		m_->sw_we = 0;
		w.new_value = P::q(*m_, i);
		w.pulses = P::pulse(*m_, i);
		tick();  // the pulse lasts one cycle
		return true;
	}

	void set_hw(uint32_t offset, uint32_t mask, uint32_t value) override
	{
		size_t i = reg_index(offset);

		if (!P::hw(*m_, i, value & mask, ~value & mask))
			die("set_hw on a register without hardware-owned bits", offset);
		tick();
		P::hw(*m_, i, 0, 0);
		eval();
	}

	uint32_t get(uint32_t offset) const override { return P::q(*m_, reg_index(offset)); }
	bool irq() const override { return P::irq(*m_); }

	void reset() override
	{
		m_->rst_n = 0;
		tick();
		m_->rst_n = 1;
		eval();
	}

private:
	size_t reg_index(uint32_t offset) const
	{
		int i = index_of(offset);

		if (i < 0)
			die("no register in the table", offset);
		return static_cast<size_t>(i);
	}

	// Model code and the generated table disagreeing is a build defect,
	// not a run-time condition: stop with the register named.
	[[noreturn]] void die(const char *why, uint32_t offset) const
	{
		std::fprintf(stderr, "tpusim: RTL %s block, offset 0x%03x: %s\n", blk_.name, offset, why);
		std::abort();
	}

	void eval()
	{
		m_->eval();
		if (vcd_)
			vcd_->dump(rtl_clock_ps(last_ps_));
	}

	void tick()
	{
		m_->clk = 0;
		eval();
		m_->clk = 1;
		eval();
	}

	std::unique_ptr<VerilatedContext> ctx_;
	std::unique_ptr<typename P::Model> m_;
	std::unique_ptr<VerilatedVcdC> vcd_;
	uint64_t last_ps_ = 0;
};

} // namespace tpusim

#endif
