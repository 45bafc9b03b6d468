// SPDX-License-Identifier: Apache-2.0
//
// check_cvm_npz.cpp - the .npz reader and writer (harness/cvimodel/cvm_npz.h)
// and the mapping of model tensors to model_runner's arrays.
//
// The writer's bytes are checked field by field against the ZIP format
// (APPNOTE 4.3.7 local header, 4.3.12 central directory, 4.3.16 end
// record) and the .npy 1.0 format as cnpy writes them, parsed here with
// code of its own and a bitwise CRC-32; the reader must refuse every kind
// of damaged file with a message (run under ASan+UBSan it must not fault).
#include <cstdio>
#include <cstring>
#include <random>
#include <unistd.h>

#include "check_main.h"
#include "cvm_npz.h"

using namespace tpusim::cvm;

namespace {

// cvimodel.fbs DType values.
enum : unsigned { FP32 = 0, INT32 = 1, UINT32 = 2, BF16 = 3, INT16 = 4, UINT16 = 5, INT8 = 6, UINT8 = 7 };

uint32_t rd16(const std::vector<uint8_t> &b, size_t at)
{
	ck_assert_uint_le(at + 2, b.size());
	return b[at] | b[at + 1] << 8;
}

uint32_t rd32(const std::vector<uint8_t> &b, size_t at)
{
	return rd16(b, at) | rd16(b, at + 2) << 16;
}

// Bit by bit, no table: an implementation apart from the one under test.
uint32_t crc_bitwise(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

NpyArray arr(const std::string &name, const std::string &descr, std::vector<size_t> shape, size_t word)
{
	NpyArray a;
	a.name = name;
	a.descr = descr;
	a.shape = std::move(shape);
	size_t n = word;
	for (size_t d : a.shape)
		n *= d;
	for (size_t i = 0; i < n; i++)
		a.data.push_back(static_cast<uint8_t>(i * 7 + name.size()));
	return a;
}

std::vector<NpyArray> sample()
{
	return {arr("out_f32", "<f4", {1, 3, 2, 2}, 4), arr("q", "<i1", {1, 1, 1, 5}, 1),
		arr("u8", "|u1", {7}, 1),		arr("bf16", "<u2", {2, 3}, 2),
		arr("i16", "<i2", {1, 2, 3, 4}, 2),	arr("empty", "<u4", {0, 3}, 4)};
}

std::string tmp_path(const char *what)
{
	return "check_cvm_npz." + std::to_string(getpid()) + "." + what + ".npz";
}

// A one-entry stored ZIP around npy (or anything), written here
// independently of the writer under test; method goes into both headers.
std::vector<uint8_t> zip_of(const std::string &name, const std::vector<uint8_t> &npy, uint16_t method = 0)
{
	std::vector<uint8_t> z;
	auto p16 = [&](uint32_t v) {
		z.push_back(static_cast<uint8_t>(v));
		z.push_back(static_cast<uint8_t>(v >> 8));
	};
	auto p32 = [&](uint32_t v) {
		p16(v & 0xffff);
		p16(v >> 16);
	};
	const uint32_t crc = crc_bitwise(npy.data(), npy.size());
	const uint32_t n = static_cast<uint32_t>(npy.size());
	p32(0x04034b50), p16(20), p16(0), p16(method), p16(0), p16(0), p32(crc), p32(n), p32(n);
	p16(static_cast<uint32_t>(name.size())), p16(0);
	z.insert(z.end(), name.begin(), name.end());
	z.insert(z.end(), npy.begin(), npy.end());
	const uint32_t cd = static_cast<uint32_t>(z.size());
	p32(0x02014b50), p16(20), p16(20), p16(0), p16(method), p16(0), p16(0), p32(crc), p32(n), p32(n);
	p16(static_cast<uint32_t>(name.size())), p16(0), p16(0), p16(0), p16(0), p32(0), p32(0);
	z.insert(z.end(), name.begin(), name.end());
	const uint32_t cd_size = static_cast<uint32_t>(z.size()) - cd;
	p32(0x06054b50), p16(0), p16(0), p16(1), p16(1), p32(cd_size), p32(cd), p16(0);
	return z;
}

// A .npy 1.0 file with this header dict (padded as numpy does) and data.
std::vector<uint8_t> npy_of(std::string dict, const std::vector<uint8_t> &data, uint8_t major = 1)
{
	const size_t pre = major == 1 ? 10 : 12;
	while ((pre + dict.size() + 1) % 64)
		dict += ' ';
	dict += '\n';
	std::vector<uint8_t> b = {0x93, 'N', 'U', 'M', 'P', 'Y', major, 0};
	b.push_back(static_cast<uint8_t>(dict.size()));
	b.push_back(static_cast<uint8_t>(dict.size() >> 8));
	if (major != 1)
		b.push_back(0), b.push_back(0);
	b.insert(b.end(), dict.begin(), dict.end());
	b.insert(b.end(), data.begin(), data.end());
	return b;
}

// The header dict of a C-order float32 array of this shape ("(1,)").
std::string f4_dict(const std::string &shape)
{
	return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
}

std::string decode(const std::vector<uint8_t> &b, std::vector<NpyArray> *out = nullptr)
{
	std::vector<NpyArray> a;
	std::string err = npz_decode(b.data(), b.size(), a);
	if (out)
		*out = a;
	return err;
}

// "" expected; the message kept in a variable (a temporary's c_str() dies
// with the full expression), the failure reported at the caller's line.
#define assert_ok(...)                                                                                   \
	do {                                                                                             \
		const std::string err_ = (__VA_ARGS__);                                                  \
		ck_assert_msg(err_.empty(), "%s: '%s'", #__VA_ARGS__, err_.c_str());                     \
	} while (0)

void assert_refused(const std::vector<uint8_t> &b, const char *fragment)
{
	std::vector<NpyArray> a = sample();
	const std::string err = decode(b, &a);
	ck_assert_msg(err.find(fragment) != std::string::npos, "expected a message with '%s', got '%s'", fragment,
		      err.c_str());
	ck_assert_msg(a.empty(), "refused, yet %zu arrays returned", a.size());
}

Tensor tensor(const std::string &name, unsigned dtype, std::vector<int64_t> shape, uint64_t size)
{
	Tensor t;
	t.name = name;
	t.dtype = dtype;
	t.shape = std::move(shape);
	t.size = size;
	return t;
}

std::vector<uint8_t> bytes(size_t n)
{
	std::vector<uint8_t> b(n);
	for (size_t i = 0; i < n; i++)
		b[i] = static_cast<uint8_t>(i * 13 + 1);
	return b;
}

} // namespace

START_TEST(test_crc32_check_value)
{
	const char *s = "123456789";
	ck_assert_uint_eq(npz_crc32(0, reinterpret_cast<const uint8_t *>(s), 9), 0xcbf43926u);
	// Continuing over a split equals one pass.
	const uint32_t part = npz_crc32(0, reinterpret_cast<const uint8_t *>(s), 4);
	ck_assert_uint_eq(npz_crc32(part, reinterpret_cast<const uint8_t *>(s) + 4, 5), 0xcbf43926u);
}
END_TEST

START_TEST(test_round_trip)
{
	const std::vector<NpyArray> in = sample();
	const std::string path = tmp_path("round");
	assert_ok(npz_write(path, in));
	std::vector<NpyArray> out;
	assert_ok(npz_read(path, out));
	remove(path.c_str());
	ck_assert_uint_eq(out.size(), in.size());
	for (size_t i = 0; i < in.size(); i++) {
		ck_assert_str_eq(out[i].name.c_str(), in[i].name.c_str());
		ck_assert_str_eq(out[i].descr.c_str(), in[i].descr.c_str());
		ck_assert_msg(out[i].shape == in[i].shape, "array %zu: shape differs", i);
		ck_assert_msg(out[i].data == in[i].data, "array %zu: data differs", i);
	}
}
END_TEST

START_TEST(test_zip_structure)
{
	const std::vector<NpyArray> in = sample();
	std::vector<uint8_t> b;
	assert_ok(npz_encode(in, b));
	// End record: the last 22 bytes, no comment.
	ck_assert_uint_ge(b.size(), 22);
	const size_t end = b.size() - 22;
	ck_assert_uint_eq(rd32(b, end), 0x06054b50u);
	ck_assert_uint_eq(rd16(b, end + 4), 0);
	ck_assert_uint_eq(rd16(b, end + 6), 0);
	ck_assert_uint_eq(rd16(b, end + 8), in.size());
	ck_assert_uint_eq(rd16(b, end + 10), in.size());
	const uint32_t cd_size = rd32(b, end + 12), cd_at = rd32(b, end + 16);
	ck_assert_uint_eq(rd16(b, end + 20), 0);
	ck_assert_uint_eq(uint64_t{cd_at} + cd_size, end);

	size_t local = 0, cd = cd_at;
	for (const NpyArray &a : in) {
		const std::string fname = a.name + ".npy";
		// Local header: the entries follow one another from offset 0.
		ck_assert_uint_eq(rd32(b, local), 0x04034b50u);
		ck_assert_uint_eq(rd16(b, local + 4), 20);   // version needed
		ck_assert_uint_eq(rd16(b, local + 6), 0);    // flags
		ck_assert_uint_eq(rd16(b, local + 8), 0);    // stored
		ck_assert_uint_eq(rd16(b, local + 10), 0);   // time
		ck_assert_uint_eq(rd16(b, local + 12), 0);   // date
		const uint32_t crc = rd32(b, local + 14), csize = rd32(b, local + 18), usize = rd32(b, local + 22);
		ck_assert_uint_eq(csize, usize);
		ck_assert_uint_eq(rd16(b, local + 26), fname.size());
		ck_assert_uint_eq(rd16(b, local + 28), 0);   // extra
		ck_assert(std::string(b.begin() + local + 30, b.begin() + local + 30 + fname.size()) == fname);
		const size_t data = local + 30 + fname.size();
		ck_assert_uint_le(data + csize, cd_at);
		ck_assert_uint_eq(crc, crc_bitwise(b.data() + data, csize));
		// The .npy: magic, version 1.0, header to a multiple of 16 ending in '\n'.
		ck_assert(std::memcmp(b.data() + data, "\x93NUMPY\x01\x00", 8) == 0);
		const uint32_t hlen = rd16(b, data + 8);
		ck_assert_uint_eq((10 + hlen) % 16, 0);
		ck_assert_uint_eq(b[data + 10 + hlen - 1], '\n');
		std::string shape;
		for (size_t i = 0; i < a.shape.size(); i++)
			shape += (i ? ", " : "") + std::to_string(a.shape[i]);
		const std::string dict = "{'descr': '" + a.descr + "', 'fortran_order': False, 'shape': (" + shape +
					 (a.shape.size() == 1 ? ",), }" : "), }");
		const std::string got(b.begin() + data + 10, b.begin() + data + 10 + hlen);
		ck_assert_msg(got.compare(0, dict.size(), dict) == 0, "header '%s', expected '%s'", got.c_str(), dict.c_str());
		ck_assert(got.find_first_not_of(' ', dict.size()) == hlen - 1);
		ck_assert_uint_eq(csize, 10 + hlen + a.data.size());
		ck_assert(a.data.empty() || std::memcmp(b.data() + data + 10 + hlen, a.data.data(), a.data.size()) == 0);

		// Central entry: "made by" 20, then the local header's bytes 4..29.
		ck_assert_uint_eq(rd32(b, cd), 0x02014b50u);
		ck_assert_uint_eq(rd16(b, cd + 4), 20);
		ck_assert(std::memcmp(b.data() + cd + 6, b.data() + local + 4, 26) == 0);
		for (size_t f = 32; f < 42; f += 2)   // comment, disk, internal, external attributes
			ck_assert_uint_eq(rd16(b, cd + f), 0);
		ck_assert_uint_eq(rd32(b, cd + 42), local);
		ck_assert(std::string(b.begin() + cd + 46, b.begin() + cd + 46 + fname.size()) == fname);
		cd += 46 + fname.size();
		local = data + csize;
	}
	ck_assert_uint_eq(local, cd_at);
	ck_assert_uint_eq(cd, end);
}
END_TEST

// A one-byte uint8 array, byte for byte: the header of cnpy's "<u1" with
// shape (1,) is 70 bytes of dict (10 + 70 = 80), "x.npy" at offset 30.
START_TEST(test_known_bytes)
{
	NpyArray a;
	a.name = "x";
	a.descr = "<u1";
	a.shape = {1};
	a.data = {0xab};
	std::vector<uint8_t> b;
	assert_ok(npz_encode({a}, b));
	std::string dict = "{'descr': '<u1', 'fortran_order': False, 'shape': (1,), }";
	dict.append(69 - dict.size(), ' ');
	dict += '\n';
	std::vector<uint8_t> npy = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 70, 0};
	npy.insert(npy.end(), dict.begin(), dict.end());
	npy.push_back(0xab);
	ck_assert_uint_eq(npy.size(), 81);
	const std::vector<uint8_t> want = zip_of("x.npy", npy);
	ck_assert_uint_eq(b.size(), want.size());
	ck_assert_msg(b == want, "the file differs from the hand-built one");
}
END_TEST

START_TEST(test_refuses_bad_writes)
{
	std::vector<uint8_t> b;
	NpyArray a = arr("a", "<f4", {2, 2}, 4);
	a.data.pop_back();
	ck_assert(npz_encode({a}, b).find("15 bytes, its shape and dtype need 16") != std::string::npos);
	ck_assert(npz_encode({arr("s", "<f4", {}, 4)}, b).find("no dimensions") != std::string::npos);
	ck_assert(npz_encode({arr("d", "f4", {1}, 4)}, b).find("dtype 'f4'") != std::string::npos);
	ck_assert(npz_encode({arr("e", ">f4", {1}, 4)}, b).find("big-endian") != std::string::npos);
	NpyArray huge = arr("h", "<u1", {0}, 1);
	huge.shape = {size_t{1} << 30, size_t{1} << 30, 1024};
	ck_assert(npz_encode({huge}, b).find("more than 2^40") != std::string::npos);
	ck_assert(npz_write("/nonexistent-dir/x.npz", sample()).find("cannot write") != std::string::npos);
}
END_TEST

START_TEST(test_reads_numpy_forms)
{
	// numpy.savez writes '|u1', version 2.0 headers for huge dicts, and
	// a 0-d array as shape ().
	std::vector<NpyArray> a;
	const std::string u1 = "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }";
	assert_ok(decode(zip_of("a.npy", npy_of(u1, {1, 2, 3})), &a));
	ck_assert_uint_eq(a.size(), 1);
	ck_assert_str_eq(a[0].name.c_str(), "a");
	ck_assert_str_eq(a[0].descr.c_str(), "|u1");
	ck_assert(a[0].shape == std::vector<size_t>{3});
	const std::string scalar = "{'descr': '<i2', 'fortran_order': False, 'shape': (), }";
	assert_ok(decode(zip_of("b.npy", npy_of(scalar, {7, 0}, 2)), &a));
	ck_assert(a[0].shape.empty());
	ck_assert_uint_eq(a[0].data.size(), 2);
}
END_TEST

START_TEST(test_refuses_damage)
{
	std::vector<uint8_t> good;
	assert_ok(npz_encode(sample(), good));
	assert_ok(decode(good));

	// Every truncation: no end record where it must be.
	for (size_t n = 0; n < good.size(); n++) {
		const std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
		ck_assert_msg(!decode(cut).empty(), "a file cut to %zu bytes was accepted", n);
	}
	assert_refused({}, "truncated: 0 bytes");
	assert_refused(std::vector<uint8_t>(100, 0), "no end of central directory");

	std::vector<uint8_t> b = good;
	b[0] = 'X';   // the first local header's signature
	assert_refused(b, "no local header at offset 0");

	b = good;
	b[b.size() - 22 + 16] ^= 0x40;   // central directory offset
	assert_refused(b, "central directory");

	b = good;
	const size_t cd = rd32(good, good.size() - 6);
	b[cd + 20] = b[cd + 24] = 0xff;   // the first entry's sizes past the end
	b[cd + 21] = b[cd + 25] = 0xff;
	assert_refused(b, "run past the entries");

	b = good;
	const size_t fname0 = rd16(good, 26);
	b[30 + fname0 + 10 + rd16(good, 30 + fname0 + 8) + 1] ^= 1;   // a data byte of the first array
	assert_refused(b, "CRC-32");

	assert_refused(zip_of("c.npy", npy_of(f4_dict("(1,)"), {0, 0, 0, 0}), 8), "compressed (method 8)");
	assert_refused(zip_of("h.npy", npy_of(f4_dict("(99999999999, 99999999999)"), {0, 0, 0, 0})),
		       "larger than 2^40");
	assert_refused(zip_of("h.npy", npy_of(f4_dict("(999999999999999999999999999,)"), {})), "larger than 2^40");
	assert_refused(zip_of("f.npy", npy_of("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", {0, 0, 0, 0})),
		       "Fortran");
	assert_refused(zip_of("s.npy", npy_of(f4_dict("(2,)"), {0, 0, 0, 0})),
		       "holds 4 bytes, its shape and dtype need 8");
	assert_refused(zip_of("e.npy", npy_of("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", {0, 0, 0, 0})),
		       "big-endian");
	assert_refused(zip_of("m.npy", {'N', 'O', 'T', 'N', 'P', 'Y', 1, 0, 0, 0}), "no \\x93NUMPY magic");
	assert_refused(zip_of("l.npy", {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0xff, 0xff}), "runs past the entry");
	assert_refused(zip_of("d.npy", npy_of("{'fortran_order': False, 'shape': (1,), }", {0})), "without 'descr'");
	assert_refused(zip_of("t.npy", npy_of("{'descr': '<f4', 'fortran_order': False, 'shape': (1", {0, 0, 0, 0})),
		       "'shape' expected ',' or ')'");
	assert_refused(zip_of("x.npy", npy_of(f4_dict("(x,)"), {0, 0, 0, 0})), "not a number");
	const std::string path = tmp_path("absent");
	std::vector<NpyArray> none;
	ck_assert(npz_read(path, none).find(": cannot open") != std::string::npos);
}
END_TEST

// Random damage: each flipped file is read or refused, never a fault
// (the sanitizer build makes an out-of-bounds read fail the test).
START_TEST(test_random_damage)
{
	std::vector<uint8_t> good;
	assert_ok(npz_encode(sample(), good));
	std::mt19937 rng(7);
	unsigned refused = 0;
	for (int k = 0; k < 3000; k++) {
		std::vector<uint8_t> b = good;
		for (int f = 0; f < 1 + k % 4; f++)
			b[rng() % b.size()] = static_cast<uint8_t>(rng());
		if (k % 5 == 0)
			b.resize(rng() % b.size());
		refused += !decode(b).empty();
	}
	ck_assert_uint_gt(refused, 2000);
}
END_TEST

START_TEST(test_output_encoding)
{
	NpyArray a;
	// UINT16 values become float32 values.
	assert_ok(npz_output(tensor("u16", UINT16, {1, 1, 1, 3}, 6), {1, 0, 0, 1, 0xff, 0xff}, a));
	ck_assert_str_eq(a.descr.c_str(), "<f4");
	ck_assert(a.shape == (std::vector<size_t>{1, 1, 1, 3}));
	const float want[3] = {1.0f, 256.0f, 65535.0f};
	ck_assert_uint_eq(a.data.size(), 12);
	ck_assert(std::memcmp(a.data.data(), want, 12) == 0);

	const struct {
		unsigned dtype;
		const char *descr;
		size_t word;
	} raw[] = {{FP32, "<f4", 4}, {BF16, "<u2", 2}, {INT16, "<i2", 2}, {INT8, "<i1", 1}, {UINT8, "<u1", 1}};
	for (const auto &r : raw) {
		const std::vector<uint8_t> b = bytes(2 * 3 * 4 * 5 * r.word);
		assert_ok(npz_output(tensor("t", r.dtype, {2, 3, 4, 5}, b.size()), b, a));
		ck_assert_str_eq(a.descr.c_str(), r.descr);
		ck_assert(a.shape == (std::vector<size_t>{2, 3, 4, 5}));
		ck_assert(a.data == b);
		ck_assert_str_eq(a.name.c_str(), "t");
	}
	// Aligned int8/uint8: count 48 of 64 bytes -> (1, 1, 1, 64); count 150
	// of 192 bytes, batch 2 -> (2, 1, 1, 96).
	std::vector<uint8_t> b = bytes(64);
	assert_ok(npz_output(tensor("al", INT8, {1, 3, 4, 4}, 64), b, a));
	ck_assert(a.shape == (std::vector<size_t>{1, 1, 1, 64}));
	ck_assert(a.data == b);
	b = bytes(192);
	assert_ok(npz_output(tensor("al", UINT8, {2, 3, 5, 5}, 192), b, a));
	ck_assert(a.shape == (std::vector<size_t>{2, 1, 1, 96}));
	ck_assert(a.data == b);
	// An aligned BF16 tensor keeps its shape and writes count elements.
	b = bytes(64);
	assert_ok(npz_output(tensor("bf", BF16, {1, 1, 2, 3}, 64), b, a));
	ck_assert(a.shape == (std::vector<size_t>{1, 1, 2, 3}));
	ck_assert_uint_eq(a.data.size(), 12);

	ck_assert(npz_output(tensor("i32", INT32, {1, 1, 1, 1}, 4), bytes(4), a).find("writes no array") !=
		  std::string::npos);
	ck_assert(npz_output(tensor("u32", UINT32, {1, 1, 1, 1}, 4), bytes(4), a).find("writes no array") !=
		  std::string::npos);
	ck_assert(npz_output(tensor("few", FP32, {1, 1, 1, 4}, 16), bytes(15), a).find("15 bytes, its shape needs 16") !=
		  std::string::npos);
	ck_assert(npz_output(tensor("3d", FP32, {1, 1, 4}, 16), bytes(16), a).find("3 dims") != std::string::npos);
	ck_assert(npz_output(tensor("dyn", FP32, {-1, 1, 1, 4}, 16), bytes(16), a).find("dim 0 is -1") !=
		  std::string::npos);
	// Beyond four dims the runtime looks at the first four.
	assert_ok(npz_output(tensor("5d", INT16, {1, 2, 1, 2, 9}, 8), bytes(8), a));
	ck_assert(a.shape == (std::vector<size_t>{1, 2, 1, 2}));
}
END_TEST

START_TEST(test_input_encoding)
{
	// Never a float array for a non-FP32 tensor (model_runner would
	// convert it), always exactly the tensor's bytes.
	const unsigned all[] = {FP32, INT32, UINT32, BF16, INT16, UINT16, INT8, UINT8};
	const size_t words[] = {4, 4, 4, 2, 2, 2, 1, 1};
	for (size_t i = 0; i < 8; i++) {
		NpyArray a;
		const std::vector<uint8_t> b = bytes(24 * words[i]);
		assert_ok(npz_input(tensor("in", all[i], {1, 2, 3, 4}, b.size()), b, a));
		ck_assert_msg((a.descr[1] == 'f') == (all[i] == FP32), "dtype %u: %s", all[i], a.descr.c_str());
		ck_assert_uint_eq(a.descr.back() - '0', words[i]);
		ck_assert(a.data == b);
		ck_assert(a.shape == (std::vector<size_t>{1, 2, 3, 4}));
	}
	NpyArray a;
	assert_ok(npz_input(tensor("al", INT8, {1, 3, 4, 4}, 64), bytes(64), a));
	ck_assert(a.shape == (std::vector<size_t>{1, 1, 1, 64}));
	ck_assert(npz_input(tensor("sz", INT8, {1, 1, 1, 4}, 4), bytes(5), a).find("5 bytes, the tensor has 4") !=
		  std::string::npos);
	// Round trip through a file keeps the bytes.
	const std::string path = tmp_path("input");
	assert_ok(npz_input(tensor("x", UINT16, {1, 1, 2, 2}, 8), bytes(8), a));
	assert_ok(npz_write(path, {a}));
	std::vector<NpyArray> back;
	assert_ok(npz_read(path, back));
	remove(path.c_str());
	ck_assert_uint_eq(back.size(), 1);
	ck_assert(back[0].data == bytes(8));
	ck_assert_str_eq(back[0].descr.c_str(), "<u2");
}
END_TEST

START_TEST(test_sort_like_map)
{
	std::vector<NpyArray> v = {arr("b", "<u1", {1}, 1), arr("a", "<u1", {1}, 1), arr("B", "<u1", {1}, 1),
				   arr("a", "<u1", {2}, 1)};
	npz_sort_by_name(v);
	ck_assert_uint_eq(v.size(), 3);
	ck_assert_str_eq(v[0].name.c_str(), "B");
	ck_assert_str_eq(v[1].name.c_str(), "a");
	ck_assert_str_eq(v[2].name.c_str(), "b");
	ck_assert(v[1].shape == std::vector<size_t>{2});   // the last "a" given
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cvm_npz");
	TCase *tc = tcase_create("npz");
	tcase_add_test(tc, test_crc32_check_value);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_zip_structure);
	tcase_add_test(tc, test_known_bytes);
	tcase_add_test(tc, test_refuses_bad_writes);
	tcase_add_test(tc, test_reads_numpy_forms);
	tcase_add_test(tc, test_refuses_damage);
	tcase_add_test(tc, test_random_damage);
	tcase_add_test(tc, test_output_encoding);
	tcase_add_test(tc, test_input_encoding);
	tcase_add_test(tc, test_sort_like_map);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
