// SPDX-License-Identifier: Apache-2.0
//
// cvm_reference.cpp - the differential replay of a model (cvm_reference.h).
#include "cvm_reference.h"

#include <cstring>
#include <sstream>

extern "C" {
#include "ref_desc.h"
#include "tpu/hwcfg.h"
}

namespace tpusim::cvm {

namespace {

constexpr uint64_t kWindowBase = 0x100000;   // any page-aligned, non-zero physical base
constexpr uint64_t kRegionAlign = 0x1000;
constexpr uint64_t kLmemSize = uint64_t(TPU_CV181X_LANES) * TPU_LMEM_LANE_SIZE;

// One copy of the machine's memories: all regions in one DRAM window.
struct Image {
	std::vector<uint8_t> dram, lmem;
};

// Where the replay put the regions: physical base of each region.
struct Layout {
	uint64_t base[kRegions] = {};
	uint64_t size = 0;   // of the window
};

Layout lay_out(const Model &m)
{
	Layout l;
	uint64_t at = 0;
	for (unsigned k = 0; k < kRegions; k++) {
		if (!m.region_size[k] || (m.legacy_neuron && k == kRegionPrivate))
			continue;
		l.base[k] = kWindowBase + at;
		at += (m.region_size[k] + kRegionAlign - 1) / kRegionAlign * kRegionAlign;
	}
	if (m.legacy_neuron)
		l.base[kRegionPrivate] = l.base[kRegionShared];
	l.size = at;
	return l;
}

// The kernels reach DRAM through these; the window is bounds-checked and
// each write's range is remembered for the comparison.
struct Dram {
	Image *img;
	std::vector<std::pair<uint64_t, uint64_t>> written;   // [phys, phys + len)
};

bool in_window(const Dram *d, uint64_t addr, size_t len)
{
	return addr >= kWindowBase && len <= d->img->dram.size() && addr - kWindowBase <= d->img->dram.size() - len;
}

int dram_read(void *ctx, uint64_t addr, void *dst, size_t len)
{
	auto *d = static_cast<Dram *>(ctx);
	if (!in_window(d, addr, len))
		return -1;
	memcpy(dst, d->img->dram.data() + (addr - kWindowBase), len);
	return 0;
}

int dram_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	auto *d = static_cast<Dram *>(ctx);
	if (!in_window(d, addr, len))
		return -1;
	memcpy(d->img->dram.data() + (addr - kWindowBase), src, len);
	d->written.emplace_back(addr, addr + len);
	return 0;
}

int dram_probe(void *ctx, uint64_t addr, size_t len)
{
	return in_window(static_cast<Dram *>(ctx), addr, len) ? 0 : -1;
}

const kmem_ops kOps = {dram_read, dram_write, dram_probe, nullptr};

// "" when equal, else where the first differing byte is.
std::string first_diff(const Image &k, const Image &r, const Layout &l, const Model &m,
		       const std::vector<std::pair<uint64_t, uint64_t>> &ranges, bool whole_dram)
{
	auto byte = [](uint8_t a, uint8_t b) { return ": kernels " + hex(a) + ", reference " + hex(b); };
	if (memcmp(k.lmem.data(), r.lmem.data(), kLmemSize)) {
		for (uint64_t i = 0; i < kLmemSize; i++)
			if (k.lmem[i] != r.lmem[i])
				return "LMEM lane " + std::to_string(i / TPU_LMEM_LANE_SIZE) + " offset " +
				       hex(i % TPU_LMEM_LANE_SIZE) + byte(k.lmem[i], r.lmem[i]);
	}
	auto dram_at = [&](uint64_t off) {
		std::string where = "DRAM " + hex(kWindowBase + off);
		for (unsigned x = 0; x < kRegions; x++)
			if (m.region_size[x] && kWindowBase + off >= l.base[x] &&
			    kWindowBase + off < l.base[x] + m.region_size[x]) {
				where = "region " + std::to_string(x) + " offset " + hex(kWindowBase + off - l.base[x]);
				break;
			}
		return where + byte(k.dram[off], r.dram[off]);
	};
	if (whole_dram) {
		if (memcmp(k.dram.data(), r.dram.data(), k.dram.size()))
			for (uint64_t i = 0; i < k.dram.size(); i++)
				if (k.dram[i] != r.dram[i])
					return dram_at(i);
		return "";
	}
	for (const auto &rg : ranges) {
		uint64_t lo = rg.first < kWindowBase ? 0 : rg.first - kWindowBase;
		uint64_t hi = rg.second < kWindowBase ? 0 : std::min<uint64_t>(rg.second - kWindowBase, k.dram.size());
		if (lo < hi && memcmp(k.dram.data() + lo, r.dram.data() + lo, hi - lo))
			for (uint64_t i = lo; i < hi; i++)
				if (k.dram[i] != r.dram[i])
					return dram_at(i);
	}
	return "";
}

// The bytes a TDMA descriptor's global destination may reach, from its
// fields (a bounding range; the comparison also covers what the kernels
// wrote).
std::pair<uint64_t, uint64_t> tdma_dst_span(const tdma_desc &d, const Layout &l)
{
	const uint64_t a = (l.base[d.dst_base_reg_sel & 7] +
			    (static_cast<uint64_t>(d.dst_base_addr_high) << 32 | d.dst_base_addr_low)) &
			   TPU_DMA_ADDR_MASK;
	const uint64_t es = d.dst_fmt == 2 ? 2 : 1;
	if (d.trans_fmt)
		return {a, a + d.src_n_stride};
	const uint64_t cs = static_cast<uint64_t>(d.dst_c_stride_high) << 16 | d.dst_c_stride_low;
	const uint64_t n = d.spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE ? d.src_c : d.src_n;
	const uint64_t span = (n ? n - 1 : 0) * d.dst_n_stride + (d.dst_c ? d.dst_c - 1 : 0) * cs +
			      (d.dst_h ? d.dst_h - 1 : 0) * d.dst_h_stride + uint64_t(d.dst_w) * es;
	return {a, a + span};
}

struct Replay {
	const Model &m;
	Layout l;
	Image k, r;   // the kernels' and the reference's memories
	Dram dk{&k, {}};
	RefReport &rep;
	const ReplayKernels &kern;

	Replay(const Model &model, RefReport &report, const ReplayKernels &kernels)
		: m(model), l(lay_out(model)), rep(report), kern(kernels)
	{
		k.dram.assign(l.size, 0);
		k.lmem.assign(kLmemSize, 0);
	}

	// One descriptor on both images.  pos: index in the routine's cmdbuf.
	void step(const Routine &rt, size_t pos)
	{
		const Desc &x = rt.cmdbuf->descs[pos];
		ref_mem rm{r.lmem.data(), TPU_CV181X_LANES, TPU_LMEM_LANE_SIZE, r.dram.data(), kWindowBase,
			   r.dram.size()};
		bool kernel_ok, kernel_done;
		const char *op;
		std::string kstatus;
		dk.written.clear();
		std::vector<std::pair<uint64_t, uint64_t>> ranges;
		enum ref_desc_result rr;
		if (x.engine == kEngineTiu) {
			tiu_kctx kc{};
			kc.lmem = {k.lmem.data(), TPU_CV181X_LANES, TPU_LMEM_LANE_SIZE};
			tiu_kresult kr{};
			kern.tiu(&x.tiu, &kc, &kr);
			kernel_ok = !kr.error;
			kernel_done = kr.executed;
			op = kr.op_name ? kr.op_name : "tiu";
			kstatus = "error";
			if (!kern.reference)
				return;
			rr = ref_tiu_desc(&x.tiu, &rm);
		} else {
			tdma_kctx kc{};
			kc.dram = {&kOps, &dk};
			kc.lmem = {k.lmem.data(), TPU_CV181X_LANES, TPU_LMEM_LANE_SIZE};
			for (unsigned i = 0; i < kRegions; i++)
				kc.arraybase[i] = l.base[i];
			tdma_kresult kr{};
			kern.tdma(&x.tdma, &kc, &kr);
			kernel_ok = !kr.status;
			kernel_done = kr.executed;
			op = kr.what ? kr.what : "tdma";
			kstatus = "status " + hex(kr.status);
			if (!kern.reference)
				return;
			rr = ref_tdma_desc(&x.tdma, &rm, l.base);
			if (x.tdma.trans_dir == TDMA_DESC_TRANS_DIR_L2G || x.tdma.trans_dir == TDMA_DESC_TRANS_DIR_G2G)
				ranges.push_back(tdma_dst_span(x.tdma, l));
		}
		rep.descs++;
		ranges.insert(ranges.end(), dk.written.begin(), dk.written.end());
		auto where = [&]() {
			std::ostringstream os;
			const bool tiu = x.engine == kEngineTiu;
			os << rt.section << " descriptor " << pos << " (" << (tiu ? "TIU" : "TDMA") << " id "
			   << (tiu ? x.tiu.cmd_id_tpu : x.tdma.cmd_id) << ", layer " << x.layer << ", " << op << ")";
			return os.str();
		};
		auto mismatch = [&](const std::string &what) {
			if (!rep.mismatches++)
				rep.first = where() + ": " + what;
		};
		if (!kernel_ok) {
			if (rr == REF_DESC_OK)
				mismatch("the kernels raised " + kstatus + ", the reference computed it");
			else
				rep.refused++;
			r = k;   // whatever the kernels left (nothing, when they refused up front)
			return;
		}
		if (!kernel_done) {
			rep.kernel_timed[op]++;
			k = r;   // go on with the reference's data
			return;
		}
		if (rr == REF_DESC_UNSTATED) {
			rep.unstated[ref_error()]++;
			r = k;
			return;
		}
		if (rr == REF_DESC_ERROR) {
			mismatch(std::string("the reference refused it (") + ref_error() + "), the kernels computed it");
			r = k;
			return;
		}
		rep.compared++;
		const std::string d = first_diff(k, r, l, m, ranges, false);
		if (!d.empty()) {
			mismatch(d);
			r = k;
		}
	}

	// The routine's descriptors in cmdbuf order, each waiting until the
	// other engine has completed the id it names; ids restart after a
	// segment's last id (0xFFFF).
	void routine(const Routine &rt)
	{
		const std::vector<Desc> &v = rt.cmdbuf->descs;
		size_t seg = 0;
		while (seg < v.size() && rep.stuck.empty()) {
			size_t end = seg;
			while (end < v.size()) {
				const Desc &x = v[end++];
				if ((x.engine == kEngineTiu ? x.tiu.cmd_id_tpu : x.tdma.cmd_id) == TPU_SYNC_ID_MAX)
					break;
			}
			std::vector<size_t> tiu, tdma;
			for (size_t i = seg; i < end; i++)
				(v[i].engine == kEngineTiu ? tiu : tdma).push_back(i);
			size_t it = 0, id = 0;
			uint32_t tiu_done = 0, tdma_done = 0;
			while (it < tiu.size() || id < tdma.size()) {
				const bool tiu_ready = it < tiu.size() && v[tiu[it]].tiu.cmd_id_gdma <= tdma_done;
				const bool tdma_ready = id < tdma.size() && v[tdma[id]].tdma.wait_id_tpu <= tiu_done;
				if (!tiu_ready && !tdma_ready) {
					rep.stuck = rt.section + ": TIU descriptor " +
						    (it < tiu.size() ? std::to_string(tiu[it]) : "-") + " and TDMA descriptor " +
						    (id < tdma.size() ? std::to_string(tdma[id]) : "-") +
						    " each wait for an id the other engine never completes";
					return;
				}
				if (tiu_ready && (!tdma_ready || tiu[it] < tdma[id])) {
					step(rt, tiu[it]);
					tiu_done = v[tiu[it++]].tiu.cmd_id_tpu;
				} else {
					step(rt, tdma[id]);
					tdma_done = v[tdma[id++]].tdma.cmd_id;
				}
			}
			seg = end;
		}
	}
};

} // namespace

RefReport reference_run(const Model &m, const std::vector<std::vector<uint8_t>> &inputs, const ReplayKernels &kernels)
{
	RefReport rep;
	Replay p(m, rep, kernels);
	auto at = [&](unsigned region, uint64_t off) { return p.l.base[region] - kWindowBase + off; };
	if (m.weight_size)
		memcpy(p.k.dram.data() + at(kRegionWeight, 0), m.bytes.data() + m.weight_off, m.weight_size);
	for (size_t i = 0; i < m.inputs.size() && i < inputs.size(); i++) {
		const Tensor &t = m.tensors[m.inputs[i]];
		memcpy(p.k.dram.data() + at(t.region, t.offset), inputs[i].data(), t.size);
	}
	if (kernels.reference)
		p.r = p.k;
	for (const Routine &rt : m.routines)
		if (rep.stuck.empty())
			p.routine(rt);
	// Anything the per-descriptor comparison could not see.
	if (!rep.mismatches && kernels.reference) {
		const std::string d = first_diff(p.k, p.r, p.l, m, {}, true);
		if (!d.empty()) {
			rep.mismatches++;
			rep.first = "after the last descriptor: " + d;
		}
	}
	for (size_t i : m.outputs) {
		const Tensor &t = m.tensors[i];
		const uint8_t *b = p.k.dram.data() + at(t.region, t.offset);
		rep.outputs.emplace_back(b, b + t.size);
	}
	return rep;
}

} // namespace tpusim::cvm
