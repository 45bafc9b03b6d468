// SPDX-License-Identifier: Apache-2.0
//
// step_model.h - the scenario step `model:` (step_model.cpp).
#ifndef TPUSIM_SCN_STEP_MODEL_H
#define TPUSIM_SCN_STEP_MODEL_H

#include <cerrno>
#include <string>
#include <vector>

#include "event_log.h"
#include "scenario.h"

extern "C" {
#include "rt_session.h"
}

namespace tpusim::scn {

struct ModelStepResult {
	std::string failure;           // "" when every call and job succeeded
	int rc = 0;                    // the first failing call's result, else 0
	int job_ret = 0;               // the first non-zero job result, else 0
	std::string mismatch;          // the first output byte differing from the serial replay
	std::vector<double> infer_s;
};

// In a simulated user thread with dev open: st.count iterations of the
// model st.model_file, SUBMITs numbered from seq.  check_data: compare
// the outputs with the serial replay through the kernels.
ModelStepResult run_model_step(rt_dev &dev, const Step &st, uint32_t seq, bool check_data, EventLog *trace,
			       const std::string &track);

} // namespace tpusim::scn

#endif
