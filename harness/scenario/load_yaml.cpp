// SPDX-License-Identifier: Apache-2.0
//
// load_yaml.cpp - node walking and typed scalar readers for the scenario
// loader.  libyaml marks are 0-based; every Mark here is 1-based.
#include "load_yaml.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace tpusim::scn {

std::string Diag::str() const
{
	std::string s = mark.file;
	if (mark.line > 0)
		s += ":" + std::to_string(mark.line) + ":" + std::to_string(mark.col);
	return s + ": error: " + message;
}

} // namespace tpusim::scn

namespace tpusim::scn::load {

// ---- context ----------------------------------------------------------

void Ctx::set_text(const std::string &text)
{
	size_t line = 0, col = 0;
	const auto *s = reinterpret_cast<const unsigned char *>(text.data());
	const size_t n = text.size();
	for (size_t i = 0; i < n; i++) {
		// The breaks YAML counts: LF, CR, CR LF, NEL (C2 85), LS and PS
		// (E2 80 A8/A9); a column counts characters, not bytes.
		bool brk = s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'));
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x85) {
			brk = true;
			i++;
		} else if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
			brk = true;
			i += 2;
		}
		if (brk) {
			line++;
			col = 0;
		} else if ((s[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	end_line0 = line;
	end_col0 = col;
}

Mark Ctx::mark_at(size_t line0, size_t col0) const
{
	Mark m;
	if (line0 > end_line0) {
		line0 = end_line0;
		col0 = end_col0;
	}
	m.file = file;
	m.line = line0 >= (size_t)std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
								   : (int)line0 + 1;
	m.col = col0 >= (size_t)std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
								 : (int)col0 + 1;
	return m;
}

Mark Ctx::mark(const Node *n) const
{
	if (!n)
		return mark_at(0, 0);
	return mark_at(n->start_mark.line, n->start_mark.column);
}

void Ctx::error(const Mark &m, const std::string &msg)
{
	if (stopped)
		return;
	if (errors() >= max_diags) {
		diags->push_back({m, "too many errors; stopping here"});
		stopped = true;
		return;
	}
	diags->push_back({m, msg});
}

void Ctx::error(const Node *n, const std::string &msg)
{
	error(mark(n), msg);
}

bool Ctx::spend(const Node *at, uint64_t n)
{
	if (exhausted)
		return false;
	if (n > node_budget) {
		exhausted = true;
		node_budget = 0;
		error(at, "the document is too large (more than 4000000 nodes after alias expansion)");
		return false;
	}
	node_budget -= n;
	return true;
}

bool Ctx::spend_step(const Node *at)
{
	if (exhausted)
		return false;
	if (step_budget == 0) {
		exhausted = true;
		error(at, "too many steps (at most 200000 in one file, counting aliased copies; use repeat)");
		return false;
	}
	step_budget--;
	return true;
}

// ---- classification ---------------------------------------------------

bool is_null(const Node *n)
{
	if (!n)
		return true;
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	return len == 0 || (len == 1 && s[0] == '~') ||
	       (len == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

bool is_scalar(const Node *n)
{
	return n && n->type == YAML_SCALAR_NODE && !is_null(n);
}

bool is_plain(const Node *n)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

std::string text(const Node *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return "";
	return std::string((const char *)n->data.scalar.value, n->data.scalar.length);
}

static std::string quote(const std::string &s)
{
	std::string out = "'";
	size_t i = 0;
	for (; i < s.size() && i < 40; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			out += "\\n";
		} else if (ch < 0x20 || ch == 0x7f) {
			static const char hex[] = "0123456789abcdef";
			out += "\\x";
			out += hex[ch >> 4];
			out += hex[ch & 15];
		} else {
			out += (char)ch;
		}
	}
	if (i < s.size())
		out += "...";
	return out + "'";
}

std::string quoted(const std::string &s)
{
	return quote(s);
}

// A scalar's text as it stands in a message (numbers), cut when long.
static std::string clip(const std::string &s)
{
	std::string q = quote(s);
	return q.substr(1, q.size() - 2);
}

std::string describe(const Node *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		if (is_null(n))
			return "null";
		if (!is_plain(n))
			return "the quoted string " + quote(text(n));
		return quote(text(n));
	default:
		return "nothing";
	}
}

std::string join(const std::vector<std::string> &v)
{
	// Lists in messages come from the file too: keep them readable.
	const size_t max = 40;
	std::string s;
	for (size_t i = 0; i < v.size() && i < max; i++) {
		if (!s.empty())
			s += ", ";
		s += v[i];
	}
	if (v.size() > max)
		s += ", ... (" + std::to_string(v.size() - max) + " more)";
	return s;
}

std::string join(std::initializer_list<const char *> v)
{
	std::vector<std::string> w(v.begin(), v.end());
	return join(w);
}

static size_t edit_distance(const std::string &a, const std::string &b)
{
	if (a.size() > 64 || b.size() > 64)
		return 100;
	std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
	for (size_t j = 0; j <= b.size(); j++)
		prev[j] = j;
	for (size_t i = 1; i <= a.size(); i++) {
		cur[0] = i;
		for (size_t j = 1; j <= b.size(); j++) {
			size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
			cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
			// a transposition ("sumbit") counts as one edit
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				cur[j] = std::min(cur[j], prev[j - 1]);
		}
		std::swap(prev, cur);
	}
	return prev[b.size()];
}

std::string suggest(const std::string &got, const std::vector<std::string> &words)
{
	size_t best = 3;
	std::string pick;
	if (words.size() > 1000)   // names from the file: do not spend quadratic time
		return "";
	for (const auto &w : words) {
		size_t d = edit_distance(got, w);
		if (d < best && d < w.size()) {
			best = d;
			pick = w;
		}
	}
	return pick.empty() ? "" : "did you mean '" + pick + "'? ";
}

std::string suggest(const std::string &got, std::initializer_list<const char *> words)
{
	return suggest(got, std::vector<std::string>(words.begin(), words.end()));
}

// ---- containers -------------------------------------------------------

bool seq_items(Ctx &c, const Node *n, const std::string &what, std::vector<const Node *> &out)
{
	out.clear();
	if (!n || n->type != YAML_SEQUENCE_NODE) {
		c.error(n, what + " must be a list, got " + describe(n));
		return false;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		if (!c.spend(n))
			return false;
		const Node *item = c.child(*it);
		if (item)
			out.push_back(item);
	}
	return true;
}

// dups: names given more than once (reported here).
static bool collect(Ctx &c, const Node *n, const std::string &what, std::vector<Entry> &out,
		    std::vector<std::string> *dups = nullptr)
{
	out.clear();
	if (!n || n->type != YAML_MAPPING_NODE) {
		c.error(n, what + " must be a mapping, got " + describe(n));
		return false;
	}
	bool ok = true;
	std::unordered_map<std::string, const Node *> seen;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		if (!c.spend(n))
			return false;
		const Node *k = c.child(p->key);
		const Node *v = c.child(p->value);
		if (!k || !v)
			continue;
		if (!is_scalar(k)) {
			c.error(k, "a key in " + what + " must be a name, got " + describe(k));
			ok = false;
			continue;
		}
		Entry e{text(k), k, v};
		auto dup = seen.find(e.name);
		if (dup != seen.end()) {
			Mark first = c.mark(dup->second);
			c.error(k, "duplicate key " + quote(e.name) + " in " + what + " (first at " +
					   std::to_string(first.line) + ":" + std::to_string(first.col) + ")");
			if (dups)
				dups->push_back(e.name);
			ok = false;
			continue;
		}
		seen.emplace(e.name, k);
		out.push_back(e);
	}
	return ok;
}

bool map_entries(Ctx &c, const Node *n, const std::string &what, std::vector<Entry> &out)
{
	return collect(c, n, what, out);
}

Map::Map(Ctx &c, const Node *n, const std::string &what, std::initializer_list<const char *> keys)
    : Map(c, n, what, std::vector<std::string>(keys.begin(), keys.end()))
{
}

Map::Map(Ctx &c, const Node *n, const std::string &what, const std::vector<std::string> &keys)
    : c_(c), n_(n), what_(what)
{
	std::vector<Entry> all;
	std::vector<std::string> &dups = dups_;
	bool mapping = n && n->type == YAML_MAPPING_NODE;
	collect(c, n, what, all, &dups);
	ok_ = mapping;
	for (auto &e : all) {
		// A key given twice is used neither way (which one was meant?).
		if (std::find(dups.begin(), dups.end(), e.name) != dups.end()) {
			unknown_++;
			continue;
		}
		bool known = false;
		for (const auto &k : keys)
			known = known || e.name == k;
		if (!known) {
			unknown_++;
			if (c.stopped)
				continue;
			c.error(e.key, "unknown key " + quote(e.name) + " in " + what + " (" +
					       suggest(e.name, keys) + "expected one of: " + join(keys) + ")");
			continue;
		}
		entries_.push_back(e);
	}
}

const Node *Map::get(const char *key) const
{
	for (const auto &e : entries_)
		if (e.name == key)
			return e.value;
	return nullptr;
}

bool Map::duplicated(const char *key) const
{
	return std::find(dups_.begin(), dups_.end(), key) != dups_.end();
}

const Node *Map::key_node(const char *key) const
{
	for (const auto &e : entries_)
		if (e.name == key)
			return e.key;
	return nullptr;
}

const Node *Map::require(const char *key)
{
	const Node *v = get(key);
	if (!v && ok_ && !unknown_)
		c_.error(n_, "missing required key '" + std::string(key) + "' in " + what_);
	return v;
}

// ---- scalars ----------------------------------------------------------

IntParse parse_integer(const std::string &s, bool &negative, uint64_t &magnitude)
{
	size_t i = 0;
	negative = false;
	magnitude = 0;
	if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
		negative = s[i] == '-';
		i++;
	}
	if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9'))
		return IntParse::not_integer;
	// strtoull skips spaces and accepts a sign: both are excluded above.
	const char *start = s.c_str() + i;
	char *end = nullptr;
	errno = 0;
	unsigned long long v = strtoull(start, &end, 0);
	if (end != s.c_str() + s.size())
		return IntParse::not_integer;
	if (errno == ERANGE)
		return IntParse::overflow;
	magnitude = v;
	return IntParse::ok;
}

static std::string range_text(int64_t lo, int64_t hi)
{
	if (hi == std::numeric_limits<int64_t>::max())
		return ">= " + std::to_string(lo);
	return "between " + std::to_string(lo) + " and " + std::to_string(hi);
}

// parse_integer() of a plain scalar; not_integer is reported.
static IntParse scan_integer(Ctx &c, const Node *n, const std::string &what, bool &neg, uint64_t &mag)
{
	IntParse r = is_scalar(n) && is_plain(n) ? parse_integer(text(n), neg, mag) : IntParse::not_integer;
	if (r == IntParse::not_integer)
		c.error(n, what + " must be an integer, got " + describe(n));
	return r;
}

bool get_int(Ctx &c, const Node *n, const std::string &what, int64_t lo, int64_t hi, int64_t &out)
{
	bool neg;
	uint64_t mag;
	IntParse r = scan_integer(c, n, what, neg, mag);
	if (r == IntParse::not_integer)
		return false;
	const uint64_t lim = (uint64_t)std::numeric_limits<int64_t>::max();
	if (r == IntParse::overflow || (!neg && mag > lim) || (neg && mag > lim + 1)) {
		c.error(n, what + " is out of range (must be " + range_text(lo, hi) + ")");
		return false;
	}
	int64_t v = neg ? (mag == lim + 1 ? std::numeric_limits<int64_t>::min() : -(int64_t)mag) : (int64_t)mag;
	if (v < lo || v > hi) {
		c.error(n, what + " must be " + range_text(lo, hi) + ", got " + clip(text(n)));
		return false;
	}
	out = v;
	return true;
}

bool get_u64(Ctx &c, const Node *n, const std::string &what, uint64_t &out)
{
	bool neg;
	uint64_t mag;
	IntParse r = scan_integer(c, n, what, neg, mag);
	if (r == IntParse::not_integer)
		return false;
	if (r == IntParse::overflow || (neg && mag != 0)) {
		c.error(n, what + " is out of range (must be between 0 and 18446744073709551615)");
		return false;
	}
	out = mag;
	return true;
}

bool get_unsigned(Ctx &c, const Node *n, const std::string &what, unsigned lo, unsigned hi, unsigned &out)
{
	int64_t v;
	if (!get_int(c, n, what, lo, hi, v))
		return false;
	out = (unsigned)v;
	return true;
}

static bool parse_double(const std::string &s, double &out)
{
	if (s.empty())
		return false;
	char ch = s[0];
	if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+'))
		return false;
	char *end = nullptr;
	errno = 0;
	double v = strtod(s.c_str(), &end);
	if (end != s.c_str() + s.size())
		return false;
	out = v;
	return true;
}

static std::string num_text(double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%g", v);
	return buf;
}

bool get_double(Ctx &c, const Node *n, const std::string &what, double lo, double hi, bool lo_open,
		double &out)
{
	double v;
	if (!is_scalar(n) || !is_plain(n) || !parse_double(text(n), v)) {
		c.error(n, what + " must be a number, got " + describe(n));
		return false;
	}
	if (!std::isfinite(v) || v < lo || (lo_open && v == lo) || v > hi) {
		c.error(n, what + " must be " + (lo_open ? "> " : ">= ") + num_text(lo) + " and <= " + num_text(hi) +
				   ", got " + clip(text(n)));
		return false;
	}
	out = v;
	return true;
}

bool get_bool(Ctx &c, const Node *n, const std::string &what, bool &out)
{
	std::string t = text(n);
	if (is_plain(n) && (t == "true" || t == "True" || t == "TRUE")) {
		out = true;
		return true;
	}
	if (is_plain(n) && (t == "false" || t == "False" || t == "FALSE")) {
		out = false;
		return true;
	}
	c.error(n, what + " must be true or false, got " + describe(n));
	return false;
}

bool get_string(Ctx &c, const Node *n, const std::string &what, std::string &out)
{
	if (!is_scalar(n)) {
		c.error(n, what + " must be a string, got " + describe(n));
		return false;
	}
	out = text(n);
	return true;
}

bool is_ident(const std::string &s)
{
	if (s.empty() || s.size() > 64 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (char ch : s)
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
			return false;
	return true;
}

bool get_ident(Ctx &c, const Node *n, const std::string &what, std::string &out)
{
	std::string s;
	if (!get_string(c, n, what, s))
		return false;
	if (!is_ident(s)) {
		c.error(n, what + " must be a name (letters, digits and '_', not starting with a digit, "
				  "at most 64 characters), got " + describe(n));
		return false;
	}
	out = s;
	return true;
}

bool get_name(Ctx &c, const Node *n, const std::string &what, std::string &out)
{
	std::string s;
	if (!get_string(c, n, what, s))
		return false;
	bool ok = !s.empty() && s.size() <= 128 && std::isalnum((unsigned char)s[0]);
	for (char ch : s)
		ok = ok && (std::isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '-');
	if (!ok) {
		c.error(n, what + " must be a name (letters, digits, '_', '.' and '-', starting with a letter "
				  "or digit), got " + describe(n));
		return false;
	}
	out = s;
	return true;
}

bool get_word(Ctx &c, const Node *n, const std::string &what, const std::vector<std::string> &words,
	      std::string &out)
{
	std::string s = text(n);
	if (is_scalar(n))
		for (const std::string &w : words)
			if (s == w) {
				out = s;
				return true;
			}
	c.error(n, what + " must be one of: " + join(words) + "; got " + describe(n) +
			   (is_scalar(n) && !suggest(s, words).empty() ? " (" + suggest(s, words) + ")" : ""));
	return false;
}

bool get_word(Ctx &c, const Node *n, const std::string &what, std::initializer_list<const char *> words,
	      std::string &out)
{
	return get_word(c, n, what, std::vector<std::string>(words.begin(), words.end()), out);
}

bool parse_duration(const std::string &s, double &ms, std::string &why)
{
	char *end = nullptr;
	if (s.empty() || !((s[0] >= '0' && s[0] <= '9') || s[0] == '.' || s[0] == '-' || s[0] == '+')) {
		why = "not a duration";
		return false;
	}
	double v = strtod(s.c_str(), &end);
	size_t at = (size_t)(end - s.c_str());
	if (at == 0) {
		why = "not a duration";
		return false;
	}
	while (at < s.size() && s[at] == ' ')
		at++;
	std::string unit = s.substr(at);
	double scale;
	if (unit.empty() || unit == "ms")
		scale = 1;
	else if (unit == "s")
		scale = 1e3;
	else if (unit == "us")
		scale = 1e-3;
	else if (unit == "ns")
		scale = 1e-6;
	else {
		why = "unknown unit '" + unit + "' (expected ns, us, ms or s)";
		return false;
	}
	if (std::isnan(v)) {
		why = "not a duration";
		return false;
	}
	if (v < 0) {
		why = "negative duration";
		return false;
	}
	v *= scale;
	if (!std::isfinite(v) || v > 1e12) {
		why = "duration too large (at most 1e12 ms)";
		return false;
	}
	ms = v;
	return true;
}

bool get_duration(Ctx &c, const Node *n, const std::string &what, double &ms)
{
	std::string why = "not a duration";
	if (!is_scalar(n) || !parse_duration(text(n), ms, why)) {
		if (why == "not a duration")
			c.error(n, what + " must be a duration such as 10ms, 1.5s, 250us, 100ns or a number of "
					  "milliseconds, got " + describe(n));
		else
			c.error(n, what + ": " + why + ", got " + describe(n));
		return false;
	}
	return true;
}

} // namespace tpusim::scn::load
