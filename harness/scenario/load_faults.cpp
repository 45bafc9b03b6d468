// SPDX-License-Identifier: Apache-2.0
//
// load_faults.cpp - fault mappings, as steps and as timed events.  The kinds
// and their documentation are the vocab/faults.h table; this file reads
// each kind's argument (one case per kind).
#include "load_sections.h"
#include "load_yaml.h"
#include "tpu/regblocks.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

namespace tpusim::scn::load {

namespace {

bool must_be_true(Ctx &c, const Node *v, const std::string &k)
{
	bool b;
	if (!get_bool(c, v, "'" + k + "'", b))
		return false;
	if (!b) {
		c.error(v, "'" + k + "' must be true (leave the fault out instead)");
		return false;
	}
	return true;
}

// The engines a hang or a trigger names (the model's two descriptor engines).
const std::vector<std::string> &engine_words()
{
	static const std::vector<std::string> w = {"tdma", "tiu"};
	return w;
}

bool load_hang(Ctx &c, const Node *v, Fault &f)
{
	Map hm(c, v, "'hang'", {"engine", "for"});
	if (!hm.ok())
		return false;
	const Node *eng = hm.require("engine");
	const Node *dur = hm.require("for");
	bool ok = eng && dur;
	if (eng)
		ok = get_word(c, eng, "'engine'", engine_words(), f.engine) && ok;
	if (!dur)
		return false;
	if (is_plain(dur) && text(dur) == "forever") {
		f.duration_ms = 0;
		return ok;
	}
	if (!get_duration(c, dur, "'for'", f.duration_ms))
		return false;
	if (f.duration_ms <= 0) {
		c.error(dur, "'for' must be greater than 0 (write 'forever' for a hang that lasts until the "
			     "engine is reset)");
		return false;
	}
	return ok;
}

bool load_tdma_status(Ctx &c, const Node *v, Fault &f)
{
	static const struct {
		const char *name;
		uint32_t bits;
	} kNamed[] = {
		{"buserr", TDMA_INT_MASK_STATUS_VAL_BUSERR},
		{"decerr", TDMA_INT_MASK_STATUS_VAL_DECERR},
		{"zero", TDMA_INT_MASK_STATUS_VAL_ZERO},
	};
	std::string w = text(v);
	for (const auto &nb : kNamed)
		if (is_plain(v) && w == nb.name) {
			f.bits = nb.bits;
			return true;
		}
	bool neg;
	uint64_t mag;
	if (is_plain(v) && parse_integer(w, neg, mag) != IntParse::not_integer) {
		int64_t bits;
		if (!get_int(c, v, "'tdma_status' bits", 1, 0xffff, bits))
			return false;
		f.bits = static_cast<uint32_t>(bits);
		return true;
	}
	c.error(v, "'tdma_status' must be buserr, decerr, zero or status bits 0x1..0xffff, got " + describe(v));
	return false;
}

// The status bits an engine_error may name, from the generated register
// tables: the TDMA's INT_MASK.STATUS values, the TIU's w1c BD_CTRL fields.
struct NamedBit {
	std::string name;
	uint32_t bits;
};

const std::vector<NamedBit> &engine_error_bits(const std::string &engine)
{
	static const std::vector<NamedBit> tdma = {
#define TPUSIM_VALUE(name, value) {name, value},
		TDMA_INT_MASK_STATUS_VALUES(TPUSIM_VALUE)
#undef TPUSIM_VALUE
	};
	static const std::vector<NamedBit> tiu = [] {
		std::vector<NamedBit> v;
#define TPUSIM_FIELD(name, mask, access)                  \
	if (std::string(access) == "w1c")                 \
		v.push_back({name, mask});
		TIU_BD_CTRL_FIELDS(TPUSIM_FIELD)
#undef TPUSIM_FIELD
		return v;
	}();
	return engine == "tdma" ? tdma : tiu;
}

bool load_engine_error(Ctx &c, const Node *v, Fault &f)
{
	Map em(c, v, "'engine_error'", {"engine", "bit"});
	if (!em.ok())
		return false;
	const Node *eng = em.require("engine");
	const Node *bit = em.require("bit");
	if (!eng || !bit || !get_word(c, eng, "'engine'", engine_words(), f.engine))
		return false;
	std::vector<std::string> names;
	for (const NamedBit &nb : engine_error_bits(f.engine))
		names.push_back(nb.name);
	std::string w;
	if (!get_word(c, bit, "'bit' of " + f.engine, names, w))
		return false;
	for (const NamedBit &nb : engine_error_bits(f.engine))
		if (nb.name == w)
			f.bits = nb.bits;
	return true;
}

bool load_corrupt_output(Ctx &c, const Node *v, const Scope &sc, Refs &refs, Fault &f)
{
	Map cm(c, v, "'corrupt_output'", {"seq", "thread"});
	if (!cm.ok())
		return false;
	const Node *seq = cm.require("seq");
	bool ok = seq && get_value(c, seq, "'seq'", sc, f.seq);
	if (const Node *t = cm.get("thread")) {
		if (get_string(c, t, "'thread'", f.thread))
			refs.threads.push_back({f.thread, c.mark(t)});
		else
			ok = false;
	}
	return ok;
}

// "block.REG": a register of the generated tables (regs/*.yaml).
bool load_reg(Ctx &c, const Node *v, Trigger &t)
{
	std::string s;
	if (!get_string(c, v, "'mmio'", s))
		return false;
	size_t dot = s.find('.');
	std::string bname = s.substr(0, dot);
	std::vector<std::string> blocks;
	const tpu_reg_block *blk = nullptr;
	for (unsigned i = 0; i < TPU_REG_BLOCK_COUNT; i++) {
		blocks.push_back(tpu_regblk_all[i]->name);
		if (bname == tpu_regblk_all[i]->name) {
			blk = tpu_regblk_all[i];
			t.reg_block = i;
		}
	}
	if (!blk || dot == std::string::npos) {
		std::string hint = blk ? "" : suggest(bname, blocks);
		if (!hint.empty())
			hint = " (" + hint.substr(0, hint.size() - 1) + ")";
		c.error(v, "'mmio' must be BLOCK.REG with BLOCK one of: " + join(blocks) + "; got " + describe(v) + hint);
		return false;
	}
	std::string rname = s.substr(dot + 1);
	std::vector<std::string> regs;
	for (size_t i = 0; i < blk->nregs; i++) {
		regs.push_back(blk->regs[i].name);
		if (rname == blk->regs[i].name) {
			t.reg = s;
			t.reg_offset = blk->regs[i].offset;
			return true;
		}
	}
	c.error(v, "no register '" + rname + "' in block " + bname + " (" + suggest(rname, regs) +
			   "registers: " + join(regs) + ")");
	return false;
}

// The one entry of m that names its kind (the others are modifiers); an
// error and nullptr when there is none or more than one.
template <class IsModifier>
const Entry *the_kind(Ctx &c, const Node *n, const Map &m, const char *what,
		      const std::vector<std::string> &kinds, IsModifier is_modifier)
{
	const Entry *kind = nullptr;

	for (const auto &e : m.entries()) {
		if (is_modifier(e.name))
			continue;
		if (kind) {
			c.error(e.key, std::string("a ") + what + " has exactly one kind; this one has '" +
					       kind->name + "' and '" + e.name + "'");
			return nullptr;
		}
		kind = &e;
	}
	if (!kind && !m.had_unknown())
		c.error(n, std::string(what) + " has no kind (expected one of: " + join(kinds) + ")");
	return kind;
}

// `on: {KIND: SUBJECT, QUALIFIER: ...}` (vocab/triggers.h).
bool load_trigger(Ctx &c, const Node *n, const Scope &sc, Refs &refs, Trigger &t)
{
	const auto &kinds = trigger_table();
	const auto &quals = trigger_qualifier_table();
	t.mark = c.mark(n);
	std::vector<std::string> keys = kinds.keys();
	keys.insert(keys.end(), quals.keys().begin(), quals.keys().end());
	Map m(c, n, "'on'", keys);
	if (!m.ok())
		return false;
	const Entry *kind = the_kind(c, n, m, "trigger", kinds.keys(),
				     [&](const std::string &k) { return quals.find(k) != nullptr; });
	if (!kind)
		return false;
	t.kind = kinds.find(kind->name)->kind;
	const unsigned flags = kinds[t.kind].flags;
	bool ok = true;
	for (const auto &e : m.entries()) {
		const auto *q = quals.find(e.name);
		if (!q || !q->info.flags || (q->info.flags & flags))
			continue;
		c.error(e.key, "'" + e.name + "' applies to " + join(kinds.keys_with(q->info.flags)) +
				       " triggers only");
		ok = false;
	}
	const std::string what = "'" + kind->name + "'";
	const Node *v = kind->value;
	switch (t.kind) {
	case Trigger::Kind::descriptor:
	case Trigger::Kind::engine_start:
	case Trigger::Kind::irq_rise:
		ok = get_word(c, v, what, engine_words(), t.engine) && ok;
		break;
	case Trigger::Kind::mmio:
		ok = load_reg(c, v, t) && ok;
		break;
	case Trigger::Kind::in_driver:
		if (get_string(c, v, what, t.thread))
			refs.threads.push_back({t.thread, c.mark(v)});
		else
			ok = false;
		break;
	}
	if (!ok)
		return false;
	if (const Node *q = m.get("count"))
		ok = get_unsigned(c, q, "'count'", 1, 1000000, t.count) && ok;
	if (const Node *q = m.get("from_end")) {
		if (m.get("count") || !m.get("seq")) {
			c.error(m.key_node("from_end"), "'from_end' counts back from the end of the job "
							"instance 'seq' selects; give 'seq' and no 'count'");
			return false;
		}
		ok = get_unsigned(c, q, "'from_end'", 1, 1000000, t.from_end) && ok;
	}
	if (const Node *q = m.get("access")) {
		std::string w;
		if (get_word(c, q, "'access'", {"read", "write"}, w))
			t.access = w == "read" ? Trigger::Access::read : Trigger::Access::write;
		else
			ok = false;
	}
	if (const Node *q = m.get("seq")) {
		t.has_seq = true;
		ok = get_value(c, q, "'seq'", sc, t.seq) && ok;
	}
	if (const Node *q = m.get("thread")) {
		if (!t.has_seq) {
			c.error(m.key_node("thread"), "'thread' names the thread of the job instance 'seq' "
						      "selects; give 'seq' too");
			return false;
		}
		if (get_string(c, q, "'thread'", t.thread))
			refs.threads.push_back({t.thread, c.mark(q)});
		else
			ok = false;
	}
	return ok;
}

} // namespace

bool load_fault(Ctx &c, const Node *n, bool timed, const Scope &sc, Refs &refs, Fault &f)
{
	const auto &table = fault_table();
	f.mark = c.mark(n);
	std::vector<std::string> keys = table.keys();
	keys.insert(keys.begin(), {"at", "on"});
	Map m(c, n, "fault", keys);
	if (!m.ok())
		return false;
	bool ok = true;
	if (const Node *on = m.get("on")) {
		f.armed = true;
		ok = load_trigger(c, on, sc, refs, f.on);
	}
	if (timed) {
		// An armed fault is armed at 'at', by default when the run starts.
		if (f.armed && !m.has("at") && !m.duplicated("at"))
			f.at_ms = 0;
		else if (const Node *at = m.require("at"))
			ok = get_duration(c, at, "'at'", f.at_ms) && ok;
		else
			ok = false;
	} else if (m.has("at")) {
		c.error(m.key_node("at"), "'at' is for the top-level 'faults' list; a fault step happens when "
					  "its thread reaches it (or, with 'on', is armed then)");
		ok = false;
	}
	const Entry *kind = the_kind(c, n, m, "fault", table.keys(),
				     [](const std::string &k) { return k == "at" || k == "on"; });
	if (!kind)
		return false;
	const std::string &k = kind->name;
	const Node *v = kind->value;
	f.kind = table.find(k)->kind;
	switch (f.kind) {
	case Fault::Kind::drop_irq:
	case Fault::Kind::fail_alloc:
	case Fault::Kind::misalign_alloc:
	case Fault::Kind::fail_kzalloc:
	case Fault::Kind::fail_request_irq:
	case Fault::Kind::fail_kthread:
		ok = get_unsigned(c, v, "'" + k + "'", 1, 1000000, f.count) && ok;
		break;
	case Fault::Kind::spurious_irq:
	case Fault::Kind::stuck_irq:
		ok = must_be_true(c, v, k) && ok;
		break;
	case Fault::Kind::hang:
		ok = load_hang(c, v, f) && ok;
		break;
	case Fault::Kind::tdma_status:
		ok = load_tdma_status(c, v, f) && ok;
		break;
	case Fault::Kind::engine_error:
		ok = load_engine_error(c, v, f) && ok;
		break;
	case Fault::Kind::slow_dram:
		ok = get_double(c, v, "'slow_dram'", 1, 1e6, false, f.factor) && ok;
		break;
	case Fault::Kind::signal:
		if (get_string(c, v, "'signal'", f.thread))
			refs.threads.push_back({f.thread, c.mark(v)});
		else
			ok = false;
		break;
	case Fault::Kind::corrupt_output:
		ok = load_corrupt_output(c, v, sc, refs, f) && ok;
		break;
	}
	if ((table[f.kind].flags & TPUSIM_FAULT_AT_BOOT) && (!timed || f.armed || (ok && f.at_ms != 0))) {
		c.error(kind->key, "'" + k + "' acts when the driver is probed: it must be a timed fault with "
					     "'at: 0' (and no 'on')");
		ok = false;
	}
	return ok;
}

} // namespace tpusim::scn::load
