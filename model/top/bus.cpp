// SPDX-License-Identifier: Apache-2.0
//
// bus.cpp - window decoding.
#include "bus.h"

namespace tpusim {

Bus::Bus(sc_core::sc_module_name name) : sc_module(name), in("in")
{
	in.register_b_transport(this, &Bus::b_transport);
}

void Bus::map(const std::string &name, uint64_t base, uint64_t size,
	      tlm::tlm_target_socket<> &target, bool relative)
{
	Window w{name, base, size, relative,
		 std::make_unique<tlm_utils::simple_initiator_socket<Bus>>(
			 (std::string("to_") + name).c_str())};
	w.out->bind(target);
	windows_.push_back(std::move(w));
}

// The window of the last hit is tried first: a driver talks to one block
// many times in a row.  Windows do not overlap, so the answer is the same.
void Bus::b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay)
{
	uint64_t addr = p.get_address();
	uint64_t len = p.get_data_length();
	size_t n = windows_.size();

	for (size_t k = 0; k < n; k++) {
		size_t i = k == 0 ? last_ : (k <= last_ ? k - 1 : k);
		Window &w = windows_[i];

		if (addr < w.base || addr - w.base >= w.size)
			continue;
		if (len > w.size - (addr - w.base))
			break;  // straddles the window end
		last_ = i;
		if (w.relative)
			p.set_address(addr - w.base);
		(*w.out)->b_transport(p, delay);
		p.set_address(addr);
		return;
	}
	unmapped_++;
	p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

} // namespace tpusim
