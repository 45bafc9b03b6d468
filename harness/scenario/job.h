// SPDX-License-Identifier: Apache-2.0
//
// job.h - turn a scenario job into TPU work and into its expected output.
//
// compile_job() lays the job's DRAM tensors out in one data buffer
// (addressed through ARRAYBASE 2), gives every LMEM tensor a place in LMEM,
// and emits descriptors through the runtime's builders into a command
// buffer.  reference_outputs() computes the expected output bytes with a
// plain per-element interpreter of the same operations, written from the
// element-wise semantics (docs/datapath.md 3.3) and independent of the
// model's kernels.
#ifndef TPUSIM_SCENARIO_JOB_H
#define TPUSIM_SCENARIO_JOB_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario.h"

extern "C" {
#include "rt_cmdbuf.h"
}

namespace tpusim::scn {

struct CompiledJob {
	// Data buffer layout: offset of each DRAM tensor (inputs and outputs).
	std::map<std::string, uint64_t> offset;
	uint64_t data_bytes = 0;
	std::vector<uint8_t> input_image;            // initial data buffer contents
	std::map<std::string, std::vector<uint8_t>> expected;  // per output tensor
	rt_cmdbuf *cb = nullptr;                     // owned
	unsigned tdma_count = 0, tiu_count = 0;

	CompiledJob() = default;
	CompiledJob(const CompiledJob &) = delete;
	CompiledJob &operator=(const CompiledJob &) = delete;
	~CompiledJob();
};

// Returns an empty string on success, else what is wrong with the job
// (for example an LMEM overflow for the chosen chip).
std::string compile_job(const Job &job, unsigned lanes, CompiledJob &out);

// Bytes of a tensor's initial data (inputs), deterministic from its spec.
std::vector<uint8_t> tensor_data(const Tensor &t);

} // namespace tpusim::scn

#endif
