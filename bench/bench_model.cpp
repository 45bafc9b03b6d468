// SPDX-License-Identifier: Apache-2.0
//
// bench_model.cpp - how fast the TPU model simulates.
//
//   bench_model [--iters N]      (N = descriptors per stream, default 65535;
//                                 streams repeat until 0.25 s wall when N >= 1000)
//
// Prints, one figure per line with its unit:
//   1. TDMA descriptors per wall-second: N small G2L/L2G copies, one stream;
//   2. TIU descriptors per wall-second: N element-wise adds, one chain;
//   3. register accesses per wall-second through the bus (b_transport of
//      MMIO reads and writes), and raw TLM transactions per wall-second to
//      DRAM through the same bus, for comparison; the same MMIO loop on a
//      second TpuTop whose register blocks are the RTL (TpuConfig::regs =
//      rtl, regsgen's SystemVerilog under Verilator), with the ratio
//      rtl/cpp;
//   3b. register accesses per wall-second through RegBank directly, on the
//      TDMA and TIU blocks: the C++ bank (RegFile) next to the RTL bank,
//      for reads, writes, hardware-side set_hw() and a mix of the three,
//      with the ratio rtl/cpp;
//   4. simulated-to-wall time ratio of a mixed stream (load, load, add
//      waiting for the loads, store waiting for the add) x N/10.
// Each stream is also checked (ids, interrupt), so a broken model fails
// the run (exit 1) instead of printing nonsense.  Wall-clock figures are
// for humans; no test asserts them.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "regfile.h"
#include "rt_desc.h"
#include "rtl_bank.h"
#include "tlm_port.h"
#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "tpu/tiu_reorder.h"
#include "tpu_top.h"
#include "vendor_seq.h"

using namespace tpusim;
using sc_core::sc_time;
using Clock = std::chrono::steady_clock;

namespace {

constexpr uint64_t kData = TPU_DRAM_BASE;
constexpr uint64_t kTdmaDesc = TPU_DRAM_BASE + 0x01000000;  // up to 4 MiB of TDMA descriptors
constexpr uint64_t kTiuDesc = TPU_DRAM_BASE + 0x02000000;   // up to 7.3 MiB of TIU descriptors
constexpr unsigned kMaxStream = 65535;                      // 16-bit ids and DESNUM

double secs(Clock::time_point a, Clock::time_point b)
{
	return std::chrono::duration<double>(b - a).count();
}

// Streams run with the driver's register sequences (VendorSeq), so the
// figures are those of the path the driver takes.
class Runner : public sc_core::sc_module, public VendorSeq {
public:
	TlmPort port;
	TlmPort port_rtl;  // to rtl_top, the same machine with RTL register blocks
	TlmPort port_timing;  // to timing_top, the same machine computing no data
	int failures = 0;

	SC_HAS_PROCESS(Runner);
	Runner(sc_core::sc_module_name name, TpuTop &top, TpuTop &rtl_top, TpuTop &timing_top, unsigned iters)
		: sc_module(name), port("port", top.bus.in, sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS)),
		  port_rtl("port_rtl", rtl_top.bus.in, sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS)),
		  port_timing("port_timing", timing_top.bus.in, sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS)),
		  main_top_(top), timing_top_(timing_top), top_(&top), cur_(&port), iters_(iters)
	{
		SC_THREAD(run);
		set_stack_size(1 << 20);
	}

private:
	TpuTop &main_top_, &timing_top_;
	TpuTop *top_;      // the machine the stream helpers drive
	TlmPort *cur_;     // and its port
	unsigned iters_;

	// The stream helpers drive the timing-only machine until the
	// returned guard goes.
	struct OnTiming {
		Runner &r;
		explicit OnTiming(Runner &rr) : r(rr) { r.top_ = &r.timing_top_, r.cur_ = &r.port_timing; }
		~OnTiming() { r.top_ = &r.main_top_, r.cur_ = &r.port; }
	};

	// One LT transaction; the annotated delay is returned, not waited.
	bool xfer(bool write, uint64_t addr, uint32_t &v, sc_time &delay)
	{
		return xfer(*cur_, write, addr, v, delay);
	}
	static bool xfer(TlmPort &p, bool write, uint64_t addr, uint32_t &v, sc_time &delay)
	{
		return p.transport(write, addr, &v, sizeof(v), delay) == tlm::TLM_OK_RESPONSE;
	}
	void wr(uint64_t a, uint32_t v) override
	{
		if (cur_->access(true, a, &v) != tlm::TLM_OK_RESPONSE)
			fail("MMIO write failed");
	}
	uint32_t rd(uint64_t a) override
	{
		uint32_t v = 0;
		if (cur_->access(false, a, &v) != tlm::TLM_OK_RESPONSE)
			fail("MMIO read failed");
		return v;
	}
	void fail(const char *what)
	{
		std::printf("FAIL: %s\n", what);
		failures++;
	}

	// A stream's start: ids resynced, global offsets from DRAM start.
	void begin_stream()
	{
		resync();
		set_arraybase(0, kData);
	}
	void wait_tdma(unsigned last_id)
	{
		if (!top_->tdma.irq.read())
			wait(top_->tdma.irq.posedge_event());
		uint32_t st = FIELD_GET(TDMA_INT_MASK_STATUS_MASK, rd(TDMA_BASE + TDMA_INT_MASK_REG));
		if (FIELD_GET(TDMA_SYNC_STATUS_ID_MASK, rd(TDMA_BASE + TDMA_SYNC_STATUS_REG)) != last_id ||
		    st != TDMA_INT_MASK_STATUS_VAL_EOD) {
			std::printf("TDMA status 0x%x: %s\n", st, top_->tdma.stats().last_error.c_str());
			fail("TDMA stream did not complete");
		}
	}
	void wait_tiu(unsigned last_id)
	{
		while (top_->tiu.state() != EngineState::idle || top_->tdma.state() != EngineState::idle)
			wait(top_->tiu.busy.negedge_event() | top_->tdma.busy.negedge_event());
		if (FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, rd(TIU_BASE + TIU_BD_CTRL_REG)) != last_id)
			fail("TIU chain did not complete");
	}

	void put_tdma(unsigned i, tdma_desc d)
	{
		uint8_t raw[TDMA_DESC_SIZE];
		tdma_desc_pack(&d, raw);
		top_->dram.write(kTdmaDesc + (uint64_t)i * TDMA_DESC_SIZE, raw, sizeof(raw));
	}
	void put_tiu(unsigned i, tiu_desc d)
	{
		uint8_t raw[TIU_DESC_SIZE], stored[TIU_DESC_SIZE], pad[TPU_TIU_EOD_PADDING] = {0};
		tiu_desc_pack(&d, raw);
		tiu_desc_to_stored(raw, stored);
		top_->dram.write(kTiuDesc + (uint64_t)i * TIU_DESC_SIZE, stored, sizeof(stored));
		if (d.cmd_end)
			top_->dram.write(kTiuDesc + (uint64_t)(i + 1) * TIU_DESC_SIZE, pad, sizeof(pad));
	}

	static rt_tensor small_global(uint64_t off)
	{
		rt_tensor t;
		rt_tensor_global(&t, off, 0, 1, 8, 2, 16);
		return t;
	}
	static rt_tensor small_local(uint32_t laddr)
	{
		rt_tensor t;
		rt_tensor_local(&t, laddr, 1, 8, 2, 16, TPU_CV181X_LANES, true);
		return t;
	}
	static tiu_desc add_desc(uint32_t r, uint32_t a, uint32_t b)
	{
		rt_tensor tr = small_local(r), ta = small_local(a), tb = small_local(b);
		rt_tiu_eltwise_args p = {};
		tiu_desc d;
		p.op = TIU_DESC_TSK_EU_TYP_ADD;
		p.res = &tr, p.a = &ta, p.b = &tb;
		p.res_signed = p.a_signed = p.b_signed = true;
		rt_tiu_eltwise(&d, &p);
		return d;
	}

	// Runs a stream (begin_stream, then run) until it has run for a
	// quarter second (full runs only; a smoke run measures once): the wall
	// and simulated seconds it took and how many times it ran.
	struct Timed {
		double wall = 0, sim = 0;
		unsigned reps = 0;
	};
	template <typename Run> Timed repeat(Run run)
	{
		Timed t;
		do {
			begin_stream();
			sc_time s0 = sc_core::sc_time_stamp();
			auto w0 = Clock::now();
			run();
			t.wall += secs(w0, Clock::now());
			t.sim += (sc_core::sc_time_stamp() - s0).to_seconds();
			t.reps++;
		} while (iters_ >= 1000 && t.wall < 0.25 && t.reps < 100);
		return t;
	}

	double bench_tdma(const char *figure);
	double bench_tiu(const char *figure);
	void bench_timing_only();
	void bench_regs();
	double mmio_loop(TlmPort &p, uint64_t m);
	void bench_regbank();
	void bench_mixed();
	void run();
};

// The descriptors-per-second rate of a stream of copies; printed as figure.
double Runner::bench_tdma(const char *figure)
{
	unsigned n = std::min(iters_, kMaxStream);
	for (unsigned i = 0; i < n; i++) {
		rt_tensor g = small_global(0x1000 * (i % 64)), l = small_local(0x100 * (i % 32));
		tdma_desc d;
		if (i % 2)
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &l, &g);
		else
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
		d.cmd_id = i + 1;
		d.eod = d.intp_en = i + 1 == n;
		put_tdma(i, d);
	}
	const auto [w, sim, reps] = repeat([&]() {
		fire_tdma(kTdmaDesc, n);
		wait_tdma(n);
	});
	std::printf("%s %.0f desc/s  (%u x %u G2L/L2G copies of 256 B, "
		    "%.3f s wall, %.3f ms simulated)\n",
		    figure, (double)n * reps / w, reps, n, w, sim * 1e3);
	return (double)n * reps / w;
}

double Runner::bench_tiu(const char *figure)
{
	unsigned n = std::min(iters_, kMaxStream);
	for (unsigned i = 0; i < n; i++) {
		tiu_desc d = add_desc(0x2000, 0x0000, 0x1000);
		d.cmd_en = 1;
		d.cmd_id_tpu = i + 1;
		d.cmd_end = d.cmd_intr_en = i + 1 == n;
		put_tiu(i, d);
	}
	const auto [w, sim, reps] = repeat([&]() {
		fire_tiu(kTiuDesc);
		wait(sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS));
		wait_tiu(n);
	});
	std::printf("%s %.0f desc/s  (%u x %u int8 adds of 256 elements, "
		    "%.3f s wall, %.3f ms simulated)\n",
		    figure, (double)n * reps / w, reps, n, w, sim * 1e3);
	return (double)n * reps / w;
}

// The same streams on a machine with TpuConfig::timing_only: each
// descriptor is checked and timed, nothing computed (`--timing-only`).
// Target (issue 15): >= 2 M TIU descriptors per wall-second.
void Runner::bench_timing_only()
{
	OnTiming on(*this);
	double tiu = bench_tiu("tiu_descriptors_per_wall_second_timing_only");
	bench_tdma("tdma_descriptors_per_wall_second_timing_only");
	std::printf("tiu_timing_only_target %s  (%.2f M desc/s, target >= 2 M)\n", tiu >= 2e6 ? "PASS" : "MISS",
		    tiu / 1e6);
}

// m MMIO accesses through p: reads of SYNC_STATUS and writes of the
// ARRAYBASE_L registers in turn; the wall seconds taken (0 on a failure).
double Runner::mmio_loop(TlmPort &p, uint64_t m)
{
	sc_time d = sc_core::SC_ZERO_TIME;
	uint32_t v = 0;
	auto w0 = Clock::now();
	for (uint64_t i = 0; i < m; i++) {
		if (i % 2) {
			v = (uint32_t)i;
			if (!xfer(p, true, TDMA_BASE + TDMA_ARRAYBASE_L_REG(i % 8), v, d))
				return fail("register write"), 0;
		} else if (!xfer(p, false, TDMA_BASE + TDMA_SYNC_STATUS_REG, v, d)) {
			return fail("register read"), 0;
		}
	}
	double w = secs(w0, Clock::now());
	wait(d);
	return w;
}

void Runner::bench_regs()
{
	uint64_t m = (uint64_t)iters_ * 100;
	sc_time d = sc_core::SC_ZERO_TIME;
	uint32_t v = 0;
	double w = mmio_loop(port, m);
	if (w <= 0)
		return;
	std::printf("register_accesses_per_wall_second %.0f access/s  (%llu MMIO reads+writes through "
		    "the bus, LT, no wait)\n",
		    m / w, (unsigned long long)m);

	// The same loop on RTL register blocks; fewer accesses, it is slower.
	uint64_t mr = std::max<uint64_t>(m / 10, 100);
	double wr = mmio_loop(port_rtl, mr);
	if (wr <= 0)
		return;
	std::printf("register_accesses_per_wall_second_rtl %.0f access/s  (%llu MMIO reads+writes "
		    "through the bus to the Verilated TDMA block, LT, no wait; rtl/cpp %.3f)\n",
		    mr / wr, (unsigned long long)mr, (mr / wr) / (m / w));

	auto w0 = Clock::now();
	for (uint64_t i = 0; i < m; i++) {
		v = (uint32_t)i;
		if (!xfer(i % 2, kData + 4 * (i % 4096), v, d))
			return fail("DRAM transaction");
	}
	w = secs(w0, Clock::now());
	std::printf("dram_transactions_per_wall_second %.0f tx/s  (%llu 4-byte reads+writes through "
		    "the bus, LT, no wait)\n",
		    m / w, (unsigned long long)m);
	wait(d);
}

// One RegBank workload: m accesses of kind mix ("read", "write", "hw",
// "mixed": 5 reads, 3 writes, 2 set_hw in 10) over the block's registers
// in turn; the wall seconds taken.  sum keeps the reads alive.
double regbank_loop(RegBank &b, const char *mix, uint64_t m, uint32_t &sum)
{
	const tpu_reg_block &blk = b.block();
	std::vector<uint32_t> all, hw;
	for (size_t i = 0; i < blk.nregs; i++) {
		all.push_back(blk.regs[i].offset);
		if (blk.regs[i].ro_mask | blk.regs[i].w1c_mask)
			hw.push_back(static_cast<uint32_t>(i));
	}
	if (hw.empty())
		hw.push_back(~0u);
	// 0 read, 1 write, 2 set_hw
	static const int kMixed[10] = {0, 1, 0, 2, 0, 1, 0, 2, 0, 1};
	int fixed = !std::strcmp(mix, "read") ? 0 : !std::strcmp(mix, "write") ? 1 : !std::strcmp(mix, "hw") ? 2 : -1;
	RegWrite rw;
	uint32_t v = 0;
	size_t ai = 0, hi = 0;

	b.reset();
	auto w0 = Clock::now();
	for (uint64_t i = 0; i < m; i++) {
		int k = fixed >= 0 ? fixed : kMixed[i % 10];
		if (k == 0) {
			b.read(all[ai], v);
			sum += v;
			ai = ai + 1 == all.size() ? 0 : ai + 1;
		} else if (k == 1) {
			b.write(all[ai], (uint32_t)i * 0x9E3779B9u, rw);
			sum += rw.new_value;
			ai = ai + 1 == all.size() ? 0 : ai + 1;
		} else if (hw[hi] != ~0u) {
			const tpu_reg_desc &r = blk.regs[hw[hi]];
			b.set_hw(r.offset, r.ro_mask | r.w1c_mask, (uint32_t)i);
			sum += b.irq();
			hi = hi + 1 == hw.size() ? 0 : hi + 1;
		}
	}
	return secs(w0, Clock::now());
}

// What regbank_loop(mix) does on blk, for the figure's line.
std::string what(const tpu_reg_block &blk, const char *mix)
{
	size_t hw = 0;
	for (size_t i = 0; i < blk.nregs; i++)
		hw += (blk.regs[i].ro_mask | blk.regs[i].w1c_mask) != 0;
	std::string all = std::to_string(blk.nregs) + " registers in turn";
	std::string hws = std::to_string(hw) + (hw == 1 ? " register" : " registers") +
			  " with hardware-owned bits in turn";
	if (!std::strcmp(mix, "read"))
		return "reads of the " + all;
	if (!std::strcmp(mix, "write"))
		return "writes of the " + all;
	if (!std::strcmp(mix, "hw"))
		return "set_hw() of the " + hws;
	return "5 reads, 3 writes, 2 set_hw() in 10";
}

void Runner::bench_regbank()
{
	const tpu_reg_block *const blocks[] = {&tpu_regblk_tdma, &tpu_regblk_tiu};
	const char *const mixes[] = {"read", "write", "hw", "mixed"};
	uint64_t m = (uint64_t)iters_ * 16;
	uint32_t sum = 0;

	for (const tpu_reg_block *blk : blocks) {
		RegFile cpp(*blk);
		std::unique_ptr<RegBank> rtl = make_rtl_bank(*blk);
		if (!rtl)
			return fail("no RTL register bank");
		for (const char *mix : mixes) {
			// The C++ bank is far faster: give it more work for a
			// measurable time.
			uint64_t mc = m * 20;
			double wc = regbank_loop(cpp, mix, mc, sum);
			double wr = regbank_loop(*rtl, mix, m, sum);
			double rc = mc / std::max(wc, 1e-9), rr = m / std::max(wr, 1e-9);
			std::printf("regbank_%s_%s_per_wall_second cpp %.0f access/s  rtl %.0f access/s  "
				    "rtl/cpp %.4f  (%s, RegBank directly; %llu cpp, %llu rtl)\n",
				    blk->name, mix, rc, rr, rr / rc, what(*blk, mix).c_str(),
				    (unsigned long long)mc, (unsigned long long)m);
		}
	}
	if (sum == 0x5EED5EED)  // keeps the loops' reads from being optimised away
		std::printf("(checksum 0x%x)\n", sum);
}

// Pipelines of: load A, load B -> add (waits for the loads) -> store
// (waits for the add), all in one TDMA stream and one TIU chain.
void Runner::bench_mixed()
{
	unsigned p = std::max(1u, std::min(iters_ / 10, kMaxStream / 3));
	for (unsigned k = 0; k < p; k++) {
		unsigned slot = k % 4;  // four LMEM slots, so loads run ahead of the adds
		uint32_t la = 0x0000 + 0x300 * slot, lb = 0x0100 + 0x300 * slot, lr = 0x0200 + 0x300 * slot;
		rt_tensor ga = small_global(0x100000 + 0x200 * (k % 256)),
			  gb = small_global(0x140000 + 0x200 * (k % 256)),
			  gr = small_global(0x180000 + 0x200 * (k % 256));
		rt_tensor ta = small_local(la), tb = small_local(lb), tr = small_local(lr);
		tdma_desc d[3];
		rt_tdma_tensor_copy(&d[0], TDMA_DESC_TRANS_DIR_G2L, &ga, &ta);
		rt_tdma_tensor_copy(&d[1], TDMA_DESC_TRANS_DIR_G2L, &gb, &tb);
		rt_tdma_tensor_copy(&d[2], TDMA_DESC_TRANS_DIR_L2G, &tr, &gr);
		for (unsigned j = 0; j < 3; j++) {
			d[j].cmd_id = 3 * k + j + 1;
			d[j].bar_en = 1;
			// loads may not overwrite a slot before its previous add read it
			d[j].wait_id_tpu = j == 2 ? k + 1 : (k >= 4 ? k - 3 : 0);
			d[j].eod = d[j].intp_en = k + 1 == p && j == 2;
			put_tdma(3 * k + j, d[j]);
		}
		tiu_desc t = add_desc(lr, la, lb);
		t.cmd_id_tpu = k + 1;
		t.cmd_id_gdma = 3 * k + 2;
		t.cmd_end = t.cmd_intr_en = k + 1 == p;
		put_tiu(k, t);
	}
	const auto [w, sim, reps] = repeat([&]() {
		fire_tiu(kTiuDesc);
		fire_tdma(kTdmaDesc, 3 * p);
		wait_tdma(3 * p);
		wait_tiu(p);
	});
	std::printf("mixed_simulated_to_wall_ratio %.4g simulated s per wall s  (%u x %u x [load, load, "
		    "add, store], %.3f ms simulated in %.3f s wall)\n",
		    sim / w, reps, p, sim * 1e3, w);
	std::printf("mixed_descriptors_per_wall_second %.0f desc/s\n", 4.0 * p * reps / w);
}

void Runner::run()
{
	bench_tdma("tdma_descriptors_per_wall_second");
	bench_tiu("tiu_descriptors_per_wall_second");
	bench_timing_only();
	bench_regs();
	bench_regbank();
	bench_mixed();
	if (!top_->hang_report().empty())
		fail(top_->hang_report().c_str());
	sc_core::sc_stop();
}

} // namespace

int sc_main(int argc, char **argv)
{
	unsigned iters = kMaxStream;
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = (unsigned)std::strtoul(argv[++i], nullptr, 0);
		} else {
			std::fprintf(stderr, "usage: %s [--iters N]\n", argv[0]);
			return 2;
		}
	}
	if (iters < 10)
		iters = 10;
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);

	std::string cmd;
	for (int i = 0; i < argc; i++)
		cmd += (i ? " " : "") + std::string(argv[i]);
	std::printf("command: %s\n", cmd.c_str());
	std::printf("build: %s\n",
#ifdef NDEBUG
		    "optimised (NDEBUG)"
#else
		    "assertions on"
#endif
	);

	TpuTop top("top");
	TpuConfig rtl_cfg;
	rtl_cfg.regs = RegImpl::rtl;
	TpuTop rtl_top("rtl_top", rtl_cfg);  // idle but for bench_regs' RTL loop
	TpuConfig timing_cfg;
	timing_cfg.timing_only = true;
	TpuTop timing_top("timing_top", timing_cfg);  // idle but for bench_timing_only
	Runner r("bench", top, rtl_top, timing_top, iters);
	auto w0 = Clock::now();
	sc_core::sc_start();
	std::printf("total_wall_time %.3f s\n", secs(w0, Clock::now()));
	if (r.failures)
		std::printf("FAIL: %d check(s) failed\n", r.failures);
	return r.failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
	return sc_core::sc_elab_and_sim(argc, argv);
}
