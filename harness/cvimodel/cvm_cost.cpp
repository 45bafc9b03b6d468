// SPDX-License-Identifier: Apache-2.0
//
// cvm_cost.cpp - per-descriptor timing inputs of a cvimodel (cvm_cost.h).
#include "cvm_cost.h"

#include <cstring>

extern "C" {
#include "rt_cmdbuf.h"
#include "tdma_kernel.h"
#include "tiu_kernel.h"
#include "tpu/hwcfg.h"
}

namespace tpusim::cvm {

namespace {

// Every DRAM address is mapped: only the byte counts matter here.
int any_read(void *, uint64_t, void *, size_t) { return 0; }
int any_write(void *, uint64_t, const void *, size_t) { return 0; }
int any_probe(void *, uint64_t, size_t) { return 0; }
int any_touch(void *, uint64_t, size_t, int) { return 0; }
const kmem_ops kAnyDram = {any_read, any_write, any_probe, any_touch};

// Region k's buffer: page-aligned, as the ION allocations of a run are,
// so every address has the same offset in its 64-byte line and 4 KiB page.
constexpr uint64_t kRegionStride = 0x10000000ull;

} // namespace

std::vector<DescCost> desc_costs(const Model &m)
{
	std::vector<DescCost> out;
	std::vector<uint8_t> lmem(static_cast<size_t>(TPU_CV181X_LANES) * TPU_LMEM_LANE_SIZE);
	tdma_kctx tk;
	memset(&tk, 0, sizeof(tk));
	tk.dram = kmem_dram{&kAnyDram, nullptr};
	tk.lmem = kmem_lmem{lmem.data(), TPU_CV181X_LANES, TPU_LMEM_LANE_SIZE};
	tk.timing_only = 1;
	for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++)
		tk.arraybase[i] = TPU_DRAM_BASE + i * kRegionStride;
	const double dram_bps = TPU_DRAM_PEAK_BYTES_PER_S * TPU_DRAM_EFFICIENCY;

	for (unsigned ri = 0; ri < m.routines.size(); ri++) {
		const rt_cmdbuf *cb = m.routines[ri].cmdbuf->cb;
		size_t ti = 0, di = 0;
		for (size_t s = 0; s < rt_cmdbuf_segment_count(cb); s++) {
			uint32_t nt = 0, nd = 0;
			if (rt_cmdbuf_segment(cb, s, &nt, &nd))
				break;
			for (uint32_t k = 0; k < nt; k++, ti++) {
				tiu_desc d;
				if (rt_cmdbuf_get_tiu(cb, ti, &d))
					break;
				DescCost c;
				c.tiu = true;
				c.routine = ri;
				c.segment = static_cast<unsigned>(s);
				c.id = d.cmd_id_tpu;
				c.wait = d.cmd_id_en ? d.cmd_id_gdma : 0;
				c.formula_cycles = tiu_kernel_formula_cycles(&d, TPU_CV181X_LANES);
				c.cost_ps = tiu_kernel_cost(&d, TPU_CV181X_LANES) * 1000000000000ull / TPU_CLK_HZ_DEFAULT;
				c.bf16 = d.opd_typ == 1;
				out.push_back(c);
			}
			for (uint32_t k = 0; k < nd; k++, di++) {
				tdma_desc d;
				if (rt_cmdbuf_get_tdma(cb, di, &d))
					break;
				tdma_kresult r;
				memset(&r, 0, sizeof(r));
				tdma_kernel_exec(&d, &tk, &r);
				DescCost c;
				c.routine = ri;
				c.segment = static_cast<unsigned>(s);
				c.id = d.cmd_id;
				c.wait = d.bar_en ? d.wait_id_tpu : 0;
				c.dir = d.trans_dir;
				c.dram_bytes = r.dram_bytes;
				c.dram_bus_bytes = r.dram_bus_bytes;
				c.lmem_bytes = r.lmem_bytes;
				c.cost_ps = tdma_kernel_cost_ps(&r, static_cast<double>(TPU_CLK_HZ_DEFAULT), dram_bps);
				out.push_back(c);
			}
		}
	}
	return out;
}

CostSummary summarize(const std::vector<DescCost> &d)
{
	CostSummary s;
	for (const DescCost &c : d) {
		if (c.tiu) {
			s.tiu++;
			s.tiu_formula_cycles += c.formula_cycles;
			if (c.bf16)
				s.tiu_bf16_cycles += c.formula_cycles;
			s.tiu_ps += static_cast<double>(c.cost_ps);
		} else {
			s.tdma++;
			s.dram_bytes += c.dram_bytes;
			s.dram_bus_bytes += c.dram_bus_bytes;
			s.lmem_bytes += c.lmem_bytes;
			if (c.dir == TDMA_DESC_TRANS_DIR_L2L)
				s.l2l_lmem_bytes += c.lmem_bytes;
			s.tdma_ps += static_cast<double>(c.cost_ps);
		}
	}
	return s;
}

} // namespace tpusim::cvm
