// SPDX-License-Identifier: Apache-2.0
//
// tb.cpp - the model test bench.
#include "tb.h"

#include <cstring>
#include <memory>

#include <check.h>

#include "tpu/bits.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "tpu/tiu_reorder.h"

namespace tpusim {

Bench::Bench(sc_core::sc_module_name name, const TpuConfig &cfg,
	     std::function<void(Bench &)> body)
	: sc_module(name), top("top", cfg), sock("sock"), body_(std::move(body))
{
	sock.bind(top.bus.in);
	top.observers().add(&rec);
	SC_THREAD(thread);
	set_stack_size(1 << 20);
}

void Bench::thread()
{
	body_(*this);
}

tlm::tlm_response_status Bench::access(bool write, uint64_t addr, uint32_t &value)
{
	tlm::tlm_generic_payload p;
	sc_core::sc_time delay = sc_core::SC_ZERO_TIME;

	p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
	p.set_address(addr);
	p.set_data_ptr(reinterpret_cast<unsigned char *>(&value));
	p.set_data_length(4);
	p.set_streaming_width(4);
	p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
	sock->b_transport(p, delay);
	wait(delay + sc_core::sc_time(10, sc_core::SC_NS));
	return p.get_response_status();
}

void Bench::wr(uint64_t addr, uint32_t value)
{
	ck_assert_msg(access(true, addr, value) == tlm::TLM_OK_RESPONSE,
		      "write 0x%llx failed", (unsigned long long)addr);
}

uint32_t Bench::rd(uint64_t addr)
{
	uint32_t v = 0;

	ck_assert_msg(access(false, addr, v) == tlm::TLM_OK_RESPONSE,
		      "read 0x%llx failed", (unsigned long long)addr);
	return v;
}

void Bench::poke(uint64_t addr, const void *src, size_t len)
{
	ck_assert_int_eq(top.dram.write(addr, src, len), 0);
}

void Bench::peek(uint64_t addr, void *dst, size_t len)
{
	ck_assert_int_eq(top.dram.read(addr, dst, len), 0);
}

void Bench::put_tdma(uint64_t addr, const tdma_desc &d)
{
	uint8_t raw[TDMA_DESC_SIZE];

	tdma_desc_pack(&d, raw);
	poke(addr, raw, sizeof(raw));
}

void Bench::put_tiu(uint64_t addr, const tiu_desc &d)
{
	uint8_t raw[TIU_DESC_SIZE], stored[TIU_DESC_SIZE];

	tiu_desc_pack(&d, raw);
	tiu_desc_to_stored(raw, stored);
	poke(addr, stored, sizeof(stored));
}

void Bench::resync()
{
	uint32_t v = rd(TIU_BASE + TIU_CTRL2_REG);

	wr(TIU_BASE + TIU_CTRL2_REG, v | TIU_CTRL2_RESET_ID_MASK);
	wr(TIU_BASE + TIU_CTRL2_REG, v & ~TIU_CTRL2_RESET_ID_MASK);
	wr(TIU_BASE + TIU_BD_CTRL_REG, rd(TIU_BASE + TIU_BD_CTRL_REG) &
	   ~(TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK));
	wr(TIU_BASE + TIU_BD_CTRL_REG, rd(TIU_BASE + TIU_BD_CTRL_REG) | TIU_BD_CTRL_INT_STATUS_MASK);
	wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_RESET_SYNCID_MASK);
	wr(TDMA_BASE + TDMA_CTRL_REG, 0);
	wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_MASK);
}

void Bench::fire_tiu(uint64_t desc_addr)
{
	wr(TIU_BASE + TIU_DESC_ADDR_L_REG, (uint32_t)desc_addr);
	wr(TIU_BASE + TIU_DESC_ADDR_H_REG, (rd(TIU_BASE + TIU_DESC_ADDR_H_REG) &
	   ~TIU_DESC_ADDR_H_ADDR_MASK) | FIELD_PREP(TIU_DESC_ADDR_H_ADDR_MASK, desc_addr >> 32));
	wr(TIU_BASE + TIU_CTRL2_REG, rd(TIU_BASE + TIU_CTRL2_REG) | TIU_CTRL2_PRE_EXE_DISABLE_MASK);
	wr(TIU_BASE + TIU_BD_CTRL_REG, (rd(TIU_BASE + TIU_BD_CTRL_REG) & ~TIU_BD_CTRL_LANE_NUM_MASK) |
	   FIELD_PREP(TIU_BD_CTRL_LANE_NUM_MASK, TIU_BD_CTRL_LANE_NUM_LANES_8));
	wr(TIU_BASE + TIU_BD_CTRL_REG, rd(TIU_BASE + TIU_BD_CTRL_REG) | TIU_BD_CTRL_DES_ADDR_VLD_MASK |
	   TIU_BD_CTRL_INTR_EN_MASK | TIU_BD_CTRL_TPU_EN_MASK);
}

void Bench::fire_tdma(uint64_t desc_addr, unsigned count)
{
	wr(TDMA_BASE + TDMA_DES_BASE_REG, (uint32_t)(desc_addr >> TPU_TDMA_DESC_ALIGN_SHIFT));
	wr(TDMA_BASE + TDMA_DEBUG_MODE_REG, 0);
	wr(TDMA_BASE + TDMA_DCM_DISABLE_REG, 0);
	wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_ZERO);
	wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_ENABLE_MASK | TDMA_CTRL_MODESEL_MASK |
	   TDMA_CTRL_FORCE_1ARRAY_MASK | FIELD_PREP(TDMA_CTRL_BURSTLEN_MASK, TDMA_CTRL_BURSTLEN_BEATS_16) |
	   TDMA_CTRL_ALIGN64_EN_MASK | TDMA_CTRL_INTRA_CMD_OFF_MASK |
	   FIELD_PREP(TDMA_CTRL_DESNUM_MASK, count));
}

void Bench::set_arraybase(unsigned i, uint64_t base)
{
	wr(TDMA_BASE + TDMA_ARRAYBASE_L_REG(i), (uint32_t)base);
	uint32_t h = rd(TDMA_BASE + TDMA_ARRAYBASE_H_REG(i / 4));
	unsigned sh = 8 * (i % 4);

	h = (h & ~(0xFFu << sh)) | (uint32_t)((base >> 32) & 0xFF) << sh;
	wr(TDMA_BASE + TDMA_ARRAYBASE_H_REG(i / 4), h);
}

bool Bench::wait_tdma_irq(const sc_core::sc_time &timeout)
{
	if (!top.tdma.irq.read())
		wait(timeout, top.tdma.irq.posedge_event());
	return top.tdma.irq.read();
}

bool Bench::wait_tiu_done(uint32_t id, const sc_core::sc_time &timeout)
{
	sc_core::sc_time end = sc_core::sc_time_stamp() + timeout;

	while (sc_core::sc_time_stamp() < end) {
		uint32_t v = rd(TIU_BASE + TIU_BD_CTRL_REG);

		if (FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, v) >= id && (v & TIU_BD_CTRL_INT_STATUS_MASK))
			return true;
		wait(sc_core::sc_time(1, sc_core::SC_US));
	}
	return false;
}

void run_bench(std::function<void(Bench &)> body, std::function<void(Bench &)> after,
	       const TpuConfig &cfg)
{
	// Never destroyed: SystemC cannot elaborate twice in a process, and
	// Check's fork mode gives every test a fresh process anyway.
	auto *b = new Bench("bench", cfg, std::move(body));

	sc_core::sc_start();
	if (after)
		after(*b);
}

void run_bench(std::function<void(Bench &)> body, const TpuConfig &cfg)
{
	run_bench(std::move(body), nullptr, cfg);
}

} // namespace tpusim
