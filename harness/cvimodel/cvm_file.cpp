// SPDX-License-Identifier: Apache-2.0
//
// cvm_file.cpp - load and check a .cvimodel (cvm_file.h).  The flatbuffer
// is read only through the flatc-generated accessors, after the Verifier
// has accepted it.
#include "cvm_file.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include <cvimodel_generated.h>

#include "tpu/bits.h"

namespace tpusim::cvm {

namespace fb = cvi::model;

namespace {

constexpr char kMagic[8] = {'C', 'v', 'i', 'M', 'o', 'd', 'e', 'l'};
constexpr unsigned kHeaderSizeV10 = 32;
constexpr unsigned kChipLen = 16;
constexpr const char *kChip = "cv181x";
// Tensor.offset: base register index in bits 42:40, byte offset below.
constexpr unsigned kIndexShift = 40;
constexpr uint64_t kOffsetMask = (1ull << kIndexShift) - 1;

std::string str(const flatbuffers::String *s)
{
	return s ? s->str() : std::string();
}

struct Loader {
	Model &m;
	uint64_t bin_off = 0;

	std::string header();
	std::string body(const fb::Model *fm);
	std::string sections(const fb::Model *fm);
	std::string tensors(const fb::Program *p);
	std::string regions(const fb::Program *p);
	std::string routines(const fb::Model *fm, const fb::Program *p);
	std::string globals();
	const fb::Section *section(const fb::Model *fm, const std::string &name) const;
};

std::string Loader::header()
{
	const auto &b = m.bytes;
	if (b.size() < kHeaderSizeV10)
		return "truncated: " + std::to_string(b.size()) + " bytes, shorter than a cvimodel header (" +
		       std::to_string(kHeaderSize) + " bytes)";
	if (memcmp(b.data(), kMagic, sizeof(kMagic)))
		return "not a cvimodel: the file does not start with the magic 'CviModel'";
	m.major = b[12];
	m.minor = b[13];
	if (m.major > kMajor || (m.major == kMajor && m.minor > kMinor))
		return "version " + std::to_string(m.major) + "." + std::to_string(m.minor) +
		       " is newer than the newest this loader reads (" + std::to_string(kMajor) + "." +
		       std::to_string(kMinor) + ")";
	const unsigned hsize = m.major == 1 && m.minor == 0 ? kHeaderSizeV10 : kHeaderSize;
	if (b.size() < hsize)
		return "truncated: " + std::to_string(b.size()) + " bytes, shorter than the version " +
		       std::to_string(m.major) + "." + std::to_string(m.minor) + " header (" + std::to_string(hsize) +
		       " bytes)";
	// Version 1.0 headers have no chip field: those models are cv183x.
	if (hsize == kHeaderSizeV10) {
		m.chip = "cv183x";
	} else {
		const char *c = reinterpret_cast<const char *>(b.data()) + 30;
		m.chip.assign(c, strnlen(c, kChipLen));
	}
	if (m.chip != kChip)
		return "chip '" + m.chip + "', this simulator runs " + kChip + " models";
	const uint64_t body_size = tpu_le32(b.data() + 8);
	bin_off = hsize + body_size;
	if (b.size() < bin_off)
		return "truncated: the flatbuffer needs " + std::to_string(body_size) + " bytes after the header, the file has " +
		       std::to_string(b.size() - hsize);
	flatbuffers::Verifier v(b.data() + hsize, body_size);
	if (!fb::VerifyModelBuffer(v))
		return "the model description (flatbuffer, " + std::to_string(body_size) +
		       " bytes at offset " + std::to_string(hsize) + ") fails verification against cvimodel.fbs";
	return body(fb::GetModel(b.data() + hsize));
}

std::string Loader::body(const fb::Model *fm)
{
	m.name = str(fm->name());
	m.target = str(fm->target());
	m.mlir_version = str(fm->mlir_version());
	m.build_time = str(fm->build_time());
	m.fb_major = fm->version()->major_();
	m.fb_minor = fm->version()->minor_();
	m.fb_sub = fm->version()->sub_minor();
	if (m.fb_major > kMajor || (m.fb_major == kMajor && m.fb_minor > kMinor))
		return "model version " + std::to_string(m.fb_major) + "." + std::to_string(m.fb_minor) +
		       " is newer than the newest this loader reads (" + std::to_string(kMajor) + "." +
		       std::to_string(kMinor) + ")";
	std::string err = sections(fm);
	if (!err.empty())
		return err;
	if (fm->programs()->size() == 0)
		return "the model has no program";
	const fb::Program *p = fm->programs()->Get(0);
	if (!(err = tensors(p)).empty() || !(err = regions(p)).empty() || !(err = routines(fm, p)).empty())
		return err;
	return globals();
}

std::string Loader::sections(const fb::Model *fm)
{
	const uint64_t area = m.bytes.size() - bin_off;
	for (const fb::Section *s : *fm->sections()) {
		const std::string n = s->name()->str();
		if (static_cast<uint64_t>(s->offset()) + s->size() > area)
			return "section '" + n + "' (offset " + std::to_string(s->offset()) + ", " +
			       std::to_string(s->size()) + " bytes) lies outside the file: the binary area after byte " +
			       std::to_string(bin_off) + " has " + std::to_string(area) + " bytes";
		if (s->encrypt() || s->compress())
			return "section '" + n + "' is " + (s->encrypt() ? "encrypted" : "compressed") +
			       " (not supported)";
		switch (s->type()) {
		case fb::SectionType::WEIGHT:
			m.weight_off = bin_off + s->offset();
			m.weight_size = s->size();
			break;
		case fb::SectionType::CMDBUF:
			break;
		default:
			return "section '" + n + "' of type " + fb::EnumNameSectionType(s->type()) +
			       " (not supported yet: only WEIGHT and CMDBUF)";
		}
	}
	return "";
}

std::string Loader::tensors(const fb::Program *p)
{
	for (const fb::Tensor *t : *p->tensor_map()) {
		Tensor x;
		x.name = t->name()->str();
		x.dtype = static_cast<unsigned>(t->dtype());
		for (int64_t d : *t->shape()->dim())
			x.shape.push_back(d);
		x.overwrote = t->overwrote();
		x.qscale = t->quant() ? t->quant()->qscale() : 0.0f;
		x.size = t->size();
		if (!x.size) {
			uint64_t n = dtype_size(x.dtype);
			for (int64_t d : x.shape)
				n *= d > 0 ? static_cast<uint64_t>(d) : 0;
			x.size = n;
		}
		const int64_t off = t->offset();
		if (off != -1) {
			const uint64_t u = static_cast<uint64_t>(off);
			if (off < 0 || (u >> kIndexShift) >= kRegions)
				return "tensor '" + x.name + "': offset " + hex(u) + " names an unknown base register index " +
				       std::to_string(u >> kIndexShift) + " (0..7)";
			x.has_memory = true;
			x.region = static_cast<unsigned>(u >> kIndexShift);
			x.offset = u & kOffsetMask;
		}
		m.tensors.push_back(std::move(x));
	}
	auto find = [&](const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>> *names,
			std::vector<size_t> &out, bool input) -> std::string {
		for (const flatbuffers::String *s : *names) {
			size_t i = 0;
			while (i < m.tensors.size() && m.tensors[i].name != s->str())
				i++;
			if (i == m.tensors.size())
				return std::string(input ? "input" : "output") + " '" + s->str() + "' is not in the tensor map";
			if (!m.tensors[i].has_memory)
				return std::string(input ? "input" : "output") + " '" + s->str() +
				       "' has no memory (dynamic tensors are not supported)";
			(input ? m.tensors[i].is_input : m.tensors[i].is_output) = true;
			out.push_back(i);
		}
		return "";
	};
	std::string err = find(p->input_tensors(), m.inputs, true);
	return err.empty() ? find(p->output_tensors(), m.outputs, false) : err;
}

std::string Loader::regions(const fb::Program *p)
{
	m.legacy_neuron = p->neuron_size() != 0;
	m.region_size[kRegionShared] = m.legacy_neuron ? p->neuron_size() : p->shared_gmem();
	m.region_size[kRegionPrivate] = m.legacy_neuron ? p->neuron_size() : p->private_gmem();
	m.region_size[kRegionWeight] = m.weight_size;
	// IO regions: sized by the first tensor that names them, at offset 0.
	for (const Tensor &t : m.tensors) {
		if (!t.has_memory || t.region < kRegionIoFirst || m.region_size[t.region])
			continue;
		if (t.offset)
			return "tensor '" + t.name + "' opens IO region " + std::to_string(t.region) + " at offset " +
			       hex(t.offset) + ", expected 0";
		m.region_size[t.region] = t.size;
	}
	for (const Tensor &t : m.tensors)
		if (t.has_memory && (t.offset > m.region_size[t.region] || t.size > m.region_size[t.region] - t.offset))
			return "tensor '" + t.name + "' (" + std::to_string(t.size) + " bytes at offset " + hex(t.offset) +
			       ") lies outside its region " + std::to_string(t.region) + " (" +
			       std::to_string(m.region_size[t.region]) + " bytes)";
	return "";
}

const fb::Section *Loader::section(const fb::Model *fm, const std::string &name) const
{
	for (const fb::Section *s : *fm->sections())
		if (s->name()->str() == name)
			return s;
	return nullptr;
}

std::string Loader::routines(const fb::Model *fm, const fb::Program *p)
{
	unsigned i = 0;
	for (const fb::Routine *r : *p->routines()) {
		const std::string which = "routine " + std::to_string(i++);
		if (r->type() == fb::RoutineType::CPU) {
			const fb::CpuRoutine *c = r->cpu_routine();
			return which + " is a CPU function" + (c ? " '" + c->function_section()->str() + "'" : "") +
			       " (host functions are not supported yet)";
		}
		const fb::TpuRoutine *t = r->tpu_routine();
		if (!t || !t->cmdbuf_section())
			return which + ": a TPU routine without a cmdbuf section (prebuilt dmabufs are not supported yet)";
		const std::string name = t->cmdbuf_section()->str();
		const fb::Section *s = section(fm, name);
		if (!s || s->type() != fb::SectionType::CMDBUF)
			return which + ": no CMDBUF section named '" + name + "'";
		Routine rt;
		rt.section = name;
		rt.cmdbuf = std::make_unique<Cmdbuf>();
		std::string err = decode_cmdbuf(m.bytes.data() + bin_off + s->offset(), s->size(), *rt.cmdbuf);
		if (!err.empty())
			return "section '" + name + "': " + err;
		m.routines.push_back(std::move(rt));
	}
	if (m.routines.empty())
		return "program 0 has no TPU routine";
	return "";
}

// Every TDMA global side must address a region the model defines, at an
// offset inside it (the start address; the extent is the engine's check).
std::string Loader::globals()
{
	for (const Routine &r : m.routines)
		for (const GlobalRef &g : r.cmdbuf->globals) {
			const std::string who = "section '" + r.section + "': TDMA descriptor " + std::to_string(g.tdma + 1) +
						(g.src ? " source" : " destination");
			if (!m.region_size[g.sel])
				return who + " uses base register " + std::to_string(g.sel) +
				       ", an unknown base register index (no region of the model)";
			if (g.addr >= m.region_size[g.sel])
				return who + " offset " + hex(g.addr) + " lies outside region " + std::to_string(g.sel) +
				       " (" + std::to_string(m.region_size[g.sel]) + " bytes)";
		}
	return "";
}

} // namespace

std::string hex(uint64_t v)
{
	std::ostringstream os;
	os << "0x" << std::hex << v;
	return os.str();
}

const Tensor *Model::tensor(const std::string &n) const
{
	for (const Tensor &t : tensors)
		if (t.name == n)
			return &t;
	return nullptr;
}

const char *dtype_name(unsigned dtype)
{
	if (dtype > static_cast<unsigned>(fb::DType::MAX))
		return "?";
	return fb::EnumNameDType(static_cast<fb::DType>(dtype));
}

unsigned dtype_size(unsigned dtype)
{
	switch (static_cast<fb::DType>(dtype)) {
	case fb::DType::FP32:
	case fb::DType::INT32:
	case fb::DType::UINT32:
		return 4;
	case fb::DType::BF16:
	case fb::DType::INT16:
	case fb::DType::UINT16:
		return 2;
	case fb::DType::INT8:
	case fb::DType::UINT8:
		return 1;
	}
	return 1;
}

std::string load_model(const std::string &path, Model &m)
{
	m = Model();
	m.file = path;
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return path + ": cannot open";
	std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (in.bad())
		return path + ": read error";
	return load_model_bytes(std::move(bytes), path, m);
}

// Names and strings in a message come from the file: a control or
// non-ASCII byte is shown as \xNN, so the message stays one printable line.
static std::string printable(const std::string &s)
{
	static const char hexd[] = "0123456789abcdef";
	std::string r;
	for (unsigned char c : s) {
		if (c >= 0x20 && c < 0x7f) {
			r += static_cast<char>(c);
		} else {
			r += "\\x";
			r += hexd[c >> 4];
			r += hexd[c & 15];
		}
	}
	return r;
}

std::string load_model_bytes(std::vector<uint8_t> bytes, const std::string &name, Model &m)
{
	m = Model();
	m.file = name;
	m.bytes = std::move(bytes);
	Loader l{m};
	std::string err = l.header();
	if (!err.empty()) {
		m.routines.clear();
		return name + ": " + printable(err);
	}
	return "";
}

} // namespace tpusim::cvm
