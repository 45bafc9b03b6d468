// SPDX-License-Identifier: Apache-2.0
//
// cvm_npz.cpp - .npz files in model_runner's encoding (cvm_npz.h).
#include "cvm_npz.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

#include <cvimodel_generated.h>

#include "tpu/bits.h"

namespace tpusim::cvm {

namespace fb = cvi::model;

namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr size_t kLocalSize = 30, kCentralSize = 46, kEndSize = 22;
constexpr uint16_t kVersion = 20;    // cnpy: "version needed" and "made by"
// cnpy switches to zip64 records once an entry would end at or past this
// offset; tpusim's writer refuses instead (model outputs are far smaller).
constexpr uint64_t kZip64Limit = (uint64_t{1} << 31) - 1;
constexpr uint64_t kMaxBytes = uint64_t{1} << 40;   // any array larger is a corrupt shape


void put16(std::vector<uint8_t> &b, uint32_t v)
{
	b.push_back(static_cast<uint8_t>(v));
	b.push_back(static_cast<uint8_t>(v >> 8));
}

void put32(std::vector<uint8_t> &b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

void put(std::vector<uint8_t> &b, const std::string &s) { b.insert(b.end(), s.begin(), s.end()); }

// "<f4" and the like: byte order, kind, element size.  "" or what is wrong.
std::string parse_descr(const std::string &d, size_t &word)
{
	if (d.size() < 3 || d.size() > 4 || std::string("<|>=").find(d[0]) == std::string::npos ||
	    std::string("biufc").find(d[1]) == std::string::npos)
		return "dtype '" + d + "': expected a byte order (<, |, >, =), a kind (b, i, u, f, c) and a size";
	word = 0;
	for (size_t i = 2; i < d.size(); i++) {
		if (d[i] < '0' || d[i] > '9')
			return "dtype '" + d + "': the size is not a number";
		word = word * 10 + static_cast<size_t>(d[i] - '0');
	}
	if (word == 0 || word > 32)
		return "dtype '" + d + "': element size " + std::to_string(word) + " (1..32)";
	if (d[0] == '>' && word > 1)
		return "dtype '" + d + "': big-endian arrays are not supported";
	return "";
}

// product(shape) * word, or false past kMaxBytes.
bool byte_count(const std::vector<size_t> &shape, size_t word, uint64_t &n)
{
	n = word;
	for (size_t d : shape) {
		if (d != 0 && n > kMaxBytes / d)
			return false;
		n *= d;
	}
	return n <= kMaxBytes;
}

// cnpy's create_npy_header: version 1.0, the dict padded with spaces so that
// the 10-byte preamble plus the dict is a multiple of 16, ending in '\n'
// (always at least that one byte of padding).
std::vector<uint8_t> npy_header(const NpyArray &a)
{
	std::string dict = "{'descr': '" + a.descr + "', 'fortran_order': False, 'shape': (";
	for (size_t i = 0; i < a.shape.size(); i++)
		dict += (i ? ", " : "") + std::to_string(a.shape[i]);
	if (a.shape.size() == 1)
		dict += ",";
	dict += "), }";
	dict.append(16 - (10 + dict.size()) % 16, ' ');
	dict.back() = '\n';
	std::vector<uint8_t> h = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
	put16(h, static_cast<uint32_t>(dict.size()));
	put(h, dict);
	return h;
}

// The value after 'key': in a .npy header dict, from its first non-blank
// character; npos when the key is absent.
size_t dict_value(const std::string &h, const std::string &key)
{
	size_t at = h.find("'" + key + "'");
	if (at == std::string::npos)
		return at;
	at += key.size() + 2;
	while (at < h.size() && (h[at] == ' ' || h[at] == ':'))
		at++;
	return at < h.size() ? at : std::string::npos;
}

std::string parse_npy(const uint8_t *p, size_t n, NpyArray &a)
{
	static const uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
	if (n < 10 || !std::equal(magic, magic + 6, p))
		return "not a .npy array (no \\x93NUMPY magic)";
	size_t start = 10, len = tpu_le16(p + 8);
	if (p[6] == 2 || p[6] == 3) {
		if (n < 12)
			return "truncated .npy header";
		start = 12;
		len = tpu_le32(p + 8);
	} else if (p[6] != 1) {
		return ".npy version " + std::to_string(p[6]) + "." + std::to_string(p[7]) + " (1, 2 or 3 expected)";
	}
	if (len > n - start)
		return ".npy header of " + std::to_string(len) + " bytes runs past the entry (" + std::to_string(n) +
		       " bytes)";
	const std::string h(reinterpret_cast<const char *>(p + start), len);

	size_t at = dict_value(h, "descr");
	if (at == std::string::npos || h[at] != '\'')
		return ".npy header without 'descr'";
	const size_t end = h.find('\'', at + 1);
	if (end == std::string::npos)
		return ".npy header: unterminated 'descr'";
	a.descr = h.substr(at + 1, end - at - 1);
	size_t word = 0;
	std::string err = parse_descr(a.descr, word);
	if (!err.empty())
		return err;

	at = dict_value(h, "fortran_order");
	if (at == std::string::npos)
		return ".npy header without 'fortran_order'";
	if (h.compare(at, 4, "True") == 0)
		return "Fortran-order arrays are not supported";
	if (h.compare(at, 5, "False") != 0)
		return ".npy header: 'fortran_order' is neither True nor False";

	at = dict_value(h, "shape");
	if (at == std::string::npos || h[at] != '(')
		return ".npy header without 'shape'";
	a.shape.clear();
	for (at++;;) {
		while (at < h.size() && h[at] == ' ')
			at++;
		if (at >= h.size())
			return ".npy header: unterminated 'shape'";
		if (h[at] == ')')
			break;
		if (h[at] < '0' || h[at] > '9')
			return ".npy header: 'shape' holds '" + std::string(1, h[at]) + "', not a number";
		uint64_t d = 0;
		for (; at < h.size() && h[at] >= '0' && h[at] <= '9'; at++) {
			d = d * 10 + static_cast<uint64_t>(h[at] - '0');
			if (d > kMaxBytes)
				return ".npy header: a dimension of 'shape' is larger than 2^40";
		}
		a.shape.push_back(static_cast<size_t>(d));
		if (a.shape.size() > 64)
			return ".npy header: 'shape' has more than 64 dimensions";
		while (at < h.size() && h[at] == ' ')
			at++;
		if (at < h.size() && h[at] == ',')
			at++;
		else if (at < h.size() && h[at] != ')')
			return ".npy header: 'shape' expected ',' or ')'";
	}
	uint64_t bytes = 0;
	if (!byte_count(a.shape, word, bytes))
		return ".npy header: 'shape' times the element size is larger than 2^40 bytes";
	const size_t have = n - start - len;
	if (bytes != have)
		return "the array holds " + std::to_string(have) + " bytes, its shape and dtype need " +
		       std::to_string(bytes);
	a.data.assign(p + start + len, p + n);
	return "";
}

} // namespace

uint32_t npz_crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	static const std::array<uint32_t, 256> table = [] {
		std::array<uint32_t, 256> t{};
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			t[i] = c;
		}
		return t;
	}();
	crc = ~crc;
	for (size_t i = 0; i < n; i++)
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

std::string npz_encode(const std::vector<NpyArray> &arrays, std::vector<uint8_t> &out)
{
	out.clear();
	if (arrays.size() > 0xffff)
		return std::to_string(arrays.size()) + " arrays: the ZIP end record counts at most 65535";
	std::vector<uint8_t> central;
	for (const NpyArray &a : arrays) {
		const std::string what = "array '" + a.name + "': ";
		size_t word = 0;
		std::string err = parse_descr(a.descr, word);
		if (!err.empty())
			return what + err;
		// cnpy writes no entry for a shape without dimensions.
		if (a.shape.empty())
			return what + "no dimensions (cnpy writes no entry for such an array)";
		uint64_t bytes = 0;
		if (!byte_count(a.shape, word, bytes))
			return what + "its shape and dtype need more than 2^40 bytes";
		if (bytes != a.data.size())
			return what + std::to_string(a.data.size()) + " bytes, its shape and dtype need " +
			       std::to_string(bytes);
		const std::string fname = a.name + ".npy";
		if (fname.size() > 0xffff)
			return what + "the name is longer than a ZIP entry name can be";
		const std::vector<uint8_t> header = npy_header(a);
		if (header.size() - 10 > 0xffff)
			return what + "the .npy header is longer than 65535 bytes";
		const uint64_t nbytes = header.size() + a.data.size();
		const uint64_t offset = out.size();
		if (offset + kLocalSize + fname.size() + nbytes >= kZip64Limit)
			return what + "the file would reach 2 GiB, where cnpy writes zip64 records (not supported)";
		uint32_t crc = npz_crc32(0, header.data(), header.size());
		crc = npz_crc32(crc, a.data.data(), a.data.size());

		const size_t local_at = out.size();
		put32(out, kLocalSig);
		put16(out, kVersion);   // version needed to extract
		put16(out, 0);          // flags
		put16(out, 0);          // method: stored
		put16(out, 0);          // modification time
		put16(out, 0);          // modification date
		put32(out, crc);
		put32(out, static_cast<uint32_t>(nbytes));   // compressed size
		put32(out, static_cast<uint32_t>(nbytes));   // uncompressed size
		put16(out, static_cast<uint32_t>(fname.size()));
		put16(out, 0);          // extra field length
		put(out, fname);
		out.insert(out.end(), header.begin(), header.end());
		out.insert(out.end(), a.data.begin(), a.data.end());

		// The central entry repeats the local header's fields 4..29.
		put32(central, kCentralSig);
		put16(central, kVersion);   // version made by
		central.insert(central.end(), out.begin() + static_cast<std::ptrdiff_t>(local_at + 4),
			       out.begin() + static_cast<std::ptrdiff_t>(local_at + kLocalSize));
		put16(central, 0);          // comment length
		put16(central, 0);          // disk number
		put16(central, 0);          // internal attributes
		put32(central, 0);          // external attributes
		put32(central, static_cast<uint32_t>(offset));
		put(central, fname);
	}
	const uint64_t central_at = out.size();
	out.insert(out.end(), central.begin(), central.end());
	put32(out, kEndSig);
	put16(out, 0);   // this disk
	put16(out, 0);   // disk of the central directory
	put16(out, static_cast<uint32_t>(arrays.size()));
	put16(out, static_cast<uint32_t>(arrays.size()));
	put32(out, static_cast<uint32_t>(central.size()));
	put32(out, static_cast<uint32_t>(central_at));
	put16(out, 0);   // comment length
	return "";
}

namespace {

std::string decode_entries(const uint8_t *p, size_t n, std::vector<NpyArray> &arrays)
{
	if (n < kEndSize)
		return "truncated: " + std::to_string(n) + " bytes, shorter than a ZIP end record (22)";
	// The end record is last but for a comment of up to 65535 bytes.
	size_t end = n - kEndSize + 1;
	const size_t lowest = n - kEndSize > 0xffff ? n - kEndSize - 0xffff : 0;
	bool found = false;
	do {
		end--;
		found = tpu_le32(p + end) == kEndSig && tpu_le16(p + end + 20) == n - end - kEndSize;
	} while (!found && end > lowest);
	if (!found)
		return "not a ZIP file: no end of central directory record";
	const uint32_t entries = tpu_le16(p + end + 10), cd_size = tpu_le32(p + end + 12), cd_at = tpu_le32(p + end + 16);
	if (tpu_le16(p + end + 4) != 0 || tpu_le16(p + end + 6) != 0 || tpu_le16(p + end + 8) != entries)
		return "a multi-disk ZIP file is not supported";
	if (entries == 0xffff || cd_size == 0xffffffffu || cd_at == 0xffffffffu)
		return "zip64 files are not supported";
	if (uint64_t{cd_at} + cd_size > end)
		return "the central directory (" + std::to_string(cd_size) + " bytes at offset " + std::to_string(cd_at) +
		       ") runs past the end record at " + std::to_string(end);
	const size_t cd_end = cd_at + size_t{cd_size};
	size_t at = cd_at;
	for (uint32_t i = 0; i < entries; i++) {
		const std::string which = "central directory entry " + std::to_string(i);
		if (cd_end - at < kCentralSize || tpu_le32(p + at) != kCentralSig)
			return which + ": missing or truncated (offset " + std::to_string(at) + ")";
		const uint8_t *c = p + at;
		const uint16_t flags = tpu_le16(c + 8), method = tpu_le16(c + 10);
		const uint32_t crc = tpu_le32(c + 16), csize = tpu_le32(c + 20), usize = tpu_le32(c + 24), local = tpu_le32(c + 42);
		const size_t name_len = tpu_le16(c + 28), skip = size_t{tpu_le16(c + 30)} + tpu_le16(c + 32);
		if (cd_end - at - kCentralSize < name_len + skip)
			return which + ": its name and extra fields run past the central directory";
		const std::string name(reinterpret_cast<const char *>(c + kCentralSize), name_len);
		at += kCentralSize + name_len + skip;
		const std::string what = "entry '" + name + "': ";
		if (flags & 1)
			return what + "encrypted";
		if (method != 0)
			return what + "compressed (method " + std::to_string(method) +
			       "): only stored entries are read (numpy.savez, not savez_compressed; cnpy's npz_save)";
		if (csize == 0xffffffffu || usize == 0xffffffffu || local == 0xffffffffu)
			return what + "zip64 sizes are not supported";
		if (csize != usize)
			return what + "stored, yet its compressed size " + std::to_string(csize) + " is not its size " +
			       std::to_string(usize);
		if (local > cd_at || cd_at - local < kLocalSize || tpu_le32(p + local) != kLocalSig)
			return what + "no local header at offset " + std::to_string(local);
		const uint8_t *l = p + local;
		if (tpu_le16(l + 8) != 0)
			return what + "the local header says compressed (method " + std::to_string(tpu_le16(l + 8)) + ")";
		const uint64_t data_at = uint64_t{local} + kLocalSize + tpu_le16(l + 26) + tpu_le16(l + 28);
		if (data_at > cd_at || cd_at - data_at < csize)
			return what + std::to_string(csize) + " bytes at offset " + std::to_string(data_at) +
			       " run past the entries (central directory at " + std::to_string(cd_at) + ")";
		const uint8_t *d = p + data_at;
		const uint32_t got = npz_crc32(0, d, csize);
		if (got != crc)
			return what + "CRC-32 " + std::to_string(got) + ", the directory says " + std::to_string(crc);
		NpyArray a;
		a.name = name.size() >= 4 && name.compare(name.size() - 4, 4, ".npy") == 0 ? name.substr(0, name.size() - 4)
											   : name;
		const std::string err = parse_npy(d, csize, a);
		if (!err.empty())
			return what + err;
		arrays.push_back(std::move(a));
	}
	return "";
}

} // namespace

std::string npz_decode(const uint8_t *p, size_t n, std::vector<NpyArray> &arrays)
{
	arrays.clear();
	const std::string err = decode_entries(p, n, arrays);
	if (!err.empty())
		arrays.clear();   // nothing half read
	return err;
}

std::string npz_write(const std::string &path, const std::vector<NpyArray> &arrays)
{
	std::vector<uint8_t> b;
	std::string err = npz_encode(arrays, b);
	if (!err.empty())
		return path + ": " + err;
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out.write(reinterpret_cast<const char *>(b.data()), static_cast<std::streamsize>(b.size()));
	out.close();
	return out ? "" : path + ": cannot write";
}

std::string npz_read(const std::string &path, std::vector<NpyArray> &arrays)
{
	arrays.clear();
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return path + ": cannot open";
	const std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (in.bad())
		return path + ": cannot read";
	const std::string err = npz_decode(b.data(), b.size(), arrays);
	return err.empty() ? "" : path + ": " + err;
}

void npz_sort_by_name(std::vector<NpyArray> &arrays)
{
	std::stable_sort(arrays.begin(), arrays.end(),
			 [](const NpyArray &x, const NpyArray &y) { return x.name < y.name; });
	// Of equal names the last given wins, as with map[name] = array.
	std::vector<NpyArray> kept;
	for (size_t i = 0; i < arrays.size(); i++)
		if (i + 1 == arrays.size() || arrays[i + 1].name != arrays[i].name)
			kept.push_back(std::move(arrays[i]));
	arrays = std::move(kept);
}

namespace {

// The array's name, descr and the four dims model_runner takes (CVI_TENSOR
// shape.dim[0..3]); their product (count) and the element size.
std::string tensor_dims(const Tensor &t, NpyArray &out, uint64_t &count, size_t &word, bool input)
{
	const std::string what = "tensor '" + t.name + "': ";
	std::vector<size_t> &shape = out.shape;
	std::string &descr = out.descr;
	if (t.shape.size() < 4)
		return what + std::to_string(t.shape.size()) + " dims; the runtime takes four";
	out.name = t.name;
	shape.clear();
	count = 1;
	for (size_t i = 0; i < 4; i++) {
		if (t.shape[i] < 0 || t.shape[i] > std::numeric_limits<int32_t>::max())
			return what + "dim " + std::to_string(i) + " is " + std::to_string(t.shape[i]);
		shape.push_back(static_cast<size_t>(t.shape[i]));
		count *= static_cast<uint64_t>(t.shape[i]);
		if (count > kMaxBytes)
			return what + "more than 2^40 elements";
	}
	switch (static_cast<fb::DType>(t.dtype)) {
	case fb::DType::FP32: descr = "<f4"; break;
	case fb::DType::INT16: descr = "<i2"; break;
	case fb::DType::BF16: descr = "<u2"; break;
	case fb::DType::UINT16: descr = input ? "<u2" : "<f4"; break;
	case fb::DType::INT8: descr = "<i1"; break;
	case fb::DType::UINT8: descr = "<u1"; break;
	case fb::DType::INT32: descr = input ? "<i4" : ""; break;
	case fb::DType::UINT32: descr = input ? "<u4" : ""; break;
	default: descr = ""; break;
	}
	if (descr.empty())
		return what + "dtype " + std::to_string(t.dtype) + ": model_runner writes no array for it";
	word = t.dtype == static_cast<unsigned>(fb::DType::INT32) || t.dtype == static_cast<unsigned>(fb::DType::UINT32) ||
			       t.dtype == static_cast<unsigned>(fb::DType::FP32)
		       ? 4
	       : t.dtype == static_cast<unsigned>(fb::DType::INT8) || t.dtype == static_cast<unsigned>(fb::DType::UINT8)
		       ? 1
		       : 2;
	return "";
}

} // namespace

std::string npz_output(const Tensor &t, const std::vector<uint8_t> &bytes, NpyArray &out)
{
	uint64_t count = 0;
	size_t word = 0;
	std::string err = tensor_dims(t, out, count, word, false);
	if (!err.empty())
		return err;
	const std::string what = "tensor '" + t.name + "': ";
	// int8/uint8 with a byte size other than the element count (an aligned
	// layout): (n, 1, 1, size / n) of the tensor's bytes.
	if (word == 1 && count != t.size) {
		std::vector<size_t> &shape = out.shape;
		if (shape[0] == 0)
			return what + "aligned with a batch of 0";
		shape[1] = shape[2] = 1;
		shape[3] = static_cast<size_t>(t.size / shape[0]);
		count = uint64_t{shape[0]} * shape[3];
	}
	const uint64_t need = count * word;
	if (bytes.size() < need)
		return what + std::to_string(bytes.size()) + " bytes, its shape needs " + std::to_string(need);
	if (t.dtype == static_cast<unsigned>(fb::DType::UINT16)) {
		// As (float)value, four little-endian bytes each.
		out.data.clear();
		out.data.reserve(count * 4);
		for (uint64_t i = 0; i < count; i++) {
			const float f = static_cast<float>(tpu_le16(bytes.data() + 2 * i));
			uint32_t u = 0;
			static_assert(sizeof u == sizeof f, "float is 32 bits");
			std::memcpy(&u, &f, sizeof u);
			put32(out.data, u);
		}
	} else {
		out.data.assign(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(need));
	}
	return "";
}

std::string npz_input(const Tensor &t, const std::vector<uint8_t> &bytes, NpyArray &out)
{
	uint64_t count = 0;
	size_t word = 0;
	std::string err = tensor_dims(t, out, count, word, true);
	if (!err.empty())
		return err;
	const std::string what = "tensor '" + t.name + "': ";
	if (bytes.size() != t.size)
		return what + std::to_string(bytes.size()) + " bytes, the tensor has " + std::to_string(t.size);
	if (count * word != t.size) {
		// Aligned: model_runner copies num_bytes == mem_size raw; keep the batch.
		std::vector<size_t> &shape = out.shape;
		if (shape[0] == 0 || t.size % (shape[0] * word) != 0)
			return what + std::to_string(t.size) + " bytes are not a whole number of " +
			       std::to_string(word) + "-byte elements per batch item";
		shape[1] = shape[2] = 1;
		shape[3] = static_cast<size_t>(t.size / (shape[0] * word));
	}
	out.data = bytes;
	return "";
}

} // namespace tpusim::cvm
