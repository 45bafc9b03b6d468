// SPDX-License-Identifier: Apache-2.0
//
// tlm_port.cpp - TlmPort (tlm_port.h).
#include "tlm_port.h"

namespace tpusim {

TlmPort::TlmPort(sc_core::sc_module_name name, tlm::tlm_target_socket<> &target,
		 const sc_core::sc_time &latency)
	: sc_module(name), sock("sock"), latency_(latency)
{
	sock.bind(target);
}

tlm::tlm_response_status TlmPort::transport(bool write, uint64_t addr, void *data, unsigned len,
					    sc_core::sc_time &delay, const uint8_t *byte_enable)
{
	p_.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
	p_.set_address(addr);
	p_.set_data_ptr(static_cast<unsigned char *>(data));
	p_.set_data_length(len);
	p_.set_streaming_width(len);
	// The payload API takes a non-const pointer; targets only read it.
	p_.set_byte_enable_ptr(const_cast<unsigned char *>(byte_enable));
	p_.set_byte_enable_length(byte_enable ? len : 0);
	p_.set_dmi_allowed(false);
	p_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
	sock->b_transport(p_, delay);
	return p_.get_response_status();
}

tlm::tlm_response_status TlmPort::access(bool write, uint64_t addr, void *data, unsigned len,
					 const uint8_t *byte_enable)
{
	sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
	tlm::tlm_response_status st = transport(write, addr, data, len, delay, byte_enable);

	wait(delay + latency_);
	return st;
}

} // namespace tpusim
