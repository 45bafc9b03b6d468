// SPDX-License-Identifier: Apache-2.0
//
// load_values.cpp - <value>s of the scenario language: a seq_no written as a
// literal or as a repeat variable ("$i", "$i+100", "$thread"), checked
// against the variables in scope where it is written.
#include "load_sections.h"
#include "load_yaml.h"

namespace tpusim::scn::load {

namespace {

const char *const kValueHelp = "an integer >= 0 or \"$var\", \"$var+N\", \"$var-N\"";

} // namespace

bool get_value(Ctx &c, const Node *n, const std::string &what, const Scope &sc, Value &out)
{
	out = Value();
	out.mark = c.mark(n);
	if (!is_scalar(n)) {
		c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
		return false;
	}
	std::string s = text(n);
	if (s.empty() || s[0] != '$') {
		bool neg;
		uint64_t mag;
		if (!is_plain(n) || parse_integer(s, neg, mag) == IntParse::not_integer) {
			c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
			return false;
		}
		return get_int(c, n, what, 0, 0xffffffffLL, out.add);
	}
	size_t i = 1;
	while (i < s.size() && s[i] != '+' && s[i] != '-')
		i++;
	std::string var = s.substr(1, i - 1);
	int64_t off = 0;
	bool ok = is_ident(var);
	if (ok && i < s.size()) {
		std::string digits = s.substr(i + 1);
		ok = !digits.empty() && digits.size() <= 10 &&
		     digits.find_first_not_of("0123456789") == std::string::npos;
		if (ok) {
			off = std::stoll(digits);
			ok = off <= 0xffffffffLL;
			if (s[i] == '-')
				off = -off;
		}
	}
	if (!ok) {
		c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
		return false;
	}
	bool defined = false;
	for (const auto &v : sc.vars)
		defined = defined || v == var;
	if (sc.in_thread && (var == "thread" || var == "process"))
		defined = true;
	if (!defined) {
		std::vector<std::string> avail;
		for (const auto &v : sc.vars)
			avail.push_back("$" + v);
		if (sc.in_thread) {
			avail.push_back("$thread");
			avail.push_back("$process");
		}
		c.error(n, "undefined variable '$" + var + "' (" +
				   (avail.empty() ? std::string("no variables here: timed faults are outside threads")
						  : suggest("$" + var, avail) + "defined here: " + join(avail)) +
				   ")");
		return false;
	}
	out.var = var;
	out.add = off;
	return true;
}

} // namespace tpusim::scn::load
