// SPDX-License-Identifier: Apache-2.0
//
// fuzz_scenario_load.cpp - libFuzzer target: any bytes as a scenario file.
//
// The loader's contract (harness/scenario/scenario.h): never crash, never
// throw; success comes with no diagnostic, failure with at least one, and
// each reads "fuzz.yaml:LINE:COL: error: ..." with LINE inside the text (as
// YAML counts lines) and COL >= 1.  Loading the same text twice gives the same diagnostics.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scenario.h"

using tpusim::scn::Diag;
using tpusim::scn::Scenario;

namespace {

[[noreturn]] void finding(const std::string &text, const std::string &why)
{
	std::fprintf(stderr, "fuzz_scenario_load: %s\n---- input (%zu bytes) ----\n%s\n----\n", why.c_str(),
		     text.size(), text.c_str());
	std::abort();
}

// "fuzz.yaml:L:C: error: m" with 1 <= L <= lines and C >= 1.
bool well_formed(const std::string &s, long lines)
{
	const std::string head = "fuzz.yaml:";
	if (s.compare(0, head.size(), head) != 0)
		return false;
	const char *p = s.c_str() + head.size();
	char *end;
	long line = std::strtol(p, &end, 10);
	if (end == p || *end != ':')
		return false;
	p = end + 1;
	long col = std::strtol(p, &end, 10);
	if (end == p || std::string(end).compare(0, 9, ": error: ") != 0 || std::string(end).size() <= 9)
		return false;
	return line >= 1 && line <= lines && col >= 1;
}

// Lines as YAML counts them: CR, LF and CR LF end a line, and so do NEL,
// LS and PS in UTF-8.  Counting each of them once is an upper bound.
long yaml_lines(const std::string &t)
{
	long n = 1;
	for (size_t i = 0; i < t.size(); i++) {
		unsigned char c = static_cast<unsigned char>(t[i]);
		if (c == '\n' || c == '\r')
			n++;
		else if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x85)
			n++;
		else if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
			 (static_cast<unsigned char>(t[i + 2]) & 0xFE) == 0xA8)
			n++;
	}
	return n;
}

std::vector<std::string> strs(const std::vector<Diag> &d)
{
	std::vector<std::string> v;
	for (const auto &x : d)
		v.push_back(x.str());
	return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const std::string text(reinterpret_cast<const char *>(data), size);
	Scenario s;
	std::vector<Diag> d;
	bool ok = tpusim::scn::load_scenario_text(text, "fuzz.yaml", s, d);

	if (ok != d.empty())
		finding(text, ok ? "success with diagnostics: " + d[0].str() : "failure without a diagnostic");
	long lines = yaml_lines(text);
	for (const auto &x : d)
		if (!well_formed(x.str(), lines))
			finding(text, "diagnostic without fuzz.yaml:line:col (line 1.." + std::to_string(lines) +
					      "): " + x.str());
	Scenario s2;
	std::vector<Diag> d2;
	bool ok2 = tpusim::scn::load_scenario_text(text, "fuzz.yaml", s2, d2);
	if (ok2 != ok || strs(d2) != strs(d))
		finding(text, "a second load of the same text differs");
	return 0;
}
