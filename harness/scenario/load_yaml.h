// SPDX-License-Identifier: Apache-2.0
//
// load_yaml.h - the YAML side of the scenario loader (internal): a context
// that collects diagnostics at node marks, a mapping reader that rejects
// unknown and duplicate keys, and typed scalar readers.  Every reader
// reports its own error at the offending node and returns false; callers
// just skip the element.  Nothing here throws.
#ifndef TPUSIM_SCENARIO_LOAD_YAML_H
#define TPUSIM_SCENARIO_LOAD_YAML_H

#include <yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "scenario.h"

namespace tpusim::scn::load {

using Node = yaml_node_t;

struct Ctx {
	yaml_document_t *doc = nullptr;
	std::string file;
	std::vector<Diag> *diags = nullptr;
	size_t errors_at_start = 0;
	// Resource caps: inputs are untrusted, and aliases let a small file
	// describe an exponentially large tree.
	size_t max_diags = 100;
	uint64_t node_budget = 4000000;     // nodes visited
	uint64_t step_budget = 200000;      // steps built
	bool exhausted = false;             // a budget ran out (reported once)
	bool stopped = false;               // too many diagnostics
	// Where the text ends (0-based, YAML line breaks): libyaml puts marks
	// of the stream's end on the line after a last line without a break,
	// and every mark is kept inside the text.
	size_t end_line0 = SIZE_MAX, end_col0 = 0;

	void set_text(const std::string &text);

	Mark mark(const Node *n) const;
	Mark mark_at(size_t line0, size_t col0) const;
	void error(const Node *n, const std::string &msg);
	void error(const Mark &m, const std::string &msg);
	// Count n visited nodes; false (after one diagnostic at `at`) when the
	// document is too large.
	bool spend(const Node *at, uint64_t n = 1);
	bool spend_step(const Node *at);
	size_t errors() const { return diags->size() - errors_at_start; }
	Node *child(yaml_node_item_t id) const { return yaml_document_get_node(doc, id); }
};

// ---- node classification ---------------------------------------------

bool is_null(const Node *n);
bool is_scalar(const Node *n);           // a non-null scalar
bool is_plain(const Node *n);            // an unquoted scalar
std::string text(const Node *n);         // scalar value ("" otherwise)
// For messages: "a mapping", "a sequence", "null", or the quoted scalar.
std::string describe(const Node *n);
// 'text' for a message: control characters escaped, cut after 40 characters.
std::string quoted(const std::string &s);
// "a, b, c"
std::string join(const std::vector<std::string> &v);
std::string join(std::initializer_list<const char *> v);

// ---- containers -------------------------------------------------------

// The items of a sequence; reports "'what' must be a list" otherwise.
bool seq_items(Ctx &c, const Node *n, const std::string &what, std::vector<const Node *> &out);

struct Entry {
	std::string name;
	const Node *key = nullptr;
	const Node *value = nullptr;
};

// The entries of a mapping whose keys are names chosen by the author
// (jobs, tensors): scalar keys, no duplicates.
bool map_entries(Ctx &c, const Node *n, const std::string &what, std::vector<Entry> &out);

// A mapping with a fixed set of keys.  Unknown keys, duplicate keys and
// non-scalar keys are reported at the key; a non-mapping node is reported
// at the node ("'what' must be a mapping, got ...").
class Map {
public:
	Map(Ctx &c, const Node *n, const std::string &what, std::initializer_list<const char *> keys);
	// Keys from a vocabulary table (Table::keys(), plus any extra keys).
	Map(Ctx &c, const Node *n, const std::string &what, const std::vector<std::string> &keys);
	bool ok() const { return ok_; }
	const Node *node() const { return n_; }
	const Node *get(const char *key) const;
	const Node *key_node(const char *key) const;
	bool has(const char *key) const { return get(key) != nullptr; }
	// Value of a required key; reports "missing required key" at the mapping
	// (unless the mapping had an unknown key: most likely the misspelt one,
	// already reported).
	const Node *require(const char *key);
	// The mapping had keys outside the fixed set or given twice (each
	// already reported; such keys are not in entries()).
	bool had_unknown() const { return unknown_ > 0; }
	// The key was given twice (reported; get() returns nothing for it).
	bool duplicated(const char *key) const;
	const std::vector<Entry> &entries() const { return entries_; }

private:
	Ctx &c_;
	const Node *n_;
	std::string what_;
	bool ok_ = false;
	unsigned unknown_ = 0;
	std::vector<std::string> dups_;
	std::vector<Entry> entries_;
};

// ---- scalars ----------------------------------------------------------
// `what` names the thing in messages (usually the key: "'harts'").

bool get_int(Ctx &c, const Node *n, const std::string &what, int64_t lo, int64_t hi, int64_t &out);
bool get_u64(Ctx &c, const Node *n, const std::string &what, uint64_t &out);
bool get_unsigned(Ctx &c, const Node *n, const std::string &what, unsigned lo, unsigned hi,
		  unsigned &out);
// lo_open: the lower bound itself is excluded.
bool get_double(Ctx &c, const Node *n, const std::string &what, double lo, double hi, bool lo_open,
		double &out);
bool get_bool(Ctx &c, const Node *n, const std::string &what, bool &out);
bool get_string(Ctx &c, const Node *n, const std::string &what, std::string &out);
// [A-Za-z_][A-Za-z0-9_]* (names of processes, threads, variables, tensors...)
bool get_ident(Ctx &c, const Node *n, const std::string &what, std::string &out);
// [A-Za-z0-9][A-Za-z0-9_.-]* (scenario and mutant names)
bool get_name(Ctx &c, const Node *n, const std::string &what, std::string &out);
// One of a fixed set of words.
bool get_word(Ctx &c, const Node *n, const std::string &what, std::initializer_list<const char *> words,
	      std::string &out);
bool get_word(Ctx &c, const Node *n, const std::string &what, const std::vector<std::string> &words,
	      std::string &out);
// "10ms", "1.5 s", "250us", "100ns", or a plain number of milliseconds.
bool get_duration(Ctx &c, const Node *n, const std::string &what, double &ms);

// Pure parsers (no diagnostics), exposed for tests.
enum class IntParse { ok, not_integer, overflow };
IntParse parse_integer(const std::string &s, bool &negative, uint64_t &magnitude);
bool parse_duration(const std::string &s, double &ms, std::string &why);
bool is_ident(const std::string &s);

// Edit distance based suggestion: "did you mean 'submit'? " or "".
std::string suggest(const std::string &got, std::initializer_list<const char *> words);
std::string suggest(const std::string &got, const std::vector<std::string> &words);

} // namespace tpusim::scn::load

#endif
