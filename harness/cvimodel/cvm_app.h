// SPDX-License-Identifier: Apache-2.0
//
// cvm_app.h - what an application does with a loaded cvimodel, in a
// simulated user thread whose process has the devices open: one cached
// ION buffer per region, the weights and inputs written and flushed, each
// routine's command buffer loaded as a dmabuf with the regions' addresses
// as array bases, then per iteration SUBMIT and WAIT of every routine,
// and the outputs invalidated and read back; everything freed at the end.
// `tpusim model` runs it in its application processes, and the scenario
// step `model:` in any scenario thread.
#ifndef TPUSIM_CVM_APP_H
#define TPUSIM_CVM_APP_H

#include <cstdint>
#include <string>
#include <vector>

#include "cvm_file.h"
#include "cvm_pmu.h"
#include "event_log.h"

extern "C" {
#include "rt_session.h"
}

namespace tpusim::cvm {

struct AppRun {
	std::string failure;            // the first thing that went wrong, "" if nothing
	int rc = 0;                     // the first failing call's result (negative errno), else 0
	int job_ret = 0;                // the first non-zero job result, else 0
	std::vector<double> infer_s;    // per iteration: first SUBMIT to last WAIT return
	std::vector<std::vector<uint8_t>> outputs;   // Model::outputs order, after the last iteration
	std::vector<PmuCapture> pmu;    // with pmu: per routine, after the last iteration
};

// seq_no of the first SUBMIT; the others follow.  With trace, each
// iteration is a span on track.  With pmu, each command buffer carries a
// PMU buffer (cvm_pmu.h), read back after the last iteration.
void run_app(rt_dev &dev, const Model &m, const std::vector<std::vector<uint8_t>> &inputs, unsigned iterations,
	     uint32_t first_seq, AppRun &a, EventLog *trace = nullptr, const std::string &track = "",
	     bool pmu = false);

} // namespace tpusim::cvm

#endif
