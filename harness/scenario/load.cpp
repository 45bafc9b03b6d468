// SPDX-License-Identifier: Apache-2.0
//
// load.cpp - the scenario loader: YAML text -> Scenario (scenario.h), with
// every mistake reported as "file:line:col: error: message".
//
// The file is parsed with the libyaml document API; the top level, the
// platform and the end-of-run expectations are read here, jobs in
// load_jobs.cpp, processes/threads/steps/faults in load_steps.cpp.  All
// loaders keep going after an error so that one run reports several
// mistakes, and none of them trusts the input: every size is capped (see
// Ctx in load_yaml.h), recursion only follows 'repeat' (at most 64 levels).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "load_sections.h"
#include "load_yaml.h"
#include "replay.h"
#include "tpu/hwcfg.h"

namespace tpusim::scn {

namespace load {

unsigned chip_lanes(const std::string &chip)
{
	return chip == "cv180x" ? TPU_CV180X_LANES : TPU_CV181X_LANES;
}

uint64_t lane_bytes(uint64_t n, uint64_t ch, uint64_t h, uint64_t w, unsigned lanes)
{
	// cvikernel tl_default_stride with eu_align: c stride = align_up(h*w, 16),
	// n stride = c stride * ceil(c / lanes).  Inputs are capped by the caller
	// (each <= 4095), so this cannot overflow 64 bits.
	uint64_t cstr = (h * w + 15) / 16 * 16;
	return n * cstr * ((ch + lanes - 1) / lanes);
}

void load_platform(Ctx &c, const Node *n, Platform &out)
{
	const auto &table = platform_table();
	Map m(c, n, "platform", table.keys());
	if (!m.ok())
		return;
	for (const auto &row : table.rows()) {
		const PlatformInfo &p = row.info;
		const Node *v = m.get(p.key);
		if (!v)
			continue;
		const std::string what = std::string("'") + p.key + "'";
		bool ok = false;
		double x = 0;
		switch (p.type) {
		case PlatformType::choice: {
			std::vector<std::string> words = platform_choices(p);
			std::string w;
			ok = get_word(c, v, what, words, w);
			x = static_cast<double>(std::find(words.begin(), words.end(), w) - words.begin());
			break;
		}
		case PlatformType::integer: {
			unsigned u = 0;
			ok = get_unsigned(c, v, what, static_cast<unsigned>(p.lo), static_cast<unsigned>(p.hi), u);
			x = u;
			break;
		}
		case PlatformType::number:
			ok = get_double(c, v, what, p.lo, p.hi, false, x);
			break;
		case PlatformType::fraction:
			ok = get_double(c, v, what, p.lo, p.hi, true, x);
			break;
		}
		if (ok)
			out.set[row.kind] = x;
	}
}

// counter: N (exactly), or {min: N, max: M} (either may be left out).
static void load_counters(Ctx &c, const Node *n, std::vector<CounterBound> &out)
{
	const auto &table = counter_table();
	Map m(c, n, "'counters'", table.keys());
	for (const auto &e : m.entries()) {
		CounterBound b;
		b.counter = table.find(e.name)->kind;
		b.mark = c.mark(e.value);
		const std::string what = "'" + e.name + "'";
		if (e.value && e.value->type == YAML_MAPPING_NODE) {
			Map r(c, e.value, what, {"min", "max"});
			if (!r.ok())
				continue;
			if (r.entries().empty()) {
				c.error(e.value, what + " needs 'min', 'max' or both");
				continue;
			}
			bool ok = true;
			if (const Node *lo = r.get("min"))
				ok = get_u64(c, lo, what + " 'min'", b.lo) && ok;
			if (const Node *hi = r.get("max"))
				ok = get_u64(c, hi, what + " 'max'", b.hi) && ok;
			if (ok && b.lo > b.hi) {
				c.error(e.value, what + ": 'min' " + std::to_string(b.lo) + " is above 'max' " +
							 std::to_string(b.hi));
				ok = false;
			}
			if (ok)
				out.push_back(b);
			continue;
		}
		if (get_u64(c, e.value, what, b.lo)) {
			b.hi = b.lo;
			out.push_back(b);
		}
	}
}

void load_expectations(Ctx &c, const Node *n, Expectations &out,
		       std::map<std::string, Expectations> *by_driver)
{
	std::vector<std::string> keys{"findings", "log_contains", "max_sim_time", "counters"};
	const auto &drivers = driver_words();
	if (by_driver)
		keys.insert(keys.end(), drivers.begin(), drivers.end());
	Map m(c, n, by_driver ? "expect" : "expect (per driver)", keys);
	if (!m.ok())
		return;
	out.mark = c.mark(n);
	if (const Node *v = m.get("findings")) {
		out.findings.clear();
		std::vector<const Node *> items;
		seq_items(c, v, "'findings'", items);
		const auto &known = checker_names();
		for (const Node *it : items) {
			std::string name;
			if (!get_string(c, it, "a finding", name))
				continue;
			Checker id;
			if (!checker_by_name(name, id)) {
				c.error(it, "unknown checker " + quoted(name) + " (" + suggest(name, known) +
						    "known checkers: " + join(known) + ")");
				continue;
			}
			out.findings.push_back(id);
		}
	}
	if (const Node *v = m.get("log_contains")) {
		out.log_contains.clear();
		std::vector<const Node *> items;
		seq_items(c, v, "'log_contains'", items);
		for (const Node *it : items) {
			std::string s;
			if (!get_string(c, it, "a log_contains entry", s))
				continue;
			out.log_contains.push_back(s);
		}
	}
	if (const Node *v = m.get("counters")) {
		out.counters.clear();
		load_counters(c, v, out.counters);
	}
	if (const Node *v = m.get("max_sim_time")) {
		double ms = 0;
		if (get_duration(c, v, "'max_sim_time'", ms)) {
			if (ms <= 0)
				c.error(v, "'max_sim_time' must be greater than 0 (leave it out to not check)");
			else
				out.max_sim_time_ms = ms;
		}
	}
	// Per-driver blocks: the common expectations with the keys given there
	// replaced.
	if (by_driver)
		for (const std::string &d : drivers)
			if (const Node *v = m.get(d.c_str())) {
				Expectations e = out;
				load_expectations(c, v, e, nullptr);
				(*by_driver)[d] = e;
			}
}

// "proc/thread", either part optionally with a ".N" replica index.
static bool split_target(const std::string &t, std::string &proc, long &pi, std::string &thr, long &ti)
{
	size_t slash = t.find('/');
	if (slash == std::string::npos || t.find('/', slash + 1) != std::string::npos)
		return false;
	auto part = [](const std::string &s, std::string &name, long &idx) {
		size_t dot = s.find('.');
		name = s.substr(0, dot);
		idx = -1;
		if (!is_ident(name))
			return false;
		if (dot == std::string::npos)
			return true;
		std::string digits = s.substr(dot + 1);
		if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos)
			return false;
		idx = std::stol(digits);
		return true;
	};
	return part(t.substr(0, slash), proc, pi) && part(t.substr(slash + 1), thr, ti);
}

void check_refs(Ctx &c, const std::vector<Process> &procs, const Refs &refs)
{
	std::map<std::string, const Process *> by_name;
	for (const auto &p : procs)
		by_name.emplace(p.name, &p);
	std::vector<std::string> all;   // for messages, built on the first miss
	for (const auto &r : refs.threads) {
		std::string pn, tn;
		long pi, ti;
		if (!split_target(r.target, pn, pi, tn, ti)) {
			c.error(r.mark, "a thread reference must be \"process/thread\" (or \"process.N/thread.M\" "
					"for one replica), got " + quoted(r.target));
			continue;
		}
		if (refs.processes_incomplete)
			continue;
		auto pit = by_name.find(pn);
		const Process *p = pit == by_name.end() ? nullptr : pit->second;
		const Thread *t = nullptr;
		if (p)
			for (const auto &x : p->threads)
				if (x.name == tn)
					t = &x;
		if (!p || !t) {
			if (all.empty())
				for (const auto &x : procs)
					for (const auto &y : x.threads)
						all.push_back(x.name + "/" + y.name);
			c.error(r.mark, "no thread '" + pn + "/" + tn + "' in this scenario (" +
						suggest(pn + "/" + tn, all) + "threads: " + join(all) + ")");
			continue;
		}
		if (pi >= 0 && p->count == 1)
			c.error(r.mark, "process '" + pn + "' is not replicated; refer to it as '" + pn + "'");
		else if (ti >= 0 && t->count == 1)
			c.error(r.mark, "thread '" + pn + "/" + tn + "' is not replicated; refer to it as '" + tn +
						"'");
		else if (pi >= (long)p->count)
			c.error(r.mark, "process '" + pn + "' has " + std::to_string(p->count) +
						" replica(s), so there is no '" + pn + "." + std::to_string(pi) + "'");
		else if (ti >= (long)t->count)
			c.error(r.mark, "thread '" + pn + "/" + tn + "' has " + std::to_string(t->count) +
						" replica(s), so there is no '" + tn + "." + std::to_string(ti) + "'");
	}
	for (const auto &[name, use] : refs.barriers)
		if (use.participants < 2 && !refs.processes_incomplete)
			c.error(use.first, "barrier '" + name + "' has only one participant (thread " +
						   use.first_thread +
						   "); a barrier needs at least two threads (replicas count)");
}

static void load_top(Ctx &c, const Node *root, Scenario &s)
{
	Map m(c, root, "the scenario",
	      {"schema", "name", "description", "platform", "seed", "perturb", "requires_mutant",
	       "unsanitized_only", "jobs",
	       "processes", "faults", "expect", "replay"});
	if (!m.ok())
		return;
	s.mark = c.mark(root);
	if (const Node *v = m.require("schema")) {
		int64_t schema;
		if (get_int(c, v, "'schema'", 0, 1000000, schema)) {
			if (schema != 1)
				c.error(v, "unsupported schema " + std::to_string(schema) +
						   " (this tpusim reads schema 1)");
			s.schema = (int)schema;
		}
	}
	if (const Node *v = m.require("name"))
		get_name(c, v, "'name'", s.name);
	if (const Node *v = m.require("description")) {
		if (get_string(c, v, "'description'", s.description) &&
		    s.description.find_first_not_of(" \t\r\n") == std::string::npos)
			c.error(v, "'description' must not be empty");
	}
	if (const Node *v = m.get("platform"))
		load_platform(c, v, s.platform);
	if (const Node *v = m.get("seed"))
		get_u64(c, v, "'seed'", s.seed);
	if (const Node *v = m.get("perturb"))
		get_double(c, v, "'perturb'", 0, 1, false, s.perturb);
	if (const Node *v = m.get("requires_mutant"))
		get_name(c, v, "'requires_mutant'", s.requires_mutant);
	if (const Node *v = m.get("unsanitized_only"))
		get_bool(c, v, "'unsanitized_only'", s.unsanitized_only);
	if (const Node *v = m.get("replay")) {
		std::string rel, err;
		if (get_string(c, v, "'replay'", rel)) {
			std::string dir = s.file.substr(0, s.file.find_last_of('/') + 1);
			Replay r;
			if (!read_replay(rel.size() && rel[0] == '/' ? rel : dir + rel, r, &err))
				c.error(v, err);
			else {
				s.has_replay = true;
				s.replay_switches = r.switches;
				if (r.seed_given)
					s.seed = r.seed;
			}
		}
	}

	Declared decl;
	Refs refs;
	if (const Node *v = m.get("jobs"))
		load_jobs(c, v, s.platform, s.jobs, decl);
	decl.jobs_incomplete = decl.jobs_incomplete || m.duplicated("jobs");
	if (const Node *v = m.require("processes")) {
		size_t before = c.errors();
		load_processes(c, v, decl, refs, s.processes);
		refs.processes_incomplete = c.errors() != before;
	} else {
		refs.processes_incomplete = true;
	}
	if (const Node *v = m.get("faults")) {
		std::vector<const Node *> items;
		seq_items(c, v, "'faults'", items);
		Scope none;
		for (const Node *it : items) {
			Fault f;
			if (load_fault(c, it, true, none, refs, f))
				s.faults.push_back(f);
		}
	}
	if (const Node *v = m.get("expect"))
		load_expectations(c, v, s.expect, &s.expect_by_driver);
	check_refs(c, s.processes, refs);
}

// A position from a byte offset (reader errors carry no mark).
static Mark offset_mark(const Ctx &c, const std::string &text, size_t offset)
{
	size_t line = 0, col = 0;
	for (size_t i = 0; i < offset && i < text.size(); i++) {
		if (text[i] == '\n') {
			line++;
			col = 0;
		} else {
			col++;
		}
	}
	return c.mark_at(line, col);
}

static void syntax_error(Ctx &c, const std::string &text, const yaml_parser_t &p)
{
	std::string problem = p.problem ? p.problem : "syntax error";
	if (p.error == YAML_READER_ERROR) {
		c.error(offset_mark(c, text, p.problem_offset), "cannot read the file: " + problem);
	} else if (p.error == YAML_MEMORY_ERROR) {
		c.error(c.mark_at(0, 0), "out of memory while parsing");
	} else if (p.context) {
		c.error(c.mark_at(p.problem_mark.line, p.problem_mark.column),
			problem + " (" + p.context + " started at " + std::to_string(p.context_mark.line + 1) +
				":" + std::to_string(p.context_mark.column + 1) + ")");
	} else {
		c.error(c.mark_at(p.problem_mark.line, p.problem_mark.column), problem);
	}
}

// libyaml's scanner spends time proportional to the flow nesting depth on
// every token ([[[[...]]]] is quadratic: 40000 levels take seconds).  A
// first pass over the tokens stops such a file early; its syntax errors are
// left to the loader.
constexpr int kMaxFlowDepth = 1000;

static bool flow_depth_ok(Ctx &c, const std::string &text)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return true;
	yaml_parser_set_input_string(&p, (const unsigned char *)text.data(), text.size());
	int depth = 0;
	bool ok = true;
	for (;;) {
		yaml_token_t tok;
		if (!yaml_parser_scan(&p, &tok))
			break;
		yaml_token_type_t type = tok.type;
		yaml_mark_t m = tok.start_mark;
		yaml_token_delete(&tok);
		if (type == YAML_STREAM_END_TOKEN || type == YAML_NO_TOKEN)
			break;
		if (type == YAML_FLOW_SEQUENCE_START_TOKEN || type == YAML_FLOW_MAPPING_START_TOKEN) {
			if (++depth > kMaxFlowDepth) {
				c.error(c.mark_at(m.line, m.column), "flow collections ([...] and {...}) are nested more "
								     "than " + std::to_string(kMaxFlowDepth) +
								     " levels deep");
				ok = false;
				break;
			}
		} else if (type == YAML_FLOW_SEQUENCE_END_TOKEN || type == YAML_FLOW_MAPPING_END_TOKEN) {
			depth--;
		}
	}
	yaml_parser_delete(&p);
	return ok;
}

} // namespace load

bool load_scenario_text(const std::string &text, const std::string &path, Scenario &out,
			std::vector<Diag> &diags)
{
	using namespace load;
	out = Scenario();
	out.file = path;
	const size_t before = diags.size();
	Ctx c;
	c.file = path;
	c.diags = &diags;
	c.errors_at_start = before;
	c.set_text(text);

	if (!flow_depth_ok(c, text))
		return false;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		c.error(c.mark_at(0, 0), "cannot initialise the YAML parser");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text.data(), text.size());
	yaml_document_t doc;
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_error(c, text, parser);
		yaml_parser_delete(&parser);
		return false;
	}
	c.doc = &doc;
	const Node *root = yaml_document_get_root_node(&doc);
	// The rest of the stream first: a second document would be silently
	// ignored, so it is refused; a syntax error after the first document
	// is the one thing to report (the first document is then most likely
	// cut short, and its "errors" would be noise).
	bool analyse = true;
	if (root) {
		yaml_document_t extra;
		if (!yaml_parser_load(&parser, &extra)) {
			syntax_error(c, text, parser);
			analyse = false;
		} else {
			// At the "---" that starts it (or its first node).
			if (yaml_document_get_root_node(&extra))
				c.error(c.mark_at(extra.start_mark.line, extra.start_mark.column),
					"only one YAML document per scenario file");
			yaml_document_delete(&extra);
		}
	}
	if (!analyse) {
		// nothing more
	} else if (!root) {
		c.error(c.mark_at(0, 0), "empty document (a scenario needs at least schema, name, description "
					 "and processes)");
	} else if (root->type != YAML_MAPPING_NODE) {
		c.error(root, "the top level must be a mapping of scenario keys, got " + describe(root));
	} else {
		load_top(c, root, out);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	// In file order (stable: the order of discovery at one position); the
	// "too many errors" note stays last.
	auto first = diags.begin() + (long)before;
	auto last = c.stopped ? diags.end() - 1 : diags.end();
	std::stable_sort(first, last, [](const Diag &a, const Diag &b) {
		return a.mark.line != b.mark.line ? a.mark.line < b.mark.line : a.mark.col < b.mark.col;
	});
	return diags.size() == before;
}

bool load_scenario(const std::string &path, Scenario &out, std::vector<Diag> &diags)
{
	std::ifstream f(path, std::ios::binary);
	if (!f) {
		int e = errno;
		out = Scenario();
		out.file = path;
		diags.push_back({Mark{path, 0, 0}, std::string("cannot open: ") + (e ? strerror(e) : "failed")});
		return false;
	}
	std::ostringstream ss;
	ss << f.rdbuf();
	if (f.bad()) {
		diags.push_back({Mark{path, 0, 0}, "cannot read the file"});
		return false;
	}
	return load_scenario_text(ss.str(), path, out, diags);
}

} // namespace tpusim::scn
