// SPDX-License-Identifier: Apache-2.0
//
// reg_target.h - a register block reachable over TLM.
//
// Decodes 32-bit MMIO accesses against a generated register table: defined
// offsets obey their access rules, anything else (undefined offset, wrong
// size, misaligned, byte enables) answers with an error response, which the
// MMIO bridge turns into a bus error for the driver.
#ifndef TPUSIM_MODEL_REG_TARGET_H
#define TPUSIM_MODEL_REG_TARGET_H

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "observer.h"
#include "regbank.h"

namespace tpusim {

struct RegStats {
	uint64_t reads = 0;
	uint64_t writes = 0;
	uint64_t bus_errors = 0;
};

class RegTarget : public sc_core::sc_module {
public:
	tlm_utils::simple_target_socket<RegTarget> mmio;

	RegTarget(sc_core::sc_module_name name, const tpu_reg_block &blk, RegImpl impl, ObserverList &obs);

	RegBank &regs() { return regs_; }
	const RegStats &reg_stats() const { return reg_stats_; }

protected:
	// Side effects of a software write, after the access rules applied.
	virtual void on_write(const RegWrite &w) = 0;

	ObserverList &obs_;

private:
	std::unique_ptr<RegBank> bank_;

protected:
	RegBank &regs_;

private:
	void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay);

	RegStats reg_stats_;
};

} // namespace tpusim

#endif
