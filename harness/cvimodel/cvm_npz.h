// SPDX-License-Identifier: Apache-2.0
//
// cvm_npz.h - NumPy .npz files as the vendor's model_runner reads and
// writes them (docs/models.md "Inputs and outputs as .npz";
// /work/shared/spec/vendor-runtime-hosting.md 5).
//
// npz_write() produces the bytes cnpy's npz_save (Sophgo fork, branch
// `tpu`) writes for the same arrays in the same order: stored (method 0)
// ZIP entries "<name>.npy", time and date 0, version 20, a .npy 1.0 header
// padded to 16 bytes, then the central directory and the end record.  So a
// file of tpusim and one of model_runner compare with cmp.
//
// npz_read() takes any stored .npz (cnpy's, numpy.savez's): it walks the
// central directory, checks every offset, size and CRC against the file,
// and refuses compressed entries, zip64 and Fortran order with a message.
//
// npz_output() / npz_input() map a model tensor's bytes to the array
// model_runner writes with -o, and to the array it copies unchanged into
// the tensor with -i.
#ifndef TPUSIM_CVM_NPZ_H
#define TPUSIM_CVM_NPZ_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cvm_file.h"

namespace tpusim::cvm {

struct NpyArray {
	std::string name;               // without ".npy"
	std::string descr;              // "<f4", "<i1", "|u1", ...
	std::vector<size_t> shape;
	std::vector<uint8_t> data;      // C order, product(shape) * word size bytes
};

// CRC-32 of ZIP (reflected 0xEDB88320), continuing from crc (0 to start).
uint32_t npz_crc32(uint32_t crc, const uint8_t *p, size_t n);

// The file's bytes; "" on success, else what is wrong with an array.
std::string npz_encode(const std::vector<NpyArray> &arrays, std::vector<uint8_t> &out);
// Decode a file's bytes; "" on success, else what is wrong (never a crash)
// and no arrays.
std::string npz_decode(const uint8_t *p, size_t n, std::vector<NpyArray> &arrays);

// The same with a file: "" on success, else "PATH: what is wrong".
std::string npz_write(const std::string &path, const std::vector<NpyArray> &arrays);
std::string npz_read(const std::string &path, std::vector<NpyArray> &arrays);

// Order arrays as model_runner's std::map does (by name, byte-wise); a
// repeated name keeps its last array, as map[name] = array does.
void npz_sort_by_name(std::vector<NpyArray> &arrays);

// The array model_runner's saveResultToNpz writes for an output tensor
// holding bytes: FP32 <f4, INT16 <i2, BF16 <u2 (raw bits), UINT16 as <f4
// values, INT8 <i1 and UINT8 <u1 (cnpy writes '<' for one-byte types),
// shape the first four dims, and int8/uint8 tensors whose element count
// differs from their byte size (aligned) as (n, 1, 1, size / n).  "" or
// why model_runner could not write it (INT32, UINT32, too few bytes).
std::string npz_output(const Tensor &t, const std::vector<uint8_t> &bytes, NpyArray &out);

// The array model_runner's loadInput copies unchanged into an input
// tensor: a dtype it does not convert (only float arrays are converted
// for non-FP32 tensors) and exactly the tensor's bytes.  FP32 <f4, BF16
// and UINT16 <u2, INT16 <i2, INT8 <i1, UINT8 <u1, INT32 <i4, UINT32 <u4;
// shape as npz_output's.
std::string npz_input(const Tensor &t, const std::vector<uint8_t> &bytes, NpyArray &out);

} // namespace tpusim::cvm

#endif
