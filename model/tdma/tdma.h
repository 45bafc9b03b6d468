// SPDX-License-Identifier: Apache-2.0
//
// tdma.h - the TDMA (tensor DMA) engine model.
//
// Descriptor mode fetches DESNUM 64-byte descriptors from DES_BASE << 6;
// PIO mode executes the one descriptor in CMD_ACCP0..15.  Writing
// CTRL.ENABLE = 1 while idle starts a run.  Semantics chosen where the
// sources are silent (docs/model.md):
//  * a descriptor with bar_en waits until the TIU completed id >= wait_id_tpu;
//  * SYNC_STATUS.ID takes the cmd_id of each completed descriptor;
//  * the run ends after DESNUM descriptors or at a descriptor with eod;
//    if that last descriptor has intp_en, status EOD is raised;
//  * a 0 dimension/stride raises ZERO and the descriptor moves no data but
//    completes (the vendor masks this error by default, so the hardware
//    must keep going for the driver to see EOD);
//  * a bus error or a decode error raises BUSERR/DECERR and stops the run
//    (the id stays short, so the driver's completeness check fails).
#ifndef TPUSIM_MODEL_TDMA_H
#define TPUSIM_MODEL_TDMA_H

#include <vector>

#include "dram.h"
#include "engine.h"
#include "pmu.h"

struct tdma_desc;

namespace tpusim {

class Tdma : public EngineBase {
public:
	SC_HAS_PROCESS(Tdma);
	Tdma(sc_core::sc_module_name name, const TpuConfig &cfg, Dram &dram,
	     std::vector<uint8_t> &lmem, ObserverList &obs);

	// The performance monitor, whose registers are in this block; the TIU
	// records into it too.
	Pmu &pmu() { return pmu_; }

	// Fault injection: OR status bits into INT_MASK.STATUS now.
	void inject_status(uint32_t bits) { raise_status(bits); }
	// Fault injection: status bits stuck at 1 (writes cannot clear them)
	// until the next reset.
	void inject_stuck_status(uint32_t bits)
	{
		stuck_ |= bits;
		raise_status(bits);
	}

private:
	void on_write(const RegWrite &w) override;
	void publish_id(uint32_t id) override;
	void on_reset() override;

	void run();
	void run_stream(bool pio);
	// Execute one descriptor; false stops the run.
	bool exec_one(const tdma_desc &d, uint32_t index, uint64_t addr, bool &last);
	void raise_status(uint32_t bits);

	Dram &dram_;
	std::vector<uint8_t> &lmem_;
	uint32_t stuck_ = 0;
	Pmu pmu_;
};

} // namespace tpusim

#endif
