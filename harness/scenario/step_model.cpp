// SPDX-License-Identifier: Apache-2.0
//
// step_model.cpp - the scenario step `model:` (harness/vocab/steps.h): a
// compiled model run by a scenario thread as an application does
// (harness/cvimodel/cvm_app.h), so real models share the TPU with the
// scenario's other jobs, faults and checkers.
#include "step_model.h"

#include <map>
#include <memory>
#include <random>
#include <sstream>

#if TPUSIM_HAVE_CVIMODEL
#include "cvm_app.h"
#include "cvm_reference.h"
#include "cvm_run.h"
#endif

namespace tpusim::scn {

#if TPUSIM_HAVE_CVIMODEL

namespace {

// Loaded once per run process, by path; the serial replay's outputs once
// per (path, inputs).
struct Loaded {
	std::string error;
	cvm::Model m;
};

const Loaded &model_of(const std::string &path)
{
	static std::map<std::string, std::unique_ptr<Loaded>> cache;
	std::unique_ptr<Loaded> &l = cache[path];
	if (!l) {
		l = std::make_unique<Loaded>();
		l->error = cvm::load_model(path, l->m);
	}
	return *l;
}

const std::vector<std::vector<uint8_t>> &replayed(const std::string &key, const cvm::Model &m,
						  const std::vector<std::vector<uint8_t>> &inputs)
{
	static std::map<std::string, std::vector<std::vector<uint8_t>>> cache;
	auto it = cache.find(key);
	if (it == cache.end())
	{
		cvm::ReplayKernels kernels_only;
		kernels_only.reference = false;
		it = cache.emplace(key, cvm::reference_run(m, inputs, kernels_only).outputs).first;
	}
	return it->second;
}

} // namespace

ModelStepResult run_model_step(rt_dev &dev, const Step &st, uint32_t seq, bool check_data, EventLog *trace,
			       const std::string &track)
{
	ModelStepResult res;
	const Loaded &l = model_of(st.model_file);
	if (!l.error.empty()) {
		res.failure = l.error;
		res.rc = -EINVAL;
		return res;
	}
	cvm::RunOptions o;
	o.seed = st.model_seed;
	o.default_input.kind = st.model_zeros ? cvm::InputSpec::Kind::zeros : cvm::InputSpec::Kind::random;
	std::vector<std::vector<uint8_t>> inputs;
	res.failure = cvm::prepare_inputs(l.m, o, inputs);
	if (!res.failure.empty()) {
		res.rc = -EINVAL;
		return res;
	}
	cvm::AppRun a;
	cvm::run_app(dev, l.m, inputs, st.count, seq, a, trace, track);
	res.failure = a.failure;
	res.rc = a.rc;
	res.job_ret = a.job_ret;
	res.infer_s = a.infer_s;
	if (res.failure.empty() && check_data) {
		const std::string key = st.model_file + (st.model_zeros ? "#zeros" : "#random" + std::to_string(st.model_seed));
		const std::vector<std::vector<uint8_t>> &want = replayed(key, l.m, inputs);
		for (size_t i = 0; i < want.size() && i < a.outputs.size() && res.mismatch.empty(); i++)
			for (size_t b = 0; b < want[i].size(); b++)
				if (a.outputs[i][b] != want[i][b]) {
					std::ostringstream os;
					os << "output '" << l.m.tensors[l.m.outputs[i]].name << "' byte " << b << " is 0x"
					   << std::hex << unsigned(a.outputs[i][b]) << ", the serial replay's 0x"
					   << unsigned(want[i][b]);
					res.mismatch = os.str();
					break;
				}
	}
	return res;
}

#else

ModelStepResult run_model_step(rt_dev &, const Step &, uint32_t, bool, EventLog *, const std::string &)
{
	ModelStepResult res;
	res.failure = "model steps need the cvimodel loader, which this build lacks (flatc or the schema; "
		      "see docs/models.md)";
	res.rc = -ENOSYS;
	return res;
}

#endif

} // namespace tpusim::scn
