// SPDX-License-Identifier: Apache-2.0
//
// load_jobs.cpp - the 'jobs' section: named jobs made of DRAM tensors (inputs
// with data, outputs without) and a program of load / TIU / store
// operations on named LMEM tensors.  The program is checked like a tiny
// compiler would: every operand exists when it is used, shapes agree, every
// output is stored, and the tensors fit in local memory.
#include <array>

#include "load_sections.h"
#include "load_yaml.h"
#include "tpu/hwcfg.h"

namespace tpusim::scn::load {

namespace {

using Shape = std::array<uint32_t, 4>;   // {0,0,0,0}: unknown (the shape had an error)

std::string shape_text(const Shape &s)
{
	return std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]) + "x" +
	       std::to_string(s[3]);
}

bool known(const Shape &s)
{
	return s[0] != 0;
}

struct DramInfo {
	Shape shape{};
	bool output = false;
	bool stored = false;
	const Node *key = nullptr;
};

struct LmemInfo {
	Shape shape{};
};

class JobLoader {
public:
	JobLoader(Ctx &c, const Platform &pf, const std::string &name, Job &job)
	    : c_(c), lanes_(chip_lanes(pf.chip())), chip_(pf.chip()), name_(name), job_(job)
	{
	}

	void load(const Node *n);

private:
	void tensors(const Node *n);
	bool tensor(const Entry &e, Tensor &t, DramInfo &info);
	void data(const Node *n, const Tensor &t, uint64_t elems, Data &d);
	void ops(const Node *n);
	bool op(const Node *n, Op &o);
	bool tiu(const Node *v, const std::string &key, Op &o);
	// An operand that must be an LMEM tensor already: its shape, or false.
	bool operand(const Node *v, const std::string &what, std::string &name, Shape &shape);
	void define(const Node *at, const std::string &name, const Shape &shape);
	void salvage(const Node *op);

	Ctx &c_;
	unsigned lanes_;
	std::string chip_;
	std::string name_;
	Job &job_;
	std::map<std::string, DramInfo> dram_;
	std::map<std::string, LmemInfo> lmem_;
	uint64_t lmem_bytes_ = 0;
	bool lmem_full_reported_ = false;
	bool ops_failed_ = false;
	bool tensors_incomplete_ = false;   // do not call names "undefined" then
};

void JobLoader::load(const Node *n)
{
	Map m(c_, n, "job '" + name_ + "'", {"tensors", "ops", "repeat_ops", "cached", "separate_data", "align", "build"});
	if (!m.ok())
		return;
	if (const Node *v = m.require("tensors")) {
		size_t before = c_.errors();
		tensors(v);
		tensors_incomplete_ = v->type != YAML_MAPPING_NODE || c_.errors() != before;
	} else {
		tensors_incomplete_ = true;
	}
	if (const Node *v = m.require("ops"))
		ops(v);
	else
		ops_failed_ = true;
	if (const Node *v = m.get("repeat_ops"))
		get_unsigned(c_, v, "'repeat_ops'", 1, 100000, job_.repeat_ops);
	if (const Node *v = m.get("cached"))
		get_bool(c_, v, "'cached'", job_.cached);
	if (const Node *v = m.get("separate_data"))
		get_bool(c_, v, "'separate_data'", job_.separate_data);
	job_.align = job_.cached ? Job::Align::mid : Job::Align::page;
	if (const Node *v = m.get("align")) {
		std::string w;
		if (get_word(c_, v, "'align'", {"page", "line", "mid"}, w))
			job_.align = w == "page" ? Job::Align::page
				   : w == "line" ? Job::Align::line : Job::Align::mid;
	}
	if (const Node *v = m.get("build")) {
		const auto &table = build_flag_table();
		Map b(c_, v, "build", table.keys());
		for (const auto &e : b.entries()) {
			bool on = false;
			if (get_bool(c_, e.value, "'" + e.name + "'", on) && on)
				job_.build.on.insert(table.find(e.name)->kind);
		}
	}
	// Every output must be written, or its check would compare garbage.
	// (Not said again when the program itself had errors.)
	for (const auto &[tname, info] : dram_)
		if (info.output && !info.stored && !ops_failed_)
			c_.error(info.key, "output tensor '" + tname + "' of job '" + name_ +
						   "' is never stored (add an op 'store: {from: <lmem tensor>, to: " +
						   tname + "}')");
}

void JobLoader::tensors(const Node *n)
{
	std::vector<Entry> entries;
	if (!map_entries(c_, n, "'tensors' of job '" + name_ + "'", entries))
		if (entries.empty())
			return;
	if (entries.empty() && n->type == YAML_MAPPING_NODE) {
		c_.error(n, "job '" + name_ + "' has no tensors");
		return;
	}
	for (const auto &e : entries) {
		if (!is_ident(e.name)) {
			c_.error(e.key, "tensor name must be a name (letters, digits and '_', not starting with a "
					"digit), got " + quoted(e.name));
			dram_[e.name].key = e.key;   // known, so references are not reported too
			ops_failed_ = true;          // and "never stored" is not decided
			continue;
		}
		Tensor t;
		DramInfo info;
		info.key = e.key;
		t.name = e.name;
		t.mark = c_.mark(e.key);
		tensor(e, t, info);
		dram_[e.name] = info;   // recorded even with errors: no "undefined" cascade
		job_.tensors.push_back(t);
	}
}

bool JobLoader::tensor(const Entry &e, Tensor &t, DramInfo &info)
{
	const std::string what = "tensor '" + e.name + "'";
	Map m(c_, e.value, what, {"shape", "type", "output", "data"});
	if (!m.ok())
		return false;
	bool ok = true;
	uint64_t elems = 0;
	if (const Node *v = m.require("shape")) {
		std::vector<const Node *> dims;
		if (seq_items(c_, v, "'shape'", dims)) {
			if (dims.size() != 4) {
				c_.error(v, "'shape' must have 4 dimensions [n, c, h, w], got " +
						    std::to_string(dims.size()));
				ok = false;
			} else {
				static const char *const dn[4] = {"n", "c", "h", "w"};
				unsigned d[4] = {0, 0, 0, 0};
				bool dims_ok = true;
				for (int i = 0; i < 4; i++)
					dims_ok = get_unsigned(c_, dims[i], std::string("shape dimension '") + dn[i] + "'",
							       1, 4095, d[i]) && dims_ok;
				if (dims_ok) {
					uint64_t lb = lane_bytes(d[0], d[1], d[2], d[3], lanes_);
					if (lb > TPU_LMEM_LANE_SIZE) {
						c_.error(v, what + " of shape " + shape_text({d[0], d[1], d[2], d[3]}) +
								    " needs " + std::to_string(lb) +
								    " bytes per lane of local memory; a lane has " +
								    std::to_string(TPU_LMEM_LANE_SIZE) + " (" +
								    std::to_string(lanes_) + " lanes on " + chip_ + ")");
						dims_ok = false;
					}
				}
				if (dims_ok) {
					t.n = d[0];
					t.c = d[1];
					t.h = d[2];
					t.w = d[3];
					info.shape = {d[0], d[1], d[2], d[3]};
					elems = (uint64_t)d[0] * d[1] * d[2] * d[3];
				}
				ok = ok && dims_ok;
			}
		} else {
			ok = false;
		}
	} else {
		ok = false;
	}
	if (const Node *v = m.get("type")) {
		std::string type;
		if (get_word(c_, v, "'type'", {"u8", "i8"}, type))
			t.is_signed = type == "i8";
		else
			ok = false;
	}
	if (const Node *v = m.get("output"))
		ok = get_bool(c_, v, "'output'", t.output) && ok;
	info.output = t.output;
	const Node *dv = m.get("data");
	if (t.output && dv) {
		c_.error(m.key_node("data"), "output " + what +
						     " must not have data: its expected value is computed by the "
						     "host reference");
		return false;
	}
	if (!t.output && !dv) {
		c_.error(e.value, "input " + what + " needs 'data' (ramp, random, fill or values), or "
						    "'output: true'");
		return false;
	}
	if (dv)
		data(dv, t, elems, t.data);
	return ok;
}

void JobLoader::data(const Node *n, const Tensor &t, uint64_t elems, Data &d)
{
	Map m(c_, n, "data", {"ramp", "random", "fill", "values"});
	if (!m.ok())
		return;
	d.mark = c_.mark(n);
	if (m.entries().size() != 1) {
		if (m.entries().empty() && m.had_unknown())
			return;
		if (m.entries().empty())
			c_.error(n, "data must have exactly one of: ramp, random, fill, values");
		else
			c_.error(m.entries()[1].key, "data must have exactly one of ramp, random, fill, values; "
						     "this one has '" + m.entries()[0].name + "' and '" +
						     m.entries()[1].name + "'");
		return;
	}
	const Entry &e = m.entries()[0];
	const int64_t lo = t.is_signed ? -128 : 0, hi = t.is_signed ? 127 : 255;
	const std::string type = t.is_signed ? "i8" : "u8";
	if (e.name == "ramp") {
		d.kind = Data::Kind::ramp;
		get_u64(c_, e.value, "'ramp'", d.seed);
	} else if (e.name == "random") {
		d.kind = Data::Kind::random;
		get_u64(c_, e.value, "'random'", d.seed);
	} else if (e.name == "fill") {
		d.kind = Data::Kind::fill;
		get_int(c_, e.value, "'fill' (an " + type + " value)", lo, hi, d.fill);
	} else {
		d.kind = Data::Kind::values;
		std::vector<const Node *> items;
		if (!seq_items(c_, e.value, "'values'", items))
			return;
		if (elems && items.size() != elems) {
			c_.error(e.value, "'values' has " + std::to_string(items.size()) + " elements; tensor '" +
						  t.name + "' of shape " + shape_text({t.n, t.c, t.h, t.w}) +
						  " needs " + std::to_string(elems));
			return;
		}
		d.values.reserve(items.size());
		for (const Node *it : items) {
			int64_t v;
			if (!get_int(c_, it, "a value of " + type + " tensor '" + t.name + "'", lo, hi, v))
				continue;
			d.values.push_back(v);
		}
	}
}

void JobLoader::ops(const Node *n)
{
	std::vector<const Node *> items;
	if (!seq_items(c_, n, "'ops'", items)) {
		ops_failed_ = true;
		return;
	}
	if (items.empty()) {
		c_.error(n, "job '" + name_ + "' has no ops");
		ops_failed_ = true;
		return;
	}
	for (const Node *it : items) {
		Op o;
		if (op(it, o)) {
			job_.ops.push_back(o);
		} else {
			ops_failed_ = true;
			salvage(it);
		}
	}
}

// After an op with an error: the LMEM tensors it would have defined exist
// from now on (shape unknown), so later ops are not reported for using them.
void JobLoader::salvage(const Node *n)
{
	if (!n || n->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		const Node *k = c_.child(p->key), *v = c_.child(p->value);
		std::string name;
		if (!k || !v)
			continue;
		if (text(k) == "load" && is_scalar(v)) {
			name = text(v);
		} else if (v->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++)
				if (text(c_.child(q->key)) == "res" && is_scalar(c_.child(q->value)))
					name = text(c_.child(q->value));
		}
		if (!name.empty())
			lmem_.emplace(name, LmemInfo{});
	}
}

bool JobLoader::op(const Node *n, Op &o)
{
	o.mark = c_.mark(n);
	const auto &table = op_table();
	Map m(c_, n, "an operation", table.keys());
	if (!m.ok())
		return false;
	if (m.entries().size() != 1) {
		if (m.entries().empty() && m.had_unknown())
			return false;
		if (m.entries().empty())
			c_.error(n, "an operation must have exactly one key (one of: " + join(table.keys()) + ")");
		else
			c_.error(m.entries()[1].key, "an operation has exactly one key; this one has '" +
							     m.entries()[0].name + "' and '" + m.entries()[1].name + "'");
		return false;
	}
	const Entry &e = m.entries()[0];
	o.kind = table.find(e.name)->kind;

	if (o.kind == Op::Kind::load) {
		// A tensor whose (invalid) name was already reported is not reported
		// again here.
		if (is_scalar(e.value) && dram_.count(text(e.value)))
			o.tensor = text(e.value);
		else if (!get_ident(c_, e.value, "'load'", o.tensor))
			return false;
		auto d = dram_.find(o.tensor);
		if (d == dram_.end() && tensors_incomplete_)
			return false;
		if (d == dram_.end()) {
			std::vector<std::string> names;
			for (const auto &x : dram_)
				names.push_back(x.first);
			c_.error(e.value, "undefined tensor '" + o.tensor + "' in job '" + name_ + "' (" +
						  suggest(o.tensor, names) + "tensors: " + join(names) + ")");
			return false;
		}
		if (d->second.output) {
			c_.error(e.value, "'" + o.tensor + "' is an output tensor; 'load' takes an input tensor");
			return false;
		}
		define(e.value, o.tensor, d->second.shape);
		return true;
	}
	if (o.kind == Op::Kind::store) {
		Map s(c_, e.value, "store", {"from", "to"});
		if (!s.ok())
			return false;
		const Node *from = s.require("from");
		const Node *to = s.require("to");
		Shape fs{};
		bool ok = from && operand(from, "'from'", o.from, fs);
		if (!to || !get_ident(c_, to, "'to'", o.to))
			return false;
		auto d = dram_.find(o.to);
		if (d == dram_.end() && tensors_incomplete_)
			return false;
		if (d == dram_.end()) {
			std::vector<std::string> names;
			for (const auto &x : dram_)
				if (x.second.output)
					names.push_back(x.first);
			c_.error(to, "undefined tensor '" + o.to + "' in job '" + name_ + "' (" +
					     suggest(o.to, names) + "outputs: " + join(names) + ")");
			return false;
		}
		if (!d->second.output) {
			c_.error(to, "'" + o.to + "' is not an output tensor ('store' writes an output; mark it "
					      "'output: true')");
			return false;
		}
		d->second.stored = true;
		if (ok && known(fs) && known(d->second.shape) && fs != d->second.shape) {
			c_.error(to, "store from '" + o.from + "' (" + shape_text(fs) + ") to '" + o.to + "' (" +
					     shape_text(d->second.shape) + "): the shapes differ");
			return false;
		}
		return ok;
	}
	return tiu(e.value, e.name, o);
}

bool JobLoader::operand(const Node *v, const std::string &what, std::string &name, Shape &shape)
{
	if (!get_ident(c_, v, what, name))
		return false;
	auto l = lmem_.find(name);
	if (l == lmem_.end()) {
		std::string hint = dram_.count(name) ? "load it first with 'load: " + name + "'"
						     : "load it or compute it as the 'res' of an earlier op";
		c_.error(v, "'" + name + "' is not a local-memory tensor at this point (" + hint + ")");
		return false;
	}
	shape = l->second.shape;
	return true;
}

// Every LMEM name gets its own region for the whole job (as the runner
// places them: one after the other from lane 0 offset 0), so their sizes add
// up.
void JobLoader::define(const Node *at, const std::string &name, const Shape &shape)
{
	auto l = lmem_.find(name);
	uint64_t add = 0;
	if (l == lmem_.end()) {
		lmem_[name] = LmemInfo{shape};
		add = known(shape) ? lane_bytes(shape[0], shape[1], shape[2], shape[3], lanes_) : 0;
	} else if (known(shape) && known(l->second.shape) && l->second.shape != shape) {
		c_.error(at, "local-memory tensor '" + name + "' has shape " + shape_text(l->second.shape) +
				     "; it cannot also be " + shape_text(shape));
		return;
	} else if (!known(l->second.shape) && known(shape)) {
		l->second.shape = shape;
	}
	lmem_bytes_ += add;
	if (lmem_bytes_ > TPU_LMEM_LANE_SIZE && !lmem_full_reported_) {
		lmem_full_reported_ = true;
		c_.error(at, "job '" + name_ + "' runs out of local memory here: its local tensors need " +
				     std::to_string(lmem_bytes_) + " bytes per lane, a lane has " +
				     std::to_string(TPU_LMEM_LANE_SIZE) + " (" + std::to_string(lanes_) +
				     " lanes on " + chip_ + ")");
	}
}

bool JobLoader::tiu(const Node *v, const std::string &key, Op &o)
{
	const unsigned flags = op_table()[o.kind].flags;
	const bool is_copy = !(flags & TPUSIM_OP_B);
	std::vector<std::string> keys = {"res", "a"};
	if (flags & TPUSIM_OP_B)
		keys.insert(keys.end(), {"b", "rshift"});
	if (flags & TPUSIM_OP_LSHIFT)
		keys.push_back("lshift");
	if (flags & TPUSIM_OP_B)
		keys.push_back("relu");
	Map m(c_, v, "'" + key + "'", keys);
	if (!m.ok())
		return false;
	bool ok = true;
	const Node *res = m.require("res");
	const Node *a = m.require("a");
	const Node *b = is_copy ? nullptr : m.require("b");
	ok = res && a && (is_copy || b);
	Shape as{}, bs{};
	bool a_ok = a && operand(a, "'a'", o.a, as);
	ok = ok && a_ok;
	if (b) {
		bool neg;
		uint64_t mag;
		if (is_plain(b) && parse_integer(text(b), neg, mag) != IntParse::not_integer) {
			o.b_is_scalar = true;
			ok = get_int(c_, b, "a scalar 'b' (8 bits)", -128, 255, o.b_scalar) && ok;
		} else if (operand(b, "'b'", o.b, bs)) {
			if (a_ok && known(as) && known(bs) && as != bs) {
				c_.error(b, "'b' (" + o.b + ", " + shape_text(bs) + ") and 'a' (" + o.a + ", " +
						    shape_text(as) + ") have different shapes");
				ok = false;
			}
		} else {
			ok = false;
		}
	}
	if (const Node *x = m.get("rshift"))
		ok = get_unsigned(c_, x, "'rshift'", 0, 31, o.rshift) && ok;
	if (const Node *x = m.get("lshift"))
		ok = get_unsigned(c_, x, "'lshift'", 0, 31, o.lshift) && ok;
	if (const Node *x = m.get("relu"))
		ok = get_bool(c_, x, "'relu'", o.relu) && ok;
	if (res && get_ident(c_, res, "'res'", o.res)) {
		if (a_ok)
			define(res, o.res, as);
	} else {
		ok = false;
	}
	return ok;
}

} // namespace

void load_jobs(Ctx &c, const Node *n, const Platform &pf, std::map<std::string, Job> &out, Declared &decl)
{
	std::vector<Entry> entries;
	if (!map_entries(c, n, "'jobs'", entries))
		decl.jobs_incomplete = true;   // not a mapping, or odd / duplicate names
	for (const auto &e : entries) {
		if (!is_ident(e.name)) {
			decl.jobs_incomplete = true;
			c.error(e.key, "job name must be a name (letters, digits and '_', not starting with a digit), "
				       "got " + quoted(e.name));
			continue;
		}
		decl.jobs.insert(e.name);
		Job job;
		job.name = e.name;
		job.mark = c.mark(e.key);
		JobLoader(c, pf, e.name, job).load(e.value);
		out[e.name] = std::move(job);
	}
}

} // namespace tpusim::scn::load
