// SPDX-License-Identifier: Apache-2.0
//
// cvm_run.h - run a loaded cvimodel on a simulated machine, as an
// application does through the runtime: one simulated process opens the
// TPU and ION devices, allocates one ION buffer per memory region (base
// register), copies the weights and inputs in, loads each TPU routine's
// command buffer as a dmabuf with the regions' addresses as its array
// bases, SUBMITs and WAITs through the hosted driver, and reads the
// outputs back (docs/models.md).
#ifndef TPUSIM_CVM_RUN_H
#define TPUSIM_CVM_RUN_H

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cvm_file.h"
#include "event_log.h"
#include "cvm_pmu.h"

namespace tpusim {
class Host;
}

namespace tpusim::cvm {

struct InputSpec {
	enum class Kind { random, zeros, file } kind = Kind::random;
	std::string file;
};

struct RunOptions {
	std::map<std::string, InputSpec> inputs;   // by tensor name
	InputSpec default_input;                    // every input not named
	uint64_t seed = 1;                          // of random inputs
	unsigned iterations = 1;
	bool trace = false;                         // keep RunResult::trace
	unsigned processes = 1;                     // applications running the model at once
	bool pmu = false;                           // PMU buffers on every routine (cvm_pmu.h)
	std::function<void(Host &)> on_host;        // called with the machine before the run (observers)
};

// One compiler layer (the descriptors' layer id), over all runs.
struct LayerRun {
	uint64_t tiu = 0, tdma = 0;          // descriptors
	double tiu_s = 0, tdma_s = 0;        // engine busy time
	double first = -1;                   // first start (simulated seconds)
	double span_s = 0;                   // first start to last end, summed over the runs
};

struct RunResult {
	std::string failure;                 // empty when every job completed with result 0
	std::vector<double> infer_s;         // per iteration: first SUBMIT to last WAIT return (process 0)
	std::vector<std::vector<double>> process_infer_s;   // the same per process
	double tpu_s = 0;                    // first descriptor start to last descriptor end
	double tdma_busy_s = 0, tiu_busy_s = 0;
	uint64_t tdma_descs = 0, tiu_descs = 0, tdma_errors = 0, tiu_errors = 0, tiu_timed_only = 0,
		 tdma_timed_only = 0;
	std::map<uint32_t, LayerRun> layers;   // by layer id
	double overlap_s = 0;                // time both engines were busy
	EventLog trace;                      // with RunOptions::trace: descriptors, runs, interrupt lines
	std::vector<std::string> findings;      // checker findings, one line each
	std::vector<std::string> engine_errors; // the first few descriptors that raised a status
	std::vector<std::vector<uint8_t>> outputs;   // Model::outputs order, last iteration of process 0
	double sim_s = 0;                    // simulated time of the whole run
	std::vector<PmuCapture> pmu;         // with RunOptions::pmu: per routine, last iteration

	bool pass() const
	{
		return failure.empty() && findings.empty() && !tdma_errors && !tiu_errors;
	}
};

// The bytes of each input (Model::inputs order).  "" on success, else what
// is wrong with an --input (unknown name, file of the wrong size).
std::string prepare_inputs(const Model &m, const RunOptions &o, std::vector<std::vector<uint8_t>> &out);

// Boot a machine, run the model o.iterations times, shut down.  SystemC
// elaborates once per process: call at most once.
RunResult run_model(const Model &m, const RunOptions &o, const std::vector<std::vector<uint8_t>> &inputs);

} // namespace tpusim::cvm

#endif
