// SPDX-License-Identifier: Apache-2.0
//
// rstc.h - the reset-controller word that holds the TPU resets.
//
// Active low (reset-cvitek.c: assert clears the bit).  Asserting TDMA or
// TPU resets that engine and holds it in reset while the bit stays 0;
// TPUSYS does both engines.  The vendor driver pulses all
// three before every job and after a timeout.
#ifndef TPUSIM_MODEL_RSTC_H
#define TPUSIM_MODEL_RSTC_H

#include "engine.h"

namespace tpusim {

class Rstc : public RegTarget {
public:
	Rstc(sc_core::sc_module_name name, RegImpl impl, ObserverList &obs, EngineBase &tdma,
	     EngineBase &tiu);

	uint64_t resets() const { return resets_; }

private:
	void on_write(const RegWrite &w) override;

	EngineBase &tdma_;
	EngineBase &tiu_;
	uint64_t resets_ = 0;
};

} // namespace tpusim

#endif
