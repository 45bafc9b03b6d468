// SPDX-License-Identifier: Apache-2.0
//
// tlm_port.h - a CPU-side TLM initiator for the programs that drive the
// model without the sim-OS (model benches, the demo, fuzz_model,
// bench_model, bench_driver's raw figure): the one place that fills a
// generic payload for them.  The sim-OS's MMIO bridge (harness/os) is the
// driver's path and keeps its own, with its tracing and findings.
#ifndef TPUSIM_TESTKIT_TLM_PORT_H
#define TPUSIM_TESTKIT_TLM_PORT_H

#include <cstdint>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace tpusim {

class TlmPort : public sc_core::sc_module {
public:
	tlm_utils::simple_initiator_socket<TlmPort> sock;

	// Bound to target (TpuTop::bus.in).  access() waits latency after
	// each transaction: a CPU's load or store completes before the next.
	TlmPort(sc_core::sc_module_name name, tlm::tlm_target_socket<> &target,
		const sc_core::sc_time &latency);

	// One transaction of len bytes at addr.  byte_enable: len bytes (0xFF
	// enabled, 0 not) or null.  The target's annotated delay is added to
	// delay and not waited for (loosely timed).
	tlm::tlm_response_status transport(bool write, uint64_t addr, void *data, unsigned len,
					   sc_core::sc_time &delay,
					   const uint8_t *byte_enable = nullptr);

	// The same, then wait(delay + latency).  From an SC_THREAD only.
	tlm::tlm_response_status access(bool write, uint64_t addr, void *data, unsigned len = 4,
					const uint8_t *byte_enable = nullptr);

	// The last transaction's response, as TLM names it (for messages).
	std::string last_response() const { return p_.get_response_string(); }

private:
	// Reused: bench_driver measures exactly this path.
	tlm::tlm_generic_payload p_;
	sc_core::sc_time latency_;
};

} // namespace tpusim

#endif
