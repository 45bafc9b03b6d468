// SPDX-License-Identifier: Apache-2.0
//
// model_demo.cpp - tpusim-demo: one small job on the TPU model, with a log.
//
// A CPU thread plays the driver's part over MMIO (resync the ids, program
// an array base, start the TIU, start the TDMA, wait for the TDMA
// interrupt, poll the TIU) on a stream with cross-engine waits:
//
//   TDMA 1  load A   (G2L)
//   TDMA 2  load B   (G2L)
//   TIU  1  R = A + B                       waits for TDMA 2 (cmd_id_gdma)
//   TDMA 3  independent 32 KiB copy (G2G)   overlaps the add
//   TDMA 4  store R  (L2G)                  waits for TIU 1 (bar_en + wait_id_tpu)
//
// Every descriptor start/end, IRQ edge and hang is printed with its
// simulated time; the result is checked against a host reference
// (exit status 1 on a mismatch).  --vcd FILE writes the IRQ lines and the
// engine busy signals.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <systemc>

#include "rt_desc.h"
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
using sc_core::SC_NS;
using sc_core::SC_US;

namespace {

// Job geometry.
constexpr uint32_t N = 1, C = 16, H = 8, W = 8, E = N * C * H * W;
constexpr uint64_t kBase0 = TPU_DRAM_BASE + 0x00100000;   // ARRAYBASE0
constexpr uint64_t kA = 0x0000, kB = 0x1000, kR = 0x2000;  // offsets from ARRAYBASE0
constexpr uint64_t kCopySrc = 0x10000, kCopyDst = 0x20000;
constexpr uint32_t kCopyBytes = 32768;
constexpr uint64_t kTdmaDesc = TPU_DRAM_BASE + 0x00F00000;  // 64-byte aligned
constexpr uint64_t kTiuDesc = TPU_DRAM_BASE + 0x00E00000;   // 256-byte aligned
constexpr uint32_t kLA = 0x0000, kLB = 0x1000, kLR = 0x2000;  // local addresses, lane 0

std::string stamp()
{
	char buf[32];
	std::snprintf(buf, sizeof(buf), "%12.3f us", sc_core::sc_time_stamp().to_seconds() * 1e6);
	return buf;
}

// The log: everything the model publishes.
struct Log : TpuObserver {
	void desc_start(const DescEvent &e) override
	{
		std::printf("%s  %-4s start  id=%-3u desc#%u from 0x%llx\n", stamp().c_str(),
			    engine_name(e.engine), e.id, e.index, (unsigned long long)e.addr);
	}
	void desc_end(const DescEvent &e) override
	{
		std::printf("%s  %-4s end    id=%-3u %s%s (took %.3f us)", stamp().c_str(),
			    engine_name(e.engine), e.id, e.op, e.executed ? "" : " [timed only]",
			    (e.end - e.start).to_seconds() * 1e6);
		if (e.status)
			std::printf(" status=0x%x", e.status);
		std::printf("\n");
	}
	void irq_edge(int line, bool level) override
	{
		std::printf("%s  irq  %d (%s) %s\n", stamp().c_str(), line, line == TDMA_IRQ ? "tdma" : "tiu",
			    level ? "rises" : "falls");
	}
	void hang(const std::string &r) override { std::printf("%s  HANG %s\n", stamp().c_str(), r.c_str()); }
};

// The CPU plays the driver: VendorSeq issues its register sequences.
class Cpu : public sc_core::sc_module, public VendorSeq {
public:
	TlmPort port;
	int result = 2;  // 0 PASS, 1 FAIL, 2 did not finish

	SC_HAS_PROCESS(Cpu);
	Cpu(sc_core::sc_module_name name, TpuTop &top)
		: sc_module(name), port("port", top.bus.in, sc_time(TPU_MMIO_LATENCY_NS, SC_NS)), top_(top)
	{
		SC_THREAD(run);
		set_stack_size(1 << 20);
	}

private:
	TpuTop &top_;

	void wr(uint64_t a, uint32_t v) override
	{
		if (port.access(true, a, &v) != tlm::TLM_OK_RESPONSE)
			std::printf("MMIO write 0x%llx failed\n", (unsigned long long)a);
	}
	uint32_t rd(uint64_t a) override
	{
		uint32_t v = 0;
		if (port.access(false, a, &v) != tlm::TLM_OK_RESPONSE)
			std::printf("MMIO read 0x%llx failed\n", (unsigned long long)a);
		return v;
	}
	// Memory the CPU prepares (flushed buffers): written straight into DRAM.
	void put(uint64_t a, const void *p, size_t n) { top_.dram.write(a, p, n); }
	void get(uint64_t a, void *p, size_t n) { top_.dram.read(a, p, n); }

	void run();
};

rt_tensor global_t(uint64_t off)
{
	rt_tensor t;
	rt_tensor_global(&t, off, 0, N, C, H, W);
	return t;
}

rt_tensor local_t(uint32_t laddr)
{
	rt_tensor t;
	rt_tensor_local(&t, laddr, N, C, H, W, TPU_CV181X_LANES, true);
	return t;
}

void Cpu::run()
{
	// ---- operands and the host reference
	std::vector<uint8_t> a(E), b(E), copy(kCopyBytes), want(E);
	uint32_t seed = 12345;
	auto rnd = [&seed]() { return seed = seed * 1103515245u + 12345u, (uint8_t)(seed >> 16); };
	for (uint32_t i = 0; i < E; i++) {
		a[i] = rnd(), b[i] = rnd();
		int v = (int8_t)a[i] + (int8_t)b[i];
		want[i] = (uint8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
	}
	for (auto &x : copy)
		x = rnd();
	put(kBase0 + kA, a.data(), E);
	put(kBase0 + kB, b.data(), E);
	put(kBase0 + kCopySrc, copy.data(), kCopyBytes);

	// ---- descriptors (ids and waits as cvikernel assigns them)
	rt_tensor ga = global_t(kA), gb = global_t(kB), gr = global_t(kR);
	rt_tensor la = local_t(kLA), lb = local_t(kLB), lr = local_t(kLR);
	tdma_desc t[4];
	rt_tdma_tensor_copy(&t[0], TDMA_DESC_TRANS_DIR_G2L, &ga, &la);
	rt_tdma_tensor_copy(&t[1], TDMA_DESC_TRANS_DIR_G2L, &gb, &lb);
	rt_tdma_general_copy(&t[2], TDMA_DESC_TRANS_DIR_G2G, kCopySrc, 0, kCopyDst, 0, kCopyBytes);
	rt_tdma_tensor_copy(&t[3], TDMA_DESC_TRANS_DIR_L2G, &lr, &gr);
	for (unsigned i = 0; i < 4; i++) {
		t[i].cmd_id = i + 1;
		t[i].bar_en = 1;
	}
	t[3].wait_id_tpu = 1;
	t[3].eod = t[3].intp_en = 1;
	for (unsigned i = 0; i < 4; i++) {
		uint8_t raw[TDMA_DESC_SIZE];
		tdma_desc_pack(&t[i], raw);
		put(kTdmaDesc + i * TDMA_DESC_SIZE, raw, sizeof(raw));
	}

	tiu_desc add;
	rt_tiu_eltwise_args args = {};
	args.op = TIU_DESC_TSK_EU_TYP_ADD;
	args.res = &lr, args.a = &la, args.b = &lb;
	args.res_signed = args.a_signed = args.b_signed = true;
	rt_tiu_eltwise(&add, &args);
	add.cmd_id_tpu = 1;
	add.cmd_id_gdma = 2;
	add.cmd_end = add.cmd_intr_en = 1;
	uint8_t raw[TIU_DESC_SIZE], stored[TIU_DESC_SIZE], pad[TPU_TIU_EOD_PADDING] = {0};
	tiu_desc_pack(&add, raw);
	tiu_desc_to_stored(raw, stored);
	put(kTiuDesc, stored, sizeof(stored));
	put(kTiuDesc + sizeof(stored), pad, sizeof(pad));

	std::printf("%s  cpu  job ready: 4 TDMA + 1 TIU descriptors\n", stamp().c_str());

	// ---- the driver's sequence (driver/tpu_hw.c, one segment)
	resync();
	set_arraybase(0, kBase0);
	std::printf("%s  cpu  start TIU\n", stamp().c_str());
	fire_tiu(kTiuDesc);
	std::printf("%s  cpu  start TDMA (4 descriptors)\n", stamp().c_str());
	fire_tdma(kTdmaDesc, 4);

	if (!top_.tdma.irq.read())
		wait(sc_time(60, sc_core::SC_SEC), top_.tdma.irq.posedge_event());
	uint32_t st = rd(TDMA_BASE + TDMA_INT_MASK_REG);
	uint32_t sync = FIELD_GET(TDMA_SYNC_STATUS_ID_MASK, rd(TDMA_BASE + TDMA_SYNC_STATUS_REG));
	std::printf("%s  cpu  TDMA interrupt: status=0x%x sync id=%u\n", stamp().c_str(),
		    FIELD_GET(TDMA_INT_MASK_STATUS_MASK, st), sync);
	wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_MASK | TDMA_INT_MASK_STATUS_VAL_ZERO);

	uint32_t bd = 0;
	for (int i = 0; i < 1000; i++) {
		bd = rd(TIU_BASE + TIU_BD_CTRL_REG);
		if (FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, bd) >= 1 && (bd & TIU_BD_CTRL_INT_STATUS_MASK))
			break;
		wait(sc_time(1, SC_US));
	}
	std::printf("%s  cpu  TIU done: id=%u\n", stamp().c_str(), FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, bd));
	wr(TIU_BASE + TIU_BD_CTRL_REG, bd);  // W1C the done bit

	// ---- check against the host reference
	std::vector<uint8_t> got(E), got_copy(kCopyBytes);
	get(kBase0 + kR, got.data(), E);
	get(kBase0 + kCopyDst, got_copy.data(), kCopyBytes);
	size_t bad = 0;
	for (uint32_t i = 0; i < E; i++)
		if (got[i] != want[i] && bad++ < 5)
			std::printf("  R[%u] = %d, want %d\n", i, (int8_t)got[i], (int8_t)want[i]);
	bool copy_ok = got_copy == copy;
	bool ids_ok = sync == 4 && FIELD_GET(TDMA_INT_MASK_STATUS_MASK, st) == TDMA_INT_MASK_STATUS_VAL_EOD;
	std::printf("%s  cpu  result: add %s (%zu of %u elements differ), copy %s, ids %s\n",
		    stamp().c_str(), bad ? "FAIL" : "ok", bad, E, copy_ok ? "ok" : "FAIL",
		    ids_ok ? "ok" : "FAIL");
	result = (!bad && copy_ok && ids_ok) ? 0 : 1;
	sc_core::sc_stop();
}

int usage(const char *argv0)
{
	std::fprintf(stderr, "usage: %s [--vcd FILE]\n", argv0);
	return 2;
}

} // namespace

int sc_main(int argc, char **argv)
{
	std::string vcd;
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "--vcd") && i + 1 < argc)
			vcd = argv[++i];
		else
			return usage(argv[0]);
	}
	// sc_stop() would print "Info: /OSCI/SystemC: Simulation stopped by
	// user." and the VCD writer its timescale; keep the log clean.
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);

	TpuTop top("top");
	Log log;
	top.observers().add(&log);
	Cpu cpu("cpu", top);

	sc_core::sc_trace_file *tf = nullptr;
	if (!vcd.empty()) {
		std::string base = vcd;
		if (base.size() > 4 && base.compare(base.size() - 4, 4, ".vcd") == 0)
			base.resize(base.size() - 4);  // SystemC appends .vcd
		tf = sc_core::sc_create_vcd_trace_file(base.c_str());
		tf->set_time_unit(1, sc_core::SC_PS);  // model times are picoseconds
		top.trace(tf);
	}

	std::printf("tpusim-demo: load A, load B -> TIU add (waits TDMA 2) -> store (waits TIU 1), "
		    "plus an overlapping 32 KiB copy\n");
	sc_core::sc_start();
	if (tf)
		sc_core::sc_close_vcd_trace_file(tf);

	std::printf("%s  simulation ends\n\n%s", stamp().c_str(), top.stats_summary().c_str());
	if (!top.hang_report().empty())
		std::printf("%s\n", top.hang_report().c_str());
	std::printf("%s\n", cpu.result == 0 ? "PASS" : "FAIL");
	if (!vcd.empty())
		std::printf("VCD written to %s\n", vcd.c_str());
	return cpu.result == 0 ? 0 : 1;
}

// Our own main (it wins over the one in libsystemc): no copyright banner
// unless the environment asks for it, then the usual elaboration.
int main(int argc, char **argv)
{
	setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
	return sc_core::sc_elab_and_sim(argc, argv);
}
