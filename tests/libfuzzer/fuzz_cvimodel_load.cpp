// SPDX-License-Identifier: Apache-2.0
//
// fuzz_cvimodel_load.cpp - libFuzzer target: any bytes as a .cvimodel file
// (harness/cvimodel/cvm_file.h).
//
// The loader's contract (docs/models.md): never crash; refuse with one
// line "fuzz.cvimodel: what" and nothing half loaded, or accept a model
// whose every fact the runner relies on holds: each tensor with memory
// inside its region, inputs and outputs with memory, every TDMA global
// side on a region the model has, each routine's descriptor list as long
// as its TIU and TDMA counts.  Loading the same bytes twice gives the same
// answer.  The same function runs in the default build over the shared
// models, the bad-file fixtures and seeded mutations of them
// (standalone_main.cpp, CTest models.fuzz_load).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cvm_file.h"

using namespace tpusim::cvm;

namespace {

[[noreturn]] void finding(const std::string &why)
{
	std::fprintf(stderr, "fuzz_cvimodel_load: %s\n", why.c_str());
	std::abort();
}

void check_model(const Model &m)
{
	for (const Tensor &t : m.tensors) {
		if ((t.is_input || t.is_output) && !t.has_memory)
			finding("input or output '" + t.name + "' without memory accepted");
		if (!t.has_memory)
			continue;
		if (t.region >= kRegions)
			finding("tensor '" + t.name + "' on region " + std::to_string(t.region));
		if (t.offset > m.region_size[t.region] || t.size > m.region_size[t.region] - t.offset)
			finding("tensor '" + t.name + "' outside its region accepted");
	}
	for (size_t i : m.inputs)
		if (i >= m.tensors.size() || !m.tensors[i].is_input)
			finding("input index " + std::to_string(i) + " does not name an input");
	for (size_t i : m.outputs)
		if (i >= m.tensors.size() || !m.tensors[i].is_output)
			finding("output index " + std::to_string(i) + " does not name an output");
	for (const Routine &r : m.routines) {
		if (!r.cmdbuf)
			finding("routine without a command buffer");
		if (r.cmdbuf->descs.size() != size_t(r.cmdbuf->tiu) + r.cmdbuf->tdma)
			finding("routine " + r.section + ": descriptor list and counts differ");
		for (const GlobalRef &g : r.cmdbuf->globals)
			if (g.sel >= kRegions || !m.region_size[g.sel])
				finding("TDMA global side on base register " + std::to_string(g.sel) +
					" without a region accepted");
	}
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const std::vector<uint8_t> bytes(data, data + size);
	Model a, b;
	const std::string ea = load_model_bytes(bytes, "fuzz.cvimodel", a);
	const std::string eb = load_model_bytes(bytes, "fuzz.cvimodel", b);
	if (ea != eb)
		finding("two loads of the same bytes differ: '" + ea + "' / '" + eb + "'");
	if (!ea.empty()) {
		const std::string head = "fuzz.cvimodel: ";
		if (ea.compare(0, head.size(), head) != 0 || ea.size() == head.size() ||
		    ea.find('\n') != std::string::npos)
			finding("malformed message '" + ea + "'");
		if (!a.routines.empty())
			finding("refused, but routines stay loaded: '" + ea + "'");
		return 0;
	}
	check_model(a);
	return 0;
}
