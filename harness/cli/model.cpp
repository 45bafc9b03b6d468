// SPDX-License-Identifier: Apache-2.0
//
// model.cpp - `tpusim model FILE.cvimodel`: load and check the model
// (harness/cvimodel), print it, run it on a simulated machine through the
// runtime and the driver, print the simulated time, write the outputs.
//
// Exit status 2 for a bad file or a bad --input (nothing has run), 1 when
// the run failed (a job error, a checker finding, an engine error), else 0.
#include <cstdio>
#include <fstream>
#include <sys/stat.h>

#include "cli.h"
#include "cvm_npz.h"
#include "cvm_reference.h"
#include "cvm_run.h"
#include "host.h"
#include "op_census.h"
#include "trace_writer.h"

namespace tpusim::cli {

namespace {

using namespace tpusim::cvm;

std::string shape_str(const std::vector<int64_t> &s)
{
	std::string r = "[";
	for (size_t i = 0; i < s.size(); i++)
		r += (i ? "," : "") + std::to_string(s[i]);
	return r + "]";
}

const char *region_name(unsigned k)
{
	static const char *const names[kRegions] = {"shared", "weight", "private", "io", "io", "io", "io", "io"};
	return names[k];
}

void print_tensor(const Tensor &t)
{
	printf("  %-32s %-5s %-16s b%u+0x%-6llx %9llu B  qscale %g\n", t.name.c_str(), dtype_name(t.dtype),
	       shape_str(t.shape).c_str(), t.region, static_cast<unsigned long long>(t.offset),
	       static_cast<unsigned long long>(t.size), static_cast<double>(t.qscale));
}

void print_model(const Model &m)
{
	printf("model     %s\n", m.name.c_str());
	printf("          chip %s, file version %u.%u, schema %u.%u.%u, %s, built %s\n", m.chip.c_str(), m.major,
	       m.minor, m.fb_major, m.fb_minor, m.fb_sub, m.mlir_version.empty() ? "-" : m.mlir_version.c_str(),
	       m.build_time.empty() ? "-" : m.build_time.c_str());
	printf("regions  ");
	for (unsigned k = 0; k < kRegions; k++)
		if (m.region_size[k])
			printf(" b%u %s %llu B;", k, region_name(k), static_cast<unsigned long long>(m.region_size[k]));
	printf("%s\n", m.legacy_neuron ? " (neuron_size: b0 and b2 are one buffer)" : "");
	printf("inputs\n");
	for (size_t i : m.inputs)
		print_tensor(m.tensors[i]);
	printf("outputs\n");
	for (size_t i : m.outputs)
		print_tensor(m.tensors[i]);
	for (const Routine &r : m.routines)
		printf("routine   %s: %u TIU + %u TDMA descriptors, %zu segment(s)\n", r.section.c_str(), r.cmdbuf->tiu,
		       r.cmdbuf->tdma, rt_cmdbuf_segment_count(r.cmdbuf->cb));
}

// The differential replay (cvm_reference.h) and its verdict; true when
// clean: no mismatch, every descriptor computed by both, and the replay's
// outputs equal to the simulated run's.
bool print_reference(const Model &m, const std::vector<std::vector<uint8_t>> &inputs, const RunResult &r)
{
	const RefReport ref = reference_run(m, inputs);
	printf("reference %llu descriptors replayed: %llu compared, %llu refused by both, %llu mismatching\n",
	       static_cast<unsigned long long>(ref.descs), static_cast<unsigned long long>(ref.compared),
	       static_cast<unsigned long long>(ref.refused), static_cast<unsigned long long>(ref.mismatches));
	if (!ref.first.empty())
		printf("mismatch  %s\n", ref.first.c_str());
	if (!ref.stuck.empty())
		printf("stuck     %s\n", ref.stuck.c_str());
	for (const auto &kv : ref.unstated)
		printf("unstated  %llu x %s\n", static_cast<unsigned long long>(kv.second), kv.first.c_str());
	for (const auto &kv : ref.kernel_timed)
		printf("untested  %llu x %s: the kernels only time it\n", static_cast<unsigned long long>(kv.second),
		       kv.first.c_str());
	bool same = r.outputs.size() == ref.outputs.size();
	for (size_t i = 0; same && i < r.outputs.size(); i++)
		same = r.outputs[i] == ref.outputs[i];
	if (!r.outputs.empty())
		printf("replay    outputs %s the simulated run's\n", same ? "equal" : "DIFFER from");
	return ref.clean() && (same || r.outputs.empty());
}

// Per compiler layer (the descriptors' layer ids), per run.
void print_layers(const RunResult &r)
{
	const double runs = r.infer_s.empty() ? 1 : static_cast<double>(r.infer_s.size());
	double t0 = -1;
	for (const auto &kv : r.layers)
		t0 = t0 < 0 ? kv.second.first : std::min(t0, kv.second.first);
	printf("layer     TIU  TDMA   start ms    span ms  TIU busy ms  TDMA busy ms   (per run; start: first run)\n");
	for (const auto &kv : r.layers) {
		const LayerRun &l = kv.second;
		printf("  %5u %5.0f %5.0f %10.3f %10.3f %12.3f %13.3f\n", kv.first, l.tiu / runs, l.tdma / runs,
		       (l.first - t0) * 1e3, l.span_s * 1e3 / runs, l.tiu_s * 1e3 / runs, l.tdma_s * 1e3 / runs);
	}
}

std::string file_name(const std::string &tensor)
{
	std::string s = tensor;
	for (char &c : s)
		if (!isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
			c = '_';
	return s + ".bin";
}

uint64_t fnv1a(const std::vector<uint8_t> &b)
{
	uint64_t h = 1469598103934665603ull;
	for (uint8_t x : b) {
		h ^= x;
		h *= 1099511628211ull;
	}
	return h;
}

bool ends_with(const std::string &s, const std::string &tail)
{
	return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// --input values into o, and the .npz files given whole into npz; "" or
// what is wrong.
std::string parse_inputs(const Args &a, RunOptions &o, std::vector<std::string> &npz)
{
	for (const std::string &v : a.inputs) {
		if (v.find('=') == std::string::npos && ends_with(v, ".npz")) {
			npz.push_back(v);
			continue;
		}
		auto kind = [](const std::string &w, InputSpec &s) {
			if (w == "random")
				s.kind = InputSpec::Kind::random;
			else if (w == "zeros")
				s.kind = InputSpec::Kind::zeros;
			else
				return false;
			return true;
		};
		const size_t eq = v.find('=');
		if (eq == std::string::npos) {
			if (!kind(v, o.default_input))
				return "--input '" + v +
				       "': expected NAME=FILE, NAME=random, NAME=zeros, random, zeros or FILE.npz";
			continue;
		}
		InputSpec s;
		const std::string rhs = v.substr(eq + 1);
		if (!kind(rhs, s)) {
			s.kind = InputSpec::Kind::file;
			s.file = rhs;
		}
		if (eq == 0 || rhs.empty())
			return "--input '" + v + "': expected NAME=FILE, NAME=random or NAME=zeros";
		o.inputs[v.substr(0, eq)] = s;
	}
	return "";
}

// Each array of the --input .npz files replaces its input's bytes in
// `inputs` (Model::inputs order): byte for byte, as model_runner -i copies
// an array that it does not convert.  "" or what is wrong.
std::string apply_npz_inputs(const Model &m, const RunOptions &o, const std::vector<std::string> &files,
			     std::vector<std::vector<uint8_t>> &inputs)
{
	std::set<std::string> seen;
	for (const std::string &f : files) {
		std::vector<NpyArray> arrays;
		std::string err = npz_read(f, arrays);
		if (!err.empty())
			return "--input " + err;
		for (const NpyArray &a : arrays) {
			const std::string what = "--input " + f + ": array '" + a.name + "'";
			size_t k = 0;
			while (k < m.inputs.size() && m.tensors[m.inputs[k]].name != a.name)
				k++;
			if (k == m.inputs.size()) {
				std::string names;
				for (size_t i : m.inputs)
					names += (names.empty() ? "" : ", ") + m.tensors[i].name;
				return what + ": the model has no input of that name (inputs: " + names + ")";
			}
			const Tensor &t = m.tensors[m.inputs[k]];
			if (o.inputs.count(a.name) || !seen.insert(a.name).second)
				return what + ": that input is given twice";
			// model_runner quantises or converts a float array for a
			// non-FP32 tensor; these bytes would not be what it runs.
			if (a.descr.size() > 1 && a.descr[1] == 'f' && std::string(dtype_name(t.dtype)) != "FP32")
				return what + " is " + a.descr + ", the tensor " + dtype_name(t.dtype) +
				       ": model_runner would convert it; give the tensor's raw bytes "
				       "(--save-inputs writes them)";
			if (a.data.size() != t.size)
				return what + ": " + std::to_string(a.data.size()) + " bytes, the tensor has " +
				       std::to_string(t.size) + " (" + dtype_name(t.dtype) + ")";
			inputs[k] = a.data;
		}
	}
	return "";
}

// The arrays of `tensors` (indices into m.tensors) holding `bytes`, in
// model_runner's encoding and order, written to path.  false (after
// saying why) when it could not be written.
bool write_npz(const Model &m, const std::vector<size_t> &tensors, const std::vector<std::vector<uint8_t>> &bytes,
	       bool input, const std::string &path)
{
	std::vector<NpyArray> arrays;
	std::string err;
	if (bytes.size() != tensors.size())
		err = path + ": not written, the run produced no " + (input ? "inputs" : "outputs");
	for (size_t i = 0; err.empty() && i < tensors.size(); i++) {
		NpyArray a;
		const Tensor &t = m.tensors[tensors[i]];
		err = input ? npz_input(t, bytes[i], a) : npz_output(t, bytes[i], a);
		arrays.push_back(std::move(a));
	}
	if (err.empty()) {
		npz_sort_by_name(arrays);
		err = npz_write(path, arrays);
	}
	if (!err.empty()) {
		fprintf(stderr, "tpusim model: %s\n", err.c_str());
		return false;
	}
	printf("npz       %s: %zu %s array(s) in model_runner's encoding\n", path.c_str(), arrays.size(),
	       input ? "input" : "output");
	// model_runner gives an array to the first input whose name starts
	// with the array's name.
	for (size_t k = 0; input && k < tensors.size(); k++)
		for (size_t j = 0; j < k; j++)
			if (m.tensors[tensors[j]].name.rfind(m.tensors[tensors[k]].name, 0) == 0)
				printf("note      model_runner -i gives array '%s' to input '%s' (a name it begins)\n",
				       m.tensors[tensors[k]].name.c_str(), m.tensors[tensors[j]].name.c_str());
	return true;
}

} // namespace

int model_compare(const Args &a);   // model_compare.cpp

int model(const Args &a)
{
	if (a.has(Option::compare))
		return model_compare(a);
	Model m;
	std::string err = load_model(a.paths[0], m);
	if (!err.empty()) {
		fprintf(stderr, "%s\n", err.c_str());
		return 2;
	}
	RunOptions o;
	o.iterations = a.iterations;
	o.trace = a.has(Option::trace);
	o.processes = a.processes;
	o.pmu = a.has(Option::pmu);
	if (a.has(Option::seed))
		o.seed = a.seed;
	OpCensusWatch *ops = nullptr;
	if (a.has(Option::ops))
		o.on_host = [&ops](Host &h) {
			ops = new OpCensusWatch(h.top.dram);   // lives as long as the machine: until exit
			h.top.observers().add(ops);
		};
	std::vector<std::vector<uint8_t>> inputs;
	std::vector<std::string> npz_inputs;
	if (!(err = parse_inputs(a, o, npz_inputs)).empty() || !(err = prepare_inputs(m, o, inputs)).empty() ||
	    !(err = apply_npz_inputs(m, o, npz_inputs, inputs)).empty()) {
		fprintf(stderr, "tpusim model: %s\n", err.c_str());
		return 2;
	}
	print_model(m);
	fflush(stdout);

	RunResult r = run_model(m, o, inputs);

	double sum = 0, best = 0;
	for (double s : r.infer_s) {
		sum += s;
		best = best == 0 || s < best ? s : best;
	}
	const double tpu = r.tpu_s > 0 ? r.tpu_s : 1;
	if (!r.infer_s.empty())
		printf("inference %.3f ms simulated per run (SUBMIT to WAIT; %zu run(s), best %.3f ms)\n",
		       sum / r.infer_s.size() * 1e3, r.infer_s.size(), best * 1e3);
	for (size_t k = 0; r.process_infer_s.size() > 1 && k < r.process_infer_s.size(); k++) {
		double s = 0;
		for (double x : r.process_infer_s[k])
			s += x;
		printf("process   %zu: %.3f ms per run (%zu run(s))\n", k,
		       r.process_infer_s[k].empty() ? 0 : s / r.process_infer_s[k].size() * 1e3, r.process_infer_s[k].size());
	}
	printf("tpu       %.3f ms from the first descriptor to the last (all runs)\n", r.tpu_s * 1e3);
	printf("engines   TDMA busy %.3f ms (%.1f%%), TIU busy %.3f ms (%.1f%%); %llu TDMA + %llu TIU descriptors, "
	       "%llu TDMA / %llu TIU errors\n",
	       r.tdma_busy_s * 1e3, 100.0 * r.tdma_busy_s / tpu, r.tiu_busy_s * 1e3, 100.0 * r.tiu_busy_s / tpu,
	       static_cast<unsigned long long>(r.tdma_descs), static_cast<unsigned long long>(r.tiu_descs),
	       static_cast<unsigned long long>(r.tdma_errors), static_cast<unsigned long long>(r.tiu_errors));
	printf("overlap   %.3f ms with both engines busy (%.1f%% of the tpu time)\n", r.overlap_s * 1e3,
	       100.0 * r.overlap_s / tpu);
	printf("timed     %llu of %llu TIU and %llu of %llu TDMA descriptors timed only, not computed (docs/models.md)\n",
	       static_cast<unsigned long long>(r.tiu_timed_only), static_cast<unsigned long long>(r.tiu_descs),
	       static_cast<unsigned long long>(r.tdma_timed_only), static_cast<unsigned long long>(r.tdma_descs));
	if (ops) {
		size_t runs = 0;
		for (const std::vector<double> &p : r.process_infer_s)
			runs += p.size();
		print_op_census(ops->census(), runs, a.has(Option::ops_all));
	}
	if (a.has(Option::layers))
		print_layers(r);

	bool write_failed = false;
	if (o.trace && !write_chrome_trace(a.trace, m.name, r.trace)) {
		fprintf(stderr, "tpusim model: cannot write %s\n", a.trace.c_str());
		write_failed = true;
	}
	if (!a.output_dir.empty())
		mkdir(a.output_dir.c_str(), 0777);  // an existing folder is fine; a failure shows below
	for (size_t i = 0; i < r.outputs.size(); i++) {
		const Tensor &t = m.tensors[m.outputs[i]];
		std::string where;
		if (!a.output_dir.empty()) {
			where = a.output_dir + "/" + file_name(t.name);
			std::ofstream out(where, std::ios::binary);
			out.write(reinterpret_cast<const char *>(r.outputs[i].data()),
				  static_cast<std::streamsize>(r.outputs[i].size()));
			if (!out) {
				fprintf(stderr, "tpusim model: cannot write %s\n", where.c_str());
				write_failed = true;
			}
		}
		printf("output    %-32s fnv1a %016llx%s%s\n", t.name.c_str(),
		       static_cast<unsigned long long>(fnv1a(r.outputs[i])), where.empty() ? "" : " -> ",
		       where.c_str());
	}
	if (a.has(Option::save_inputs))
		write_failed |= !write_npz(m, m.inputs, inputs, true, a.save_inputs);
	if (a.has(Option::npz_out))
		write_failed |= !write_npz(m, m.outputs, r.outputs, false, a.npz_out);
	bool ref_failed = false;
	if (a.has(Option::reference))
		ref_failed = !print_reference(m, inputs, r);
	bool pmu_failed = false;
	for (size_t i = 0; i < r.pmu.size(); i++)
		pmu_failed |= pmu_report(r.pmu[i].buf, r.pmu[i].clk_hz, m.routines[i].section, a.pmu_out, i,
					 r.pmu.size()) != 0;
	for (const std::string &e : r.engine_errors)
		printf("error     %s\n", e.c_str());
	for (const std::string &f : r.findings)
		printf("finding   %s\n", f.c_str());
	if (!r.pass() || write_failed || ref_failed || pmu_failed) {
		printf("FAIL      %s\n", !r.failure.empty()       ? r.failure.c_str()
					    : !r.findings.empty() ? "checker findings"
					    : write_failed        ? "an output could not be written"
					    : ref_failed          ? "the reference replay differs"
					    : pmu_failed          ? "the PMU buffer holds no records or could not be written"
								  : "engine errors");
		return 1;
	}
	printf("PASS      %s (%.3f ms simulated in all)\n", m.name.c_str(), r.sim_s * 1e3);
	return 0;
}

} // namespace tpusim::cli
