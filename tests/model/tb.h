// SPDX-License-Identifier: Apache-2.0
//
// tb.h - test bench for the SystemC model: one TpuTop, a CPU-side TLM
// initiator and a test body that runs in an SC_THREAD.  Checks (ck_assert)
// may be called from the body: in Check's fork mode a failure ends the
// child process, which is what a failed test should do.
#ifndef TPUSIM_TESTS_TB_H
#define TPUSIM_TESTS_TB_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "tlm_port.h"
#include "tpu_top.h"
#include "vendor_seq.h"

extern "C" {
#include "rt_desc.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"
}

namespace tpusim {

// Records what the model publishes, for assertions.
struct Recorder : TpuObserver {
	struct Irq { int line; bool level; sc_core::sc_time t; };
	std::vector<Irq> irqs;
	std::vector<DescEvent> ends;
	std::vector<std::string> hangs;
	uint64_t reg_accesses = 0;

	void reg_access(const tpu_reg_block &, uint32_t, uint32_t, bool, bool) override { reg_accesses++; }
	void desc_end(const DescEvent &e) override { ends.push_back(e); }
	void irq_edge(int line, bool level) override
	{ irqs.push_back({line, level, sc_core::sc_time_stamp()}); }
	void hang(const std::string &r) override { hangs.push_back(r); }
};

// The CPU side plays the driver: VendorSeq's resync(), set_arraybase(),
// fire_tiu() and fire_tdma() are the driver's register sequences.
class Bench : public sc_core::sc_module, public VendorSeq {
public:
	TpuTop top;
	TlmPort port;
	Recorder rec;

	SC_HAS_PROCESS(Bench);
	Bench(sc_core::sc_module_name name, const TpuConfig &cfg, std::function<void(Bench &)> body);

	// Raw 32-bit access; returns the TLM response.
	tlm::tlm_response_status access(bool write, uint64_t addr, uint32_t &value);
	void wr(uint64_t addr, uint32_t value) override;    // asserts TLM_OK
	uint32_t rd(uint64_t addr) override;                // asserts TLM_OK

	void poke(uint64_t addr, const void *src, size_t len);
	void peek(uint64_t addr, void *dst, size_t len);
	void put_tdma(uint64_t addr, const tdma_desc &d);
	void put_tiu(uint64_t addr, const tiu_desc &d);   // stored (reordered) form

	// Wait for the TDMA line to go high; false on timeout.
	bool wait_tdma_irq(const sc_core::sc_time &timeout);
	// Poll BD_CTRL until CMD_ID >= id and INT_STATUS; false on timeout.
	bool wait_tiu_done(uint32_t id, const sc_core::sc_time &timeout);

private:
	void thread();
	std::function<void(Bench &)> body_;
};

// Elaborate a bench, run the simulation until no events remain, then
// hand the bench to after() when given.
void run_bench(std::function<void(Bench &)> body, std::function<void(Bench &)> after = nullptr,
	       const TpuConfig &cfg = TpuConfig());

} // namespace tpusim

#endif
