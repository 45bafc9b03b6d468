// SPDX-License-Identifier: Apache-2.0
//
// fuzz_regs_rtl.cpp - differential fuzzer: the RTL register blocks
// (regsgen's SystemVerilog under Verilator, model/rtl) against the C++
// banks (RegFile), in lockstep.
//
//   fuzz_regs_rtl [--seed S] [--cases N] [--steps M] [--block NAME]
//                 [--replay FILE] [--no-shrink]
//
// Case i uses seed S+i and runs, for every block of tpu_regblk_all (or
// only --block), M random steps on a fresh RegFile and a fresh RTL bank:
//   read   software read: a defined register mostly, sometimes an
//          undefined, misaligned or out-of-window offset (both banks must
//          refuse with false);
//   write  software write, same offsets, values biased to all-ones, zero,
//          single bits, the register's own masks and their complements;
//   hw     set_hw() on a register with hardware-owned bits: a random
//          subset of its RO|W1C mask, random / all-ones / zero value;
//   reset  rarely.
// After every step (and once before the first) it compares the return
// value, the read value, every RegWrite field, get() of every register and
// irq().  The first divergence prints the block, the step, the register,
// both sides' values, the whole sequence as a step list (the --replay
// format), a shrunk sequence that still diverges, and exits 1.
//
// A replay file holds one step per line: "<block> read <off>",
// "<block> write <off> <value>", "<block> hw <off> <mask> <value>" or
// "<block> reset"; '#' starts a comment.  It is run as one sequence per
// block, in file order.
//
// Both banks are plain objects (no SystemC elaboration, no fork): the
// whole budget runs in one process.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_cases.h"
#include "regfile.h"
#include "rng.h"
#include "rtl_bank.h"

extern "C" {
#include "tpu/regblocks.h"
#include "tpu/regdesc.h"
}

using namespace tpusim;

namespace {

struct Options {
	uint64_t seed = 1;
	uint64_t cases = 100;
	unsigned steps = 1000;
	std::string block;   // empty: every block
	std::string replay;  // a step-list file
	bool shrink = true;
};

enum class Op { read, write, hw, reset };

struct Step {
	Op op;
	uint32_t off = 0, mask = 0, value = 0;
};

struct Stats {
	uint64_t steps = 0, compared = 0;  // compared: return values, fields and get()s checked
	uint64_t reads = 0, writes = 0, hws = 0, resets = 0, refused = 0;
};

const char *reg_name(const tpu_reg_block &blk, uint32_t off)
{
	const tpu_reg_desc *r = tpu_reg_lookup(&blk, off);
	return r ? r->name : "(undefined)";
}

// One step in the --replay format, its register named in a comment.
std::string step_text(const tpu_reg_block &blk, const Step &s)
{
	char buf[160];

	switch (s.op) {
	case Op::read:
		snprintf(buf, sizeof(buf), "%s read 0x%03x  # %s", blk.name, s.off, reg_name(blk, s.off));
		break;
	case Op::write:
		snprintf(buf, sizeof(buf), "%s write 0x%03x 0x%08x  # %s", blk.name, s.off, s.value,
			 reg_name(blk, s.off));
		break;
	case Op::hw:
		snprintf(buf, sizeof(buf), "%s hw 0x%03x 0x%08x 0x%08x  # %s", blk.name, s.off, s.mask,
			 s.value, reg_name(blk, s.off));
		break;
	case Op::reset:
		snprintf(buf, sizeof(buf), "%s reset  #", blk.name);
		break;
	}
	return buf;
}

// ---- generation ------------------------------------------------------------

uint32_t hw_mask(const tpu_reg_desc &r)
{
	return r.ro_mask | r.w1c_mask;
}

uint32_t rand_bit(Rng &rng)
{
	return 1u << rng.below(32);
}

// A random subset of m biased to all of it, one bit of it, or none.
uint32_t subset(Rng &rng, uint32_t m)
{
	switch (rng.below(4)) {
	case 0:
		return m;
	case 1: {
		if (!m)
			return 0;
		uint32_t b;
		do
			b = rand_bit(rng);
		while (!(b & m));
		return b;
	}
	default:
		return rng.u32() & m;
	}
}

uint32_t pick_value(Rng &rng, const tpu_reg_desc *r, uint32_t cur)
{
	switch (rng.below(12)) {
	case 0: return 0xFFFFFFFFu;
	case 1: return 0;
	case 2: return rand_bit(rng);
	case 3: return ~rand_bit(rng);
	case 4: return r ? r->rw_mask : rng.u32();
	case 5: return r ? r->w1c_mask : rng.u32();
	case 6: return r ? r->sc_mask | rng.pick<uint32_t>({0u, r->rw_mask}) : rng.u32();
	case 7: return r ? ~r->defined_mask : rng.u32();
	case 8: return r ? subset(rng, r->defined_mask) : rng.u32();
	case 9: return cur ^ rand_bit(rng);
	case 10: return cur;
	default: return rng.u32();
	}
}

// An offset no register answers at.
uint32_t bad_offset(Rng &rng, const tpu_reg_block &blk)
{
	switch (rng.below(5)) {
	case 0: {  // aligned, inside the window, but no register there
		for (int tries = 0; tries < 16; tries++) {
			uint32_t o = 4 * rng.below(blk.size / 4);
			if (!tpu_reg_lookup(&blk, o))
				return o;
		}
		return blk.size;
	}
	case 1:  // misaligned within a defined register
		return blk.regs[rng.below(static_cast<uint32_t>(blk.nregs))].offset + rng.pick({1u, 2u, 3u});
	case 2:  // just past the window, or a window further
		return blk.size + rng.pick({0u, 4u, blk.size});
	case 3:  // high bits set over a defined offset: a narrow decoder would alias
		return blk.regs[rng.below(static_cast<uint32_t>(blk.nregs))].offset |
		       rng.pick({0x1000u, 0x10000u, 0x80000000u});
	default:
		return rng.u32();
	}
}

class Gen {
public:
	Gen(const tpu_reg_block &blk, uint64_t seed) : blk_(blk), rng_(seed)
	{
		for (size_t i = 0; i < blk.nregs; i++)
			if (hw_mask(blk.regs[i]))
				hw_regs_.push_back(&blk.regs[i]);
	}

	Step next(const RegBank &ref)
	{
		Step s;
		uint32_t p = rng_.below(100);

		if (p < 2) {
			s.op = Op::reset;
			return s;
		}
		if (p < 27 && !hw_regs_.empty()) {
			const tpu_reg_desc *r = hw_regs_[rng_.below(static_cast<uint32_t>(hw_regs_.size()))];
			s.op = Op::hw;
			s.off = r->offset;
			s.mask = subset(rng_, hw_mask(*r));
			s.value = rng_.pick<uint32_t>({0xFFFFFFFFu, 0u, rng_.u32(), ref.get(r->offset) ^ s.mask});
			return s;
		}
		s.op = p < 60 ? Op::read : Op::write;
		const tpu_reg_desc *r = nullptr;
		if (rng_.chance(8)) {
			s.off = bad_offset(rng_, blk_);
			r = tpu_reg_lookup(&blk_, s.off);  // the window may hold one after all
		} else {
			r = &blk_.regs[rng_.below(static_cast<uint32_t>(blk_.nregs))];
			s.off = r->offset;
		}
		if (s.op == Op::write)
			s.value = pick_value(rng_, r, r ? ref.get(r->offset) : 0);
		return s;
	}

private:
	const tpu_reg_block &blk_;
	Rng rng_;
	std::vector<const tpu_reg_desc *> hw_regs_;
};

// ---- lockstep ----------------------------------------------------------------

class Lockstep {
public:
	explicit Lockstep(const tpu_reg_block &blk) : blk_(blk), cpp_(blk), rtl_(make_rtl_bank(blk))
	{
		if (!rtl_) {
			fprintf(stderr, "fuzz_regs_rtl: this build has no RTL for block '%s'\n", blk.name);
			exit(2);
		}
	}

	const RegBank &ref() const { return cpp_; }

	// Applies s to both banks; false with why set on the first difference.
	bool apply(const Step &s, Stats &st, std::string &why)
	{
		st.steps++;
		switch (s.op) {
		case Op::read: {
			uint32_t vc = 0xDEADBEEF, vr = 0xDEADBEEF;
			bool oc = cpp_.read(s.off, vc), orl = rtl_->read(s.off, vr);
			st.reads++;
			st.compared++;
			if (oc != orl)
				return differ(why, "read return", s.off, oc, orl);
			if (!oc) {
				st.refused++;
				break;
			}
			st.compared++;
			if (vc != vr)
				return differ(why, "read value", s.off, vc, vr);
			break;
		}
		case Op::write: {
			RegWrite wc = {}, wr = {};
			bool oc = cpp_.write(s.off, s.value, wc), orl = rtl_->write(s.off, s.value, wr);
			st.writes++;
			st.compared++;
			if (oc != orl)
				return differ(why, "write return", s.off, oc, orl);
			if (!oc) {
				st.refused++;
				break;
			}
			static const std::pair<const char *, uint32_t RegWrite::*> fields[] = {
				{"RegWrite.offset", &RegWrite::offset}, {"RegWrite.old_value", &RegWrite::old_value},
				{"RegWrite.new_value", &RegWrite::new_value}, {"RegWrite.written", &RegWrite::written},
				{"RegWrite.pulses", &RegWrite::pulses}};
			st.compared += 5;
			for (const auto &f : fields)
				if (wc.*f.second != wr.*f.second)
					return differ(why, f.first, s.off, wc.*f.second, wr.*f.second);
			break;
		}
		case Op::hw:
			st.hws++;
			cpp_.set_hw(s.off, s.mask, s.value);
			rtl_->set_hw(s.off, s.mask, s.value);
			break;
		case Op::reset:
			st.resets++;
			cpp_.reset();
			rtl_->reset();
			break;
		}
		return same_state(st, why);
	}

	// get() of every register and the interrupt line.
	bool same_state(Stats &st, std::string &why)
	{
		for (size_t i = 0; i < blk_.nregs; i++) {
			uint32_t o = blk_.regs[i].offset, c = cpp_.get(o), r = rtl_->get(o);
			if (c != r)
				return differ(why, "get()", o, c, r);
		}
		st.compared += blk_.nregs + 1;
		if (cpp_.irq() != rtl_->irq())
			return differ(why, "irq()", ~0u, cpp_.irq(), rtl_->irq());
		return true;
	}

private:
	bool differ(std::string &why, const char *what, uint32_t off, uint32_t c, uint32_t r)
	{
		char buf[200];
		if (off == ~0u)
			snprintf(buf, sizeof(buf), "%s: cpp %u, rtl %u", what, c, r);
		else
			snprintf(buf, sizeof(buf), "register %s (0x%03x): %s: cpp 0x%08x, rtl 0x%08x",
				 reg_name(blk_, off), off, what, c, r);
		why = buf;
		return false;
	}

	const tpu_reg_block &blk_;
	RegFile cpp_;
	std::unique_ptr<RegBank> rtl_;
};

// Replays steps on fresh banks: the index of the first diverging step
// (steps.size() when they agree throughout; -1 already at reset).
long run_fixed(const tpu_reg_block &blk, const std::vector<Step> &steps, std::string &why,
	       Stats &st)
{
	Lockstep ls(blk);

	if (!ls.same_state(st, why))
		return -1;
	for (size_t i = 0; i < steps.size(); i++)
		if (!ls.apply(steps[i], st, why))
			return static_cast<long>(i);
	return static_cast<long>(steps.size());
}

// Removes chunks of steps (halves first, then down to single steps) while
// the rest still diverges; the result ends at its divergence.
std::vector<Step> shrink(const tpu_reg_block &blk, std::vector<Step> steps)
{
	std::string why;
	Stats st;

	for (size_t chunk = std::max<size_t>(steps.size() / 2, 1);; chunk /= 2) {
		bool progress = true;
		while (progress) {
			progress = false;
			for (size_t i = steps.size(); i > 0;) {
				size_t lo = i >= chunk ? i - chunk : 0;
				std::vector<Step> t = steps;
				t.erase(t.begin() + static_cast<long>(lo), t.begin() + static_cast<long>(i));
				long at = run_fixed(blk, t, why, st);
				if (at < static_cast<long>(t.size())) {
					t.resize(static_cast<size_t>(at + 1));  // at is -1 when reset diverges
					steps = t;
					progress = true;
				}
				i = std::min(lo, steps.size());
			}
		}
		if (chunk == 1)
			break;
	}
	return steps;
}

void print_steps(const tpu_reg_block &blk, const std::vector<Step> &steps)
{
	for (size_t i = 0; i < steps.size(); i++)
		printf("  %s, step %zu\n", step_text(blk, steps[i]).c_str(), i);
}

// Reports a divergence at step index at (-1: after reset) of steps.
void report(const Options &o, const char *argv0, uint64_t seed, const tpu_reg_block &blk,
	    const std::vector<Step> &steps, long at, const std::string &why)
{
	std::string what = "after reset, before any step";
	if (at >= 0) {
		what = step_text(blk, steps[static_cast<size_t>(at)]);
		what.erase(what.find("  #"));
	}
	printf("fuzz_regs_rtl: DIVERGENCE in block %s at step %ld (%s): %s\n", blk.name, at,
	       what.c_str(), why.c_str());
	std::vector<Step> seq(steps.begin(), steps.begin() + (at + 1));
	printf("sequence that replays it (%zu steps, --replay format):\n", seq.size());
	print_steps(blk, seq);
	if (o.shrink && seq.size() > 1) {
		std::vector<Step> m = shrink(blk, seq);
		std::string w2;
		Stats st;
		long at2 = run_fixed(blk, m, w2, st);
		printf("shrunk to %zu steps (diverges at step %ld: %s):\n", m.size(), at2, w2.c_str());
		print_steps(blk, m);
	}
	if (o.replay.empty())
		printf("replay: %s --seed %" PRIu64 " --cases 1 --steps %u --block %s\n", argv0, seed,
		       o.steps, blk.name);
	else
		printf("replay: %s --replay %s\n", argv0, o.replay.c_str());
	fflush(stdout);
}

const tpu_reg_block *find_block(const std::string &name)
{
	for (size_t b = 0; b < TPU_REG_BLOCK_COUNT; b++)
		if (name == tpu_regblk_all[b]->name)
			return tpu_regblk_all[b];
	return nullptr;
}

// One block's sequence of case seed: true when the banks agree throughout.
bool run_block(const Options &o, const char *argv0, uint64_t seed, size_t bi, Stats &st)
{
	const tpu_reg_block &blk = *tpu_regblk_all[bi];
	Lockstep ls(blk);
	Gen gen(blk, seed * 0x100 + bi);  // per block, so --block replays the same sequence
	std::vector<Step> steps;
	std::string why;

	steps.reserve(o.steps);
	if (!ls.same_state(st, why)) {
		report(o, argv0, seed, blk, steps, -1, why);
		return false;
	}
	for (unsigned i = 0; i < o.steps; i++) {
		steps.push_back(gen.next(ls.ref()));
		if (!ls.apply(steps.back(), st, why)) {
			report(o, argv0, seed, blk, steps, static_cast<long>(i), why);
			return false;
		}
	}
	return true;
}

int run_replay(const Options &o, const char *argv0, Stats &st)
{
	std::ifstream in(o.replay);
	if (!in) {
		fprintf(stderr, "fuzz_regs_rtl: cannot open %s\n", o.replay.c_str());
		return 2;
	}
	// Keep the blocks in first-seen order, each with its own sequence.
	std::vector<std::pair<const tpu_reg_block *, std::vector<Step>>> seqs;
	std::string line;
	for (unsigned n = 1; std::getline(in, line); n++) {
		line = line.substr(0, line.find('#'));
		std::istringstream ls(line);
		std::string bname, op;
		if (!(ls >> bname))
			continue;
		const tpu_reg_block *blk = find_block(bname);
		Step s;
		ls >> op;
		bool ok = blk != nullptr;
		auto num = [&](uint32_t &v) {
			std::string t;
			if (!(ls >> t))
				return false;
			char *end;
			v = static_cast<uint32_t>(strtoul(t.c_str(), &end, 0));
			return *end == 0;
		};
		if (op == "read")
			s.op = Op::read, ok = ok && num(s.off);
		else if (op == "write")
			s.op = Op::write, ok = ok && num(s.off) && num(s.value);
		else if (op == "hw")
			s.op = Op::hw, ok = ok && num(s.off) && num(s.mask) && num(s.value);
		else if (op == "reset")
			s.op = Op::reset;
		else
			ok = false;
		if (ok && s.op == Op::hw) {
			const tpu_reg_desc *r = tpu_reg_lookup(blk, s.off);
			ok = r && !(s.mask & ~hw_mask(*r));  // set_hw's contract, else both abort
		}
		if (!ok) {
			fprintf(stderr, "%s:%u: bad step '%s'\n", o.replay.c_str(), n, line.c_str());
			return 2;
		}
		size_t k = 0;
		while (k < seqs.size() && seqs[k].first != blk)
			k++;
		if (k == seqs.size())
			seqs.push_back({blk, {}});
		seqs[k].second.push_back(s);
	}
	int rc = 0;
	for (auto &bs : seqs) {
		std::string why;
		long at = run_fixed(*bs.first, bs.second, why, st);
		if (at < static_cast<long>(bs.second.size())) {
			report(o, argv0, 0, *bs.first, bs.second, at, why);
			rc = 1;
		} else {
			printf("fuzz_regs_rtl: block %s: %zu steps, no divergence\n", bs.first->name,
			       bs.second.size());
		}
	}
	return rc;
}

[[noreturn]] void usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [--seed S] [--cases N] [--steps M] [--block NAME] [--replay FILE] [--no-shrink]\n"
		"Case i uses seed S+i; replay one with --seed <its seed> --cases 1 [--block NAME].\n",
		argv0);
	exit(2);
}

} // namespace

int main(int argc, char **argv)
{
	Options o;

	fuzz::read_args(argc, argv, usage, [&](const std::string &a, const fuzz::ArgValue &val) {
		if (a == "--seed")
			o.seed = strtoull(val(), nullptr, 0);
		else if (a == "--cases")
			o.cases = strtoull(val(), nullptr, 0);
		else if (a == "--steps")
			o.steps = static_cast<unsigned>(strtoul(val(), nullptr, 0));
		else if (a == "--block")
			o.block = val();
		else if (a == "--replay")
			o.replay = val();
		else if (a == "--no-shrink")
			o.shrink = false;
		else
			return false;
		return true;
	});
	if (!o.block.empty() && !find_block(o.block)) {
		fprintf(stderr, "fuzz_regs_rtl: no register block '%s'\n", o.block.c_str());
		return 2;
	}

	Stats st;
	auto w0 = std::chrono::steady_clock::now();
	int rc = 0;
	uint64_t cases = 0;

	if (!o.replay.empty()) {
		rc = run_replay(o, argv[0], st);
		if (rc == 2)
			return rc;
		printf("fuzz_regs_rtl: replayed %s: %" PRIu64 " steps, %" PRIu64 " values compared, %s\n",
		       o.replay.c_str(), st.steps, st.compared, rc ? "DIVERGED" : "no divergence");
		return rc;
	} else {
		for (uint64_t c = 0; c < o.cases && !rc; c++, cases++)
			for (size_t b = 0; b < TPU_REG_BLOCK_COUNT && !rc; b++)
				if (o.block.empty() || o.block == tpu_regblk_all[b]->name)
					rc = run_block(o, argv[0], o.seed + c, b, st) ? 0 : 1;
	}
	double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
	printf("fuzz_regs_rtl: seeds %" PRIu64 "..%" PRIu64 ": %" PRIu64 " cases, %" PRIu64
	       " steps (%" PRIu64 " reads, %" PRIu64 " writes, %" PRIu64 " refused, %" PRIu64
	       " hw, %" PRIu64 " resets), %" PRIu64 " values compared, %s in %.2f s (%.0f steps/s)\n",
	       o.seed, o.seed + (cases ? cases - 1 : 0), cases, st.steps, st.reads, st.writes,
	       st.refused, st.hws, st.resets, st.compared, rc ? "DIVERGED" : "no divergence", w,
	       w > 0 ? static_cast<double>(st.steps) / w : 0.0);
	return rc;
}
