// SPDX-License-Identifier: Apache-2.0
//
// make_bad_models.cpp - write the bad-file fixtures of the `models` tests
// from one real cvimodel: each is the model with a few bytes changed (or
// cut), the flatbuffer edited in place through the flatc-generated
// mutable accessors.  The fixtures are made at test time, never stored.
//
//   make_bad_models SOURCE.cvimodel OUTDIR
//
// Writes OUTDIR/<case>.cvimodel for every case of kCases (the names the
// CTest registration in CMakeLists.txt lists).  Exit 1 when a case cannot
// be made from SOURCE (for instance no tensor to move).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <cvimodel_generated.h>

namespace fb = cvi::model;

namespace {

using Bytes = std::vector<uint8_t>;
constexpr size_t kHeader = 48;

uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24;
}

fb::Model *model_of(Bytes &b)
{
	return fb::GetMutableModel(b.data() + kHeader);
}

const fb::Section *section_named(Bytes &b, const char *name)
{
	for (const fb::Section *s : *model_of(b)->sections())
		if (s->name()->str() == name)
			return s;
	return nullptr;
}

// The first tensor of program 0 whose stored offset (present in the
// buffer) names region `region`; nullptr when there is none.
fb::Tensor *tensor_in(Bytes &b, unsigned region)
{
	auto *p = model_of(b)->mutable_programs()->GetMutableObject(0);
	for (unsigned i = 0; i < p->tensor_map()->size(); i++) {
		fb::Tensor *t = p->mutable_tensor_map()->GetMutableObject(i);
		const int64_t off = t->offset();
		if (off > 0 && static_cast<uint64_t>(off) >> 40 == region && t->mutate_offset(off))
			return t;
	}
	return nullptr;
}

// The first TDMA entry of the cmdbuf with trans_dir G2L; nullptr if none.
uint8_t *first_g2l(Bytes &b)
{
	const fb::Section *s = section_named(b, "subfunc_0");
	if (!s)
		return nullptr;
	const size_t bin = kHeader + le32(b.data() + 8);
	for (size_t off = bin + s->offset(); off + 8 <= bin + s->offset() + s->size();) {
		uint8_t *h = b.data() + off;
		if ((h[2] & 0xF) == 2 && ((h[8] >> 6) & 3) == 0)
			return h;
		off += 8 + h[1];
	}
	return nullptr;
}

struct Case {
	const char *name;
	std::function<bool(Bytes &)> mutate;
};

const Case kCases[] = {
	{"truncated_header", [](Bytes &b) { b.resize(20); return true; }},
	{"truncated_body", [](Bytes &b) { b.resize(1000); return true; }},
	{"truncated_sections", [](Bytes &b) { b.resize(b.size() - 100); return true; }},
	{"bad_magic", [](Bytes &b) { b[0] = 'X'; return true; }},
	{"wrong_chip", [](Bytes &b) { memcpy(&b[30], "cv183x\0\0\0\0\0\0\0\0\0", 16); return true; }},
	{"newer_major", [](Bytes &b) { b[12] = 2; return true; }},
	// A 1.0 header: 32 bytes, no chip field, so a cv183x model.
	{"version_1_0", [](Bytes &b) { b[13] = 0; return true; }},
	// The root offset points past the buffer.
	{"flatbuffer_corrupt", [](Bytes &b) { b[kHeader + 2] = 0x7F; return true; }},
	{"section_outside", [](Bytes &b) {
		 auto *s = const_cast<fb::Section *>(section_named(b, "subfunc_0"));
		 return s && s->mutate_offset(s->offset() + 0x100000);
	 }},
	{"tensor_outside", [](Bytes &b) {
		 fb::Tensor *t = tensor_in(b, 0);   // an activation: past the 256-byte shared region
		 return t && t->mutate_offset(t->offset() + 0x1000);
	 }},
	{"tensor_bad_index", [](Bytes &b) {
		 fb::Tensor *t = tensor_in(b, 4);
		 return t && t->mutate_offset(static_cast<int64_t>(9ull << 40));
	 }},
	// src_base_reg_sel (word 3, bits 18:16) of a weight load: region 6,
	// which the model does not have.
	{"tdma_bad_base", [](Bytes &b) {
		 uint8_t *h = first_g2l(b);
		 if (!h)
			 return false;
		 h[8 + 12 + 2] = static_cast<uint8_t>((h[8 + 12 + 2] & ~7) | 6);
		 return true;
	 }},
	{"cmdbuf_bad_magic", [](Bytes &b) {
		 const fb::Section *s = section_named(b, "subfunc_0");
		 if (!s)
			 return false;
		 b[kHeader + le32(b.data() + 8) + s->offset()] = 0xA6;
		 return true;
	 }},
};

} // namespace

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: make_bad_models SOURCE.cvimodel OUTDIR\n");
		return 2;
	}
	std::ifstream in(argv[1], std::ios::binary);
	const Bytes src((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (src.size() < kHeader) {
		fprintf(stderr, "make_bad_models: cannot read %s\n", argv[1]);
		return 1;
	}
	int bad = 0;
	for (const Case &c : kCases) {
		Bytes b = src;
		if (!c.mutate(b)) {
			fprintf(stderr, "make_bad_models: case %s cannot be made from %s\n", c.name, argv[1]);
			bad++;
			continue;
		}
		const std::string out = std::string(argv[2]) + "/" + c.name + ".cvimodel";
		std::ofstream f(out, std::ios::binary);
		f.write(reinterpret_cast<const char *>(b.data()), static_cast<std::streamsize>(b.size()));
		if (!f) {
			fprintf(stderr, "make_bad_models: cannot write %s\n", out.c_str());
			bad++;
		}
	}
	return bad ? 1 : 0;
}
