// SPDX-License-Identifier: Apache-2.0
//
// fuzz_regs.cpp - libFuzzer target: a stream of register accesses against
// every generated register block, each a RegFile behind its RegTarget (the
// MMIO decode: size, alignment, byte enables), checked against a model of
// the access rules written here bit by bit from the generated tables.
//
// Input: 8-byte records, one access each (a short tail is ignored):
//   byte 0  bits 0-1 block (mod TPU_REG_BLOCK_COUNT); bits 2-4 kind: 0-3
//           write, 4-5 read, 6 hardware set_hw, 7 bank reset; bit 7: the
//           offset names a defined register (offset % nregs), else it is
//           the raw 16-bit offset
//   byte 1  bits 0-3 byte strobes, bit 7 strobes present (the TLM payload
//           carries a byte-enable array); bits 4-6 size: 0-4 four bytes,
//           5 one, 6 two, 7 eight
//   byte 2-3 offset (little-endian), byte 4-7 value
// SystemC elaborates once per process (sc_start(SC_ZERO_TIME), no process
// runs); each input starts from reset banks.
//
// The model: a bit in no field reads 0; RW takes the written bit; RO keeps
// its value; W1C clears where 1 is written; SC reads 0 and reports a
// pulse.  Reset: the reset value, undefined and SC bits 0.  set_hw
// replaces RO/W1C bits only.  Only 4-byte aligned accesses without byte
// enables reach a register (others: burst error, no effect); an offset with
// no register is an address error.  After every access the register it
// names (every register after a reset and at the end of the input), the
// write record, the observer's view (value written, or read), the data
// buffer, the statistics and the interrupt line must match the model.
#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "reg_target.h"
#include "regfile.h"
#include "tlm_port.h"

extern "C" {
#include "tpu/regblocks.h"
#include "tpu/regdesc.h"
}

using namespace tpusim;

namespace {

struct Seen : TpuObserver {
	unsigned n = 0;
	uint32_t offset = 0, value = 0;
	bool is_write = false, ok = false;
	void reg_access(const tpu_reg_block &, uint32_t off, uint32_t v, bool w, bool k) override
	{
		n++, offset = off, value = v, is_write = w, ok = k;
	}
};

class Block : public RegTarget {
public:
	Block(sc_core::sc_module_name name, const tpu_reg_block &blk, ObserverList &obs)
		: RegTarget(name, blk, RegImpl::cpp, obs)
	{
	}
	unsigned writes = 0;
	RegWrite last{};

protected:
	void on_write(const RegWrite &w) override
	{
		writes++;
		last = w;
	}
};

// The access rules, per register, from the table's masks.
struct Model {
	const tpu_reg_block *blk;
	std::vector<uint32_t> v;

	int index(uint32_t off) const
	{
		for (size_t i = 0; i < blk->nregs; i++)
			if (blk->regs[i].offset == off)
				return static_cast<int>(i);
		return -1;
	}
	void reset()
	{
		v.resize(blk->nregs);
		for (size_t i = 0; i < blk->nregs; i++) {
			const tpu_reg_desc &r = blk->regs[i];
			v[i] = r.resval & r.defined_mask & ~r.sc_mask;
		}
	}
	// The new value of register i after software writes x, bit by bit.
	uint32_t written(size_t i, uint32_t x) const
	{
		const tpu_reg_desc &r = blk->regs[i];
		uint32_t out = 0;
		for (unsigned b = 0; b < 32; b++) {
			uint32_t m = 1u << b, old = v[i] & m, in = x & m;
			uint32_t bit;
			if (!(r.defined_mask & m) || (r.sc_mask & m))
				bit = 0;
			else if (r.rw_mask & m)
				bit = in;
			else if (r.w1c_mask & m)
				bit = in ? 0 : old;
			else
				bit = old; // RO
			out |= bit;
		}
		return out;
	}
	uint32_t get(uint32_t off) const { return v[index(off)]; }
	bool irq() const
	{
		const tpu_irq_logic *l = blk->irq_logic;
		if (!l)
			return false;
		if (l->enable_mask && !(get(l->enable_offset) & l->enable_mask))
			return false;
		uint32_t st = get(l->status_offset), mk = l->mask_mask ? get(l->mask_offset) : 0;
		for (unsigned b = 0; b < 32; b++) {
			if (!(l->status_mask >> b & 1))
				continue;
			unsigned mb = b - l->status_shift + l->mask_shift;  // the mask bit that lines up
			bool masked = l->mask_mask && mb < 32 && (l->mask_mask >> mb & 1) && (mk >> mb & 1);
			if ((st >> b & 1) && !masked)
				return true;
		}
		return false;
	}
};

struct Rig {
	ObserverList obs;
	Seen seen;
	std::vector<std::unique_ptr<Block>> blocks;
	std::vector<std::unique_ptr<TlmPort>> ports;
	std::vector<Model> models;
};

std::string g_trace;  // the accesses of the current input, for the report

[[noreturn]] void finding(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void finding(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::fprintf(stderr, "fuzz_regs: FINDING: ");
	std::vfprintf(stderr, fmt, ap);
	va_end(ap);
	std::fprintf(stderr, "\n---- accesses ----\n%s----\n", g_trace.c_str());
	std::abort();
}

// The tables' own consistency: each defined bit in exactly one class, no
// class outside the defined bits, registers aligned and inside the window.
void check_tables()
{
	for (size_t k = 0; k < TPU_REG_BLOCK_COUNT; k++) {
		const tpu_reg_block *b = tpu_regblk_all[k];
		for (size_t i = 0; i < b->nregs; i++) {
			const tpu_reg_desc &r = b->regs[i];
			uint32_t cls[4] = {r.rw_mask, r.ro_mask, r.w1c_mask, r.sc_mask};
			uint32_t any = 0;
			for (uint32_t c : cls) {
				if (any & c)
					finding("%s.%s: a bit in two access classes", b->name, r.name);
				any |= c;
			}
			if (any != r.defined_mask)
				finding("%s.%s: classes 0x%08x, defined bits 0x%08x", b->name, r.name, any,
					r.defined_mask);
			if (r.offset % 4 || r.offset >= b->size)
				finding("%s.%s: offset 0x%x outside the 0x%x window or misaligned", b->name, r.name,
					r.offset, b->size);
		}
	}
}

Rig &rig()
{
	static Rig *r = [] {
		check_tables();
		Rig *g = new Rig;
		g->obs.add(&g->seen);
		for (size_t k = 0; k < TPU_REG_BLOCK_COUNT; k++) {
			const tpu_reg_block *b = tpu_regblk_all[k];
			std::string n = b->name;
			g->blocks.push_back(std::make_unique<Block>(n.c_str(), *b, g->obs));
			g->ports.push_back(std::make_unique<TlmPort>((n + "_port").c_str(), g->blocks.back()->mmio,
								      sc_core::SC_ZERO_TIME));
			g->models.push_back(Model{b, {}});
		}
		sc_core::sc_start(sc_core::SC_ZERO_TIME);  // completes the bindings
		return g;
	}();
	return *r;
}

void compare_reg(Block &blk, const Model &m, size_t i, const char *after)
{
	const tpu_reg_block &b = *m.blk;
	uint32_t got = blk.regs().get(b.regs[i].offset);
	if (got != m.v[i])
		finding("%s.%s after %s: bank 0x%08x, model 0x%08x", b.name, b.regs[i].name, after, got, m.v[i]);
}

void compare_irq(Block &blk, const Model &m, const char *after)
{
	if (blk.regs().irq() != m.irq())
		finding("%s: interrupt line %d after %s, model %d", m.blk->name, blk.regs().irq(), after, m.irq());
}

void compare_all(Block &blk, const Model &m, const char *after)
{
	for (size_t i = 0; i < m.blk->nregs; i++)
		compare_reg(blk, m, i, after);
	compare_irq(blk, m, after);
}

// After one access: the register it named (the only one the model lets
// change) and the line; every register is compared again at the end of
// the input, which catches a change anywhere else.
void compare_one(Block &blk, const Model &m, uint32_t off, const char *after)
{
	int i = m.index(off);
	if (i >= 0)
		compare_reg(blk, m, static_cast<size_t>(i), after);
	compare_irq(blk, m, after);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Rig &g = rig();
	g_trace.clear();
	for (size_t k = 0; k < g.blocks.size(); k++) {
		g.blocks[k]->regs().reset();
		g.models[k].reset();
		compare_all(*g.blocks[k], g.models[k], "reset");
	}
	for (size_t at = 0; at + 8 <= size; at += 8) {
		const uint8_t *p = data + at;
		size_t k = (p[0] & 3) % g.blocks.size();
		unsigned kind = p[0] >> 2 & 7;
		Block &blk = *g.blocks[k];
		Model &m = g.models[k];
		const tpu_reg_block &b = *m.blk;
		uint32_t off = static_cast<uint32_t>(p[2] | p[3] << 8);
		uint32_t val;
		std::memcpy(&val, p + 4, 4);
		if (p[0] & 0x80)
			off = b.regs[off % b.nregs].offset;
		bool strobes = p[1] & 0x80;
		static const unsigned kLen[8] = {4, 4, 4, 4, 4, 1, 2, 8};
		unsigned len = kLen[p[1] >> 4 & 7];
		char line[160];

		if (kind == 7) {
			std::snprintf(line, sizeof line, "%s reset\n", b.name);
			g_trace += line;
			blk.regs().reset();
			m.reset();
			compare_all(blk, m, "reset");
			continue;
		}
		if (kind == 6) {
			int i = m.index(off);
			if (i < 0)
				continue;  // hardware only updates registers it defines
			uint32_t mask = (val << 13 | val >> 19) & (b.regs[i].ro_mask | b.regs[i].w1c_mask);
			std::snprintf(line, sizeof line, "%s hw 0x%03x mask 0x%08x value 0x%08x\n", b.name, off, mask,
				      val);
			g_trace += line;
			blk.regs().set_hw(off, mask, val);
			m.v[i] = (m.v[i] & ~mask) | (val & mask);
			compare_one(blk, m, off, "set_hw");
			continue;
		}
		bool write = kind < 4;
		uint8_t be[8], buf[8];
		for (unsigned j = 0; j < 8; j++)
			be[j] = (p[1] >> (j % 4) & 1) ? 0xFF : 0;
		std::memset(buf, 0xA5, sizeof buf);
		if (write)
			std::memcpy(buf, &val, std::min(len, 4u));
		std::snprintf(line, sizeof line, "%s %s 0x%04x len %u%s%s 0x%08x\n", b.name, write ? "write" : "read",
			      off, len, strobes ? " strobes 0x" : "",
			      strobes ? std::to_string(p[1] & 15).c_str() : "", val);
		g_trace += line;

		int i = m.index(off);
		bool decodes = len == 4 && !strobes && off % 4 == 0;
		tlm::tlm_response_status want = !decodes ? tlm::TLM_BURST_ERROR_RESPONSE
					     : i < 0     ? tlm::TLM_ADDRESS_ERROR_RESPONSE
							 : tlm::TLM_OK_RESPONSE;
		RegStats before = blk.reg_stats();
		unsigned writes_before = blk.writes, seen_before = g.seen.n;
		uint32_t old = i >= 0 ? m.v[i] : 0;
		sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
		tlm::tlm_response_status st = g.ports[k]->transport(write, off, buf, len, delay, strobes ? be : nullptr);

		if (st != want)
			finding("%s 0x%x: response %d, model %d", b.name, off, st, want);
		bool ok = want == tlm::TLM_OK_RESPONSE;
		// The observer gets the value written (also when no register is
		// there), the value read, or 0 for a failed read.
		uint32_t seen_val = write ? val : 0;
		if (ok && write) {
			uint32_t next = m.written(i, val);
			m.v[i] = next;
			const RegWrite &w = blk.last;
			if (blk.writes != writes_before + 1 || w.offset != off || w.old_value != old ||
			    w.new_value != next || w.written != val || w.pulses != (val & b.regs[i].sc_mask))
				finding("%s.%s: write record {off 0x%x old 0x%08x new 0x%08x written 0x%08x pulses "
					"0x%08x}, model {0x%x 0x%08x 0x%08x 0x%08x 0x%08x}",
					b.name, b.regs[i].name, w.offset, w.old_value, w.new_value, w.written, w.pulses,
					off, old, next, val, val & b.regs[i].sc_mask);
		} else if (blk.writes != writes_before) {
			finding("%s 0x%x: on_write called for an access that is not a register write", b.name, off);
		}
		if (!write) {
			uint32_t got;
			std::memcpy(&got, buf, 4);
			uint32_t expect = ok ? m.v[i] : 0xA5A5A5A5u;
			if (got != expect || (len == 8 && std::memcmp(buf + 4, "\xA5\xA5\xA5\xA5", 4)))
				finding("%s 0x%x: read gave 0x%08x, model 0x%08x", b.name, off, got, expect);
			if (ok)
				seen_val = expect;
		}
		const RegStats &after = blk.reg_stats();
		if (after.reads != before.reads + (ok && !write) || after.writes != before.writes + (ok && write) ||
		    after.bus_errors != before.bus_errors + !ok)
			finding("%s 0x%x: statistics not counted once", b.name, off);
		if (g.seen.n != seen_before + 1 || g.seen.offset != off || g.seen.is_write != write ||
		    g.seen.ok != ok || (decodes && g.seen.value != seen_val))
			finding("%s 0x%x: observer saw {n %u off 0x%x value 0x%08x write %d ok %d}", b.name, off,
				g.seen.n - seen_before, g.seen.offset, g.seen.value, g.seen.is_write, g.seen.ok);
		compare_one(blk, m, off, write ? "write" : "read");
	}
	for (size_t k = 0; k < g.blocks.size(); k++)
		compare_all(*g.blocks[k], g.models[k], "the last access");
	return 0;
}
