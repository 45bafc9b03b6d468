// SPDX-License-Identifier: Apache-2.0
//
// reg_target.cpp - MMIO decoding for the generated register blocks.
#include "reg_target.h"

#include <cstring>

namespace tpusim {

RegTarget::RegTarget(sc_core::sc_module_name name, const tpu_reg_block &blk, RegImpl impl,
		     ObserverList &obs)
	: sc_module(name), mmio("mmio"), obs_(obs), bank_(make_reg_bank(blk, impl)), regs_(*bank_)
{
	mmio.register_b_transport(this, &RegTarget::b_transport);
}

void RegTarget::b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay)
{
	(void)delay;
	uint32_t off = static_cast<uint32_t>(p.get_address());
	uint32_t value = 0;
	bool ok;

	// Registers are 32-bit and reached with readl/writel only.
	if (p.get_data_length() != 4 || p.get_byte_enable_ptr() || (off & 3)) {
		reg_stats_.bus_errors++;
		p.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
		obs_.reg_access(regs_.block(), off, 0, p.is_write(), false);
		return;
	}
	if (p.is_write()) {
		RegWrite w;

		std::memcpy(&value, p.get_data_ptr(), 4);
		ok = regs_.write(off, value, w);
		if (ok) {
			reg_stats_.writes++;
			on_write(w);
		}
	} else {
		ok = regs_.read(off, value);
		if (ok) {
			reg_stats_.reads++;
			std::memcpy(p.get_data_ptr(), &value, 4);
		}
	}
	if (!ok)
		reg_stats_.bus_errors++;
	obs_.reg_access(regs_.block(), off, value, p.is_write(), ok);
	p.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

} // namespace tpusim
