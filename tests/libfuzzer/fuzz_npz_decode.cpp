// SPDX-License-Identifier: Apache-2.0
//
// fuzz_npz_decode.cpp - libFuzzer target: any bytes as a .npz file
// (harness/cvimodel/cvm_npz.h, `tpusim model --input FILE.npz`).
//
// The reader's contract (docs/models.md "Inputs and outputs as .npz"):
// never crash, refuse with a message, or return arrays whose bytes are
// exactly what their shape and dtype need.  Every accepted file that the
// writer can express (no 0-d array) re-encodes, decodes to the same
// arrays, and encodes again to the same bytes.  The same function runs in
// the default build over seeded mutations of files the writer made
// (standalone_main.cpp, CTest models.npz.fuzz).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cvm_npz.h"

using namespace tpusim::cvm;

namespace {

[[noreturn]] void finding(const std::string &why)
{
	std::fprintf(stderr, "fuzz_npz_decode: %s\n", why.c_str());
	std::abort();
}

bool same(const std::vector<NpyArray> &a, const std::vector<NpyArray> &b)
{
	if (a.size() != b.size())
		return false;
	for (size_t i = 0; i < a.size(); i++)
		if (a[i].name != b[i].name || a[i].descr != b[i].descr || a[i].shape != b[i].shape || a[i].data != b[i].data)
			return false;
	return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::vector<NpyArray> arrays;
	const std::string err = npz_decode(data, size, arrays);
	if (!err.empty()) {
		if (!arrays.empty())
			finding("refused (" + err + ") yet returned arrays");
		return 0;
	}
	for (const NpyArray &a : arrays) {
		size_t n = a.descr.size() >= 3 ? static_cast<size_t>(std::atoi(a.descr.c_str() + 2)) : 0;
		for (size_t d : a.shape)
			n *= d;
		if (n != a.data.size())
			finding("array '" + a.name + "': " + std::to_string(a.data.size()) + " bytes for its shape's " +
				std::to_string(n));
		if (a.shape.empty() || a.name.size() + 4 > 0xffff)
			return 0;   // forms the writer does not produce
	}
	std::vector<uint8_t> once, twice;
	std::string werr = npz_encode(arrays, once);
	if (!werr.empty())
		finding("an accepted file does not re-encode: " + werr);
	std::vector<NpyArray> back;
	if (!(werr = npz_decode(once.data(), once.size(), back)).empty())
		finding("the writer's file is refused: " + werr);
	if (!same(arrays, back))
		finding("decode(encode(arrays)) differs from arrays");
	if (!npz_encode(back, twice).empty() || twice != once)
		finding("encoding is not stable");
	return 0;
}
