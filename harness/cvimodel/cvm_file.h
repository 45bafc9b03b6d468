// SPDX-License-Identifier: Apache-2.0
//
// cvm_file.h - a tpu-mlir .cvimodel file, loaded and checked
// (/work/shared/spec/cvimodel-format.md; docs/models.md).
//
// load_model() reads the header, verifies the flatbuffer with the
// flatbuffers Verifier (through flatc-generated code), bounds-checks every
// section against the file, and takes program 0: its tensors, the sizes of
// the eight memory regions (base registers), and each TPU routine's
// command buffer turned into the runtime's command buffer (cvm_cmdbuf.h).
// Anything wrong is one message naming the file; nothing is half loaded.
#ifndef TPUSIM_CVM_FILE_H
#define TPUSIM_CVM_FILE_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cvm_cmdbuf.h"

namespace tpusim::cvm {

constexpr unsigned kRegions = 8;          // base registers / ARRAYBASE 0..7
constexpr unsigned kRegionShared = 0;
constexpr unsigned kRegionWeight = 1;
constexpr unsigned kRegionPrivate = 2;
constexpr unsigned kRegionIoFirst = 3;    // 3..7: one IO tensor each
constexpr unsigned kHeaderSize = 48;      // 32 for version 1.0
constexpr unsigned kMajor = 1;            // newest the loader reads (schema v1.4)
constexpr unsigned kMinor = 4;

struct Tensor {
	std::string name;
	unsigned dtype = 0;             // cvi.model.DType value
	std::vector<int64_t> shape;
	bool has_memory = false;        // offset != -1
	unsigned region = 0;            // base register index
	uint64_t offset = 0;            // byte offset in the region
	uint64_t size = 0;              // bytes
	float qscale = 0;
	bool overwrote = false;
	bool is_input = false, is_output = false;
};

struct Routine {
	std::string section;            // cmdbuf section name
	std::unique_ptr<Cmdbuf> cmdbuf;
};

struct Model {
	std::string file;
	std::string name, chip, target, mlir_version, build_time;
	unsigned major = 0, minor = 0;  // header version
	unsigned fb_major = 0, fb_minor = 0, fb_sub = 0;
	std::vector<uint8_t> bytes;     // the whole file
	uint64_t weight_off = 0, weight_size = 0;   // the weight blob in bytes
	std::vector<Tensor> tensors;
	std::vector<size_t> inputs, outputs;        // indices into tensors
	uint64_t region_size[kRegions] = {};
	bool legacy_neuron = false;     // neuron_size: regions 0 and 2 are one buffer
	std::vector<Routine> routines;  // TPU routines of program 0, in order

	const Tensor *tensor(const std::string &n) const;
};

// "" on success, else "FILE: what is wrong".
std::string load_model(const std::string &path, Model &m);
// The same for a file's bytes already in memory; name stands for the file.
std::string load_model_bytes(std::vector<uint8_t> bytes, const std::string &name, Model &m);

// "0x" and v in lower-case hex.
std::string hex(uint64_t v);

// Name of a cvi.model.DType value, and its element size in bytes.
const char *dtype_name(unsigned dtype);
unsigned dtype_size(unsigned dtype);

} // namespace tpusim::cvm

#endif
