// SPDX-License-Identifier: Apache-2.0
//
// coverage.cpp - the bin universe and the report.
#include "coverage.h"

#include <cstdio>
#include <map>

#include "scenario.h"

extern "C" {
#include "tpu/rstc_regs.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"
}

namespace tpusim::scn {

namespace {

struct IoctlName {
	unsigned cmd;
	const char *name;
};

const IoctlName kIoctls[] = {
	{CVITPU_SUBMIT_DMABUF, "SUBMIT_DMABUF"}, {CVITPU_DMABUF_FLUSH_FD, "DMABUF_FLUSH_FD"},
	{CVITPU_DMABUF_INVLD_FD, "DMABUF_INVLD_FD"}, {CVITPU_DMABUF_FLUSH, "DMABUF_FLUSH"},
	{CVITPU_DMABUF_INVLD, "DMABUF_INVLD"}, {CVITPU_WAIT_DMABUF, "WAIT_DMABUF"},
	{CVITPU_PIO_MODE, "PIO_MODE"}, {CVITPU_LOAD_TEE, "LOAD_TEE"},
	{CVITPU_SUBMIT_TEE, "SUBMIT_TEE"}, {CVITPU_UNLOAD_TEE, "UNLOAD_TEE"},
	{CVITPU_SUBMIT_PIO, "SUBMIT_PIO"}, {CVITPU_WAIT_PIO, "WAIT_PIO"},
	{CVITPU_GET_USAGE, "GET_USAGE"}, {ION_IOC_ALLOC, "ION_ALLOC"}, {ION_IOC_FREE, "ION_FREE"},
	{ION_IOC_IMPORT, "ION_IMPORT"}, {ION_IOC_HEAP_QUERY, "ION_HEAP_QUERY"},
};

const tpu_reg_block *const kBlocks[] = {&tpu_regblk_tdma, &tpu_regblk_tiu, &tpu_regblk_rstc};

} // namespace

const std::vector<std::string> &driver_states()
{
	static const std::vector<std::string> s = {"idle", "queued", "running", "done-full",
						   "after-drop", "after-timeout", "fd-closed"};
	return s;
}

std::string ioctl_name(unsigned cmd)
{
	for (const auto &i : kIoctls)
		if (i.cmd == cmd)
			return i.name;
	return "other";
}

std::vector<std::string> coverage_universe()
{
	std::vector<std::string> u;

	for (const tpu_reg_block *b : kBlocks)
		for (size_t i = 0; i < b->nregs; i++) {
			const tpu_reg_desc &r = b->regs[i];
			std::string base = std::string(b->name) + "." + r.name;
			u.push_back("reg:" + base + ":read");
			u.push_back("reg:" + base + ":write");
			if (r.ro_mask)
				u.push_back("rule:" + base + ":ro-write");
			if (r.w1c_mask)
				u.push_back("rule:" + base + ":w1c");
			if (r.sc_mask)
				u.push_back("rule:" + base + ":pulse");
		}
	std::vector<std::string> names;
	for (const auto &i : kIoctls)
		names.push_back(i.name);
	names.push_back("other");
	for (const auto &n : names)
		for (const auto &st : driver_states())
			u.push_back("ioctl:" + n + "@" + st);
	for (const auto &c : known_checkers())
		u.push_back("checker:" + c);
	return u;
}

void print_coverage(const std::set<std::string> &hit)
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
