// SPDX-License-Identifier: Apache-2.0
//
// rtl_banks.cpp - one RtlRegBank per block regsgen emitted RTL for.
#include "rtl_bank.h"

#include <algorithm>
#include <cstring>
#include <vector>
#include <string>

#include "rtl_bank_impl.h"
#include <tpu_rtl_blocks.h>  // generated with the Verilated code (system include dir)

namespace tpusim {

namespace {

std::string g_trace;                 // rtl_trace_to()
std::vector<VerilatedVcdC *> g_open; // waveforms being written

// F.vcd -> F.tdma.vcd: one waveform per block.
std::string trace_path(const char *block)
{
	if (g_trace.empty())
		return {};
	std::string p = g_trace;
	size_t dot = p.rfind('.');
	size_t slash = p.rfind('/');
	std::string ext;

	if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
		ext = p.substr(dot);
		p.erase(dot);
	}
	return p + "." + block + ext;
}

} // namespace

void rtl_trace_register(VerilatedVcdC *vcd, bool add)
{
	if (add)
		g_open.push_back(vcd);
	else
		g_open.erase(std::remove(g_open.begin(), g_open.end(), vcd), g_open.end());
}

void rtl_trace_close()
{
	for (VerilatedVcdC *v : g_open)
		v->close();
	g_open.clear();
}

void rtl_trace_to(const char *path)
{
	g_trace = path ? path : "";
}

std::unique_ptr<RegBank> make_rtl_bank(const tpu_reg_block &blk)
{
#define TPUSIM_X(b)                                                                                \
	if (!std::strcmp(blk.name, tpu_##b##_regs_ports::block))                                   \
		return std::make_unique<RtlRegBank<tpu_##b##_regs_ports>>(blk, trace_path(blk.name));
	TPU_RTL_BLOCKS(TPUSIM_X)
#undef TPUSIM_X
	return nullptr;
}

} // namespace tpusim
