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

// Bins a correct driver never hits on this hardware, and why: what the
// driver (driver/, docs/driver.md) does by design.  A pattern is a bin name
// in which '*' stands for any run of characters.  Read-only registers are
// not listed: their write bins are judged from the generated masks
// (readonly_reason below).
struct Exclusion {
	const char *pattern;
	const char *reason;
};

const Exclusion kUnreachable[] = {
	{"reg:tdma.CMD_ACCP*:*",
	 "PIO descriptor words: the driver runs descriptor chains only (PIO_MODE is accepted and ignored, "
	 "SUBMIT_PIO is not implemented)"},
	{"reg:tdma.ARRAYBASE_*:read",
	 "array bases are written from the dmabuf header before each run and never read back"},
	{"reg:tdma.DEBUG_MODE:read", "programmed to 0 before each run, never read back"},
	{"reg:tdma.DCM_DISABLE:read", "programmed to 0 before each run, never read back"},
	{"reg:tdma.DES_BASE:read", "descriptor address: written before each run, never read back"},
	{"reg:tiu.DESC_ADDR_L:read", "descriptor address: written before each run, never read back"},
	{"reg:tdma.CTRL:read",
	 "the driver writes the whole control word; completion comes from INT_MASK status and SYNC_STATUS"},
	{"reg:tdma.STATUS:read",
	 "the idle bits are not consulted: the driver waits for the interrupt, or times out and resets"},
	{"reg:tdma.PMU_BUFBASE:read", "written when a job asks for the PMU, never read back"},
	{"reg:tdma.PMU_BUFSIZE:read", "written when a job asks for the PMU, never read back"},
};

// '*' matches any run of characters, everything else itself.
bool glob(const char *p, const char *s)
{
	if (*p == '*')
		return glob(p + 1, s) || (*s && glob(p, s + 1));
	return *p ? *p == *s && glob(p + 1, s + 1) : !*s;
}

// A register without writable bits (no rw, w1c or sc field): the hardware
// ignores writes, so only a buggy driver writes it.
const char *readonly_reason(const std::string &b)
{
	static const char *const kReason =
		"read-only register (no writable field in regs/*.yaml): only a buggy driver writes it";
	for (const tpu_reg_block *blk : tpu_regblk_all)
		for (size_t i = 0; i < blk->nregs; i++) {
			const tpu_reg_desc &r = blk->regs[i];
			if (r.rw_mask | r.w1c_mask | r.sc_mask)
				continue;
			if (b == reg_bin(*blk, r, Rule::write) || b == reg_bin(*blk, r, Rule::ro_write))
				return kReason;
		}
	return nullptr;
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

bool in_goal(const std::string &b)
{
	return b.compare(0, 8, "checker:") != 0;
}

const char *unreachable_reason(const std::string &b)
{
	for (const Exclusion &e : kUnreachable)
		if (glob(e.pattern, b.c_str()))
			return e.reason;
	return readonly_reason(b);
}

std::vector<std::string> unreachable_patterns()
{
	std::vector<std::string> p;
	for (const Exclusion &e : kUnreachable)
		p.push_back(e.pattern);
	return p;
}

bool bin_matches(const std::string &pattern, const std::string &b)
{
	return glob(pattern.c_str(), b.c_str());
}

CoverageFigures coverage_figures(const Bins &hit)
{
	CoverageFigures f;

	for (const auto &b : coverage_universe()) {
		const bool h = hit.count(b) != 0;
		f.total++;
		f.hit += h;
		if (!in_goal(b))
			continue;
		if (unreachable_reason(b)) {
			f.unreachable++;
			if (h)
				f.excluded_but_hit.push_back(b);
			continue;
		}
		f.reachable++;
		f.reachable_hit += h;
	}
	return f;
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

CoverageFigures print_coverage(const Bins &hit)
{
	std::map<std::string, std::pair<unsigned, unsigned>> groups;  // group -> (hit, total)
	std::map<std::string, std::vector<std::string>> missed;
	std::map<std::string, std::vector<std::string>> unreachable;  // reason -> bins

	for (const auto &b : coverage_universe()) {
		std::string g = b.substr(0, b.find(':'));
		if (const char *why = unreachable_reason(b)) {
			unreachable[why].push_back(b);
			continue;
		}
		groups[g].second++;
		if (hit.count(b))
			groups[g].first++;
		else
			missed[g].push_back(b);
	}
	const CoverageFigures f = coverage_figures(hit);
	printf("\ncoverage (reachable bins hit / reachable):\n");
	for (const auto &kv : groups)
		printf("  %-8s %4u / %-4u %5.1f%%%s\n", kv.first.c_str(), kv.second.first, kv.second.second,
		       100.0 * kv.second.first / kv.second.second,
		       in_goal(kv.first + ":") ? "" : "  (checker proofs, not in the goal)");
	printf("  reachable: %u/%u (%.1f %%), goal %.0f %% (reg, rule, ioctl); all bins: %u/%u; unreachable: %zu\n",
	       f.reachable_hit, f.reachable, f.reachable_percent(), kCoverageGoalPercent, f.hit, f.total,
	       f.unreachable);
	for (const auto &kv : missed) {
		printf("  missed %s:", kv.first.c_str());
		size_t col = 0;
		for (const auto &b : kv.second) {
			printf("%s %s", col++ % 4 ? "" : "\n   ", b.substr(b.find(':') + 1).c_str());
		}
		printf("\n");
	}
	printf("  unreachable with a correct driver:\n");
	for (const auto &kv : unreachable) {
		printf("   %s:", kv.first.c_str());
		size_t col = 0;
		for (const auto &b : kv.second)
			printf("%s %s", col++ % 4 ? "" : "\n     ", b.c_str());
		printf("\n");
	}
	printf("  excluded bins hit: %zu\n", f.excluded_but_hit.size());
	for (const auto &b : f.excluded_but_hit)
		printf("   %s (listed unreachable: %s)\n", b.c_str(), unreachable_reason(b));
	return f;
}

std::string unreachable_markdown()
{
	std::vector<std::string> order;
	std::map<std::string, std::vector<std::string>> by_reason;

	for (const auto &b : coverage_universe())
		if (const char *why = unreachable_reason(b)) {
			if (!by_reason.count(why))
				order.push_back(why);
			by_reason[why].push_back(b);
		}
	std::string s = "| Bins | Why a correct driver never hits them |\n|---|---|\n";
	for (const auto &why : order) {
		std::string bins;
		for (const auto &b : by_reason[why])
			bins += (bins.empty() ? "`" : ", `") + b + "`";
		s += "| " + bins + " | " + why + " |\n";
	}
	return s;
}

} // namespace tpusim::scn
