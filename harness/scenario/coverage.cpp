// SPDX-License-Identifier: Apache-2.0
//
// coverage.cpp - the bin universe, the sampling and the report.  Every bin
// name is made by the functions below, for the universe and for sampling
// alike.
#include "coverage.h"

#include <cstdio>
#include <map>

#include "ioctls.h"

extern "C" {
#include "tpu/regblocks.h"
#include "tpu/regdesc.h"
}

namespace tpusim::scn {

namespace {

const char *const kStateNames[] = {
#define TPUSIM_X(id, name, when) name,
	TPUSIM_DRIVER_STATES(TPUSIM_X)
#undef TPUSIM_X
};

enum class Rule { read, write, ro_write, w1c, pulse };

std::string reg_bin(const tpu_reg_block &b, const tpu_reg_desc &r, Rule rule)
{
	static const char *const kRule[] = {"read", "write", "ro-write", "w1c", "pulse"};
	std::string base = std::string(b.name) + "." + r.name + ":" + kRule[static_cast<int>(rule)];
	return (rule == Rule::read || rule == Rule::write ? "reg:" : "rule:") + base;
}

std::string ioctl_bin(const std::string &cmd, DriverState st)
{
	return "ioctl:" + cmd + "@" + kStateNames[static_cast<int>(st)];
}

std::string checker_bin(Checker c)
{
	return std::string("checker:") + checker_name(c);
}

const DriverState kAllStates[] = {
#define TPUSIM_X(id, name, when) DriverState::id,
	TPUSIM_DRIVER_STATES(TPUSIM_X)
#undef TPUSIM_X
};

} // namespace

std::vector<std::string> coverage_universe()
{
	std::vector<std::string> u;

	for (const tpu_reg_block *b : tpu_regblk_all)
		for (size_t i = 0; i < b->nregs; i++) {
			const tpu_reg_desc &r = b->regs[i];
			u.push_back(reg_bin(*b, r, Rule::read));
			u.push_back(reg_bin(*b, r, Rule::write));
			if (r.ro_mask)
				u.push_back(reg_bin(*b, r, Rule::ro_write));
			if (r.w1c_mask)
				u.push_back(reg_bin(*b, r, Rule::w1c));
			if (r.sc_mask)
				u.push_back(reg_bin(*b, r, Rule::pulse));
		}
	std::vector<std::string> names = ioctl_names();
	names.push_back("other");
	for (const auto &n : names)
		for (DriverState st : kAllStates)
			u.push_back(ioctl_bin(n, st));
	for (const auto &row : checker_table().rows())
		u.push_back(checker_bin(row.kind));
	return u;
}

void sample_reg_access(Bins &hit, const tpu_reg_block &b, uint32_t offset, uint32_t value, bool is_write)
{
	const tpu_reg_desc *r = tpu_reg_lookup(&b, offset);
	if (!r)
		return;
	hit.insert(reg_bin(b, *r, is_write ? Rule::write : Rule::read));
	if (!is_write)
		return;
	if (r->ro_mask)
		hit.insert(reg_bin(b, *r, Rule::ro_write));
	if (value & r->w1c_mask)
		hit.insert(reg_bin(b, *r, Rule::w1c));
	if (value & r->sc_mask)
		hit.insert(reg_bin(b, *r, Rule::pulse));
}

void sample_ioctl(Bins &hit, unsigned cmd, const std::vector<DriverState> &states)
{
	for (DriverState st : states)
		hit.insert(ioctl_bin(ioctl_name(cmd), st));
}

void sample_checker(Bins &hit, Checker c)
{
	hit.insert(checker_bin(c));
}

void print_coverage(const Bins &hit)
{
	std::map<std::string, std::pair<unsigned, unsigned>> groups;  // group -> (hit, total)
	std::map<std::string, std::vector<std::string>> missed;

	for (const auto &b : coverage_universe()) {
		std::string g = b.substr(0, b.find(':'));
		groups[g].second++;
		if (hit.count(b))
			groups[g].first++;
		else
			missed[g].push_back(b);
	}
	printf("\ncoverage (bins hit / total):\n");
	for (const auto &kv : groups)
		printf("  %-8s %4u / %-4u %5.1f%%\n", kv.first.c_str(), kv.second.first, kv.second.second,
		       100.0 * kv.second.first / kv.second.second);
	for (const auto &kv : missed) {
		printf("  missed %s:", kv.first.c_str());
		size_t col = 0;
		for (const auto &b : kv.second) {
			printf("%s %s", col++ % 4 ? "" : "\n   ", b.substr(b.find(':') + 1).c_str());
		}
		printf("\n");
	}
}

} // namespace tpusim::scn
