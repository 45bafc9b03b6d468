// SPDX-License-Identifier: Apache-2.0
//
// tiu.h - the TIU (tensor compute, "BD") engine model.
//
// Setting BD_CTRL.TPU_EN together with DES_ADDR_VLD (an edge: either bit
// was clear before) starts fetching 112-byte descriptors in their stored,
// chunk-reordered form at DESC_ADDR.  The engine runs until a descriptor
// with cmd_end; each descriptor waits until the TDMA completed id >=
// cmd_id_gdma, publishes cmd_id_tpu in BD_CTRL.CMD_ID when done, and one
// with cmd_intr_en sets INT_STATUS.  Line 75 is high while
// (INT_STATUS | ERR) and INTR_EN.  A fetch outside DRAM, a chunk index that
// does not match (e.g. running into the 128 zero bytes after a chain that
// lacks cmd_end), cmd_en = 0, an LMEM access out of range, or a chain
// whose last descriptor is not followed by 128 zero bytes (the hardware bug
// the runtime pads around) sets ERR and stops the run.
#ifndef TPUSIM_MODEL_TIU_H
#define TPUSIM_MODEL_TIU_H

#include <vector>

#include "dram.h"
#include "engine.h"
#include "pmu.h"

namespace tpusim {

class Tiu : public EngineBase {
public:
	SC_HAS_PROCESS(Tiu);
	Tiu(sc_core::sc_module_name name, const TpuConfig &cfg, Dram &dram,
	    std::vector<uint8_t> &lmem, ObserverList &obs);

	// The performance monitor this engine's descriptors record into
	// (the TDMA block's); none by default.
	void set_pmu(Pmu *pmu) { pmu_ = pmu; }

private:
	void on_write(const RegWrite &w) override;
	void publish_id(uint32_t id) override;
	void on_reset() override;

	void run();
	void run_chain(uint64_t addr);
	void fail(const char *why);
	bool padding_is_zero(uint64_t addr);

	Dram &dram_;
	std::vector<uint8_t> &lmem_;
	Pmu *pmu_ = nullptr;
};

} // namespace tpusim

#endif
