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
	: sc_module(name), top("top", cfg), port("port", top.bus.in, sc_core::sc_time(10, sc_core::SC_NS)),
	  body_(std::move(body))
{
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
	return port.access(write, addr, &value, sizeof(value));
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

} // namespace tpusim
