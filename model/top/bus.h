// SPDX-License-Identifier: Apache-2.0
//
// bus.h - the address decoder between the CPU side and the TPU blocks.
//
// Forwards each transaction to the target whose window contains it, with
// the address made relative to the window base; anything unmapped answers
// TLM_ADDRESS_ERROR_RESPONSE.
#ifndef TPUSIM_MODEL_BUS_H
#define TPUSIM_MODEL_BUS_H

#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace tpusim {

class Bus : public sc_core::sc_module {
public:
	tlm_utils::simple_target_socket<Bus> in;

	explicit Bus(sc_core::sc_module_name name);

	// Map [base, base + size) to target; offsets passed on are relative
	// when relative is true (register blocks), absolute otherwise (DRAM).
	void map(const std::string &name, uint64_t base, uint64_t size,
		 tlm::tlm_target_socket<> &target, bool relative);

	uint64_t unmapped_accesses() const { return unmapped_; }

private:
	struct Window {
		std::string name;
		uint64_t base, size;
		bool relative;
		std::unique_ptr<tlm_utils::simple_initiator_socket<Bus>> out;
	};

	void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay);

	std::vector<Window> windows_;
	uint64_t unmapped_ = 0;
	size_t last_ = 0;   // index of the window hit last
};

} // namespace tpusim

#endif
