// SPDX-License-Identifier: Apache-2.0
//
// cvm_reference.h - `tpusim model --reference`: every descriptor of a
// loaded model replayed through the datapath kernels (model/kernels) and
// through the independent reference (harness/ref, ref_desc.h) side by
// side, on two copies of the same memory, compared after each descriptor
// (docs/models.md "Differential run").
//
// The replay is serial, without SystemC, time or driver: descriptors run
// in cmdbuf order, a descriptor whose wait id is not yet met waits for the
// other engine (so any order the sync ids allow).  A mismatch names the
// first differing byte, its descriptor and the compiler's layer id; the
// replay then takes the kernels' memory as the truth and goes on, so the
// count of mismatching descriptors is meaningful.
#ifndef TPUSIM_CVM_REFERENCE_H
#define TPUSIM_CVM_REFERENCE_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cvm_file.h"

extern "C" {
#include "tdma_kernel.h"
#include "tiu_kernel.h"
}

namespace tpusim::cvm {

struct RefReport {
	uint64_t descs = 0;        // descriptors replayed
	uint64_t compared = 0;     // computed by both and compared
	uint64_t refused = 0;      // refused by both (error status / reference error)
	uint64_t mismatches = 0;   // descriptors whose memory differed afterwards
	std::string first;         // the first mismatch, one line
	std::map<std::string, uint64_t> unstated;      // the reference does not state it, by reason
	std::map<std::string, uint64_t> kernel_timed;  // the kernels only timed it, by operation
	std::string stuck;         // non-empty: the sync ids deadlock here
	std::vector<std::vector<uint8_t>> outputs;     // Model::outputs order, from the kernels' replay

	bool clean() const
	{
		return !mismatches && unstated.empty() && kernel_timed.empty() && stuck.empty();
	}
};

// The kernels the replay judges; a test passes its own to prove that a
// wrong result is reported where it happens.
struct ReplayKernels {
	bool reference = true;   // false: the kernels alone (their outputs, nothing compared)
	void (*tiu)(const tiu_desc *, const tiu_kctx *, tiu_kresult *) = tiu_kernel_exec;
	void (*tdma)(const tdma_desc *, const tdma_kctx *, tdma_kresult *) = tdma_kernel_exec;
};

// Replay the model once on the given inputs (Model::inputs order).
RefReport reference_run(const Model &m, const std::vector<std::vector<uint8_t>> &inputs,
			const ReplayKernels &kernels = ReplayKernels());

} // namespace tpusim::cvm

#endif
