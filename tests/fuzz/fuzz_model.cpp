// SPDX-License-Identifier: Apache-2.0
//
// fuzz_model.cpp - random and mutated TDMA/TIU descriptor streams and
// register accesses against the SystemC model alone.
//
//   fuzz_model [--seed S] [--cases N] [--rounds R] [--jobs J]
//              [--timeout SEC] [--verbose] [--no-fork]
//
// Case i runs with seed S + i in a forked child: one TpuTop (random chip,
// DRAM size and hang window) and R rounds (default 8).  A round is one of
//   stream     valid descriptors from the runtime builders (rt_desc.h) -
//              tensor copies, general copies, fills, element-wise TIU ops -
//              kept, bit-flipped, word-overwritten or replaced by random
//              bytes, with random sync ids / end marks / array bases and
//              descriptor addresses (inside DRAM, at its end, outside it),
//              fired with the driver's register sequences (tpu_hw.c);
//   registers  random reads and writes to the TDMA, TIU and reset
//              controller windows: defined registers with random or
//              meaningful values, undefined and misaligned offsets, odd
//              sizes and byte enables, addresses just outside the windows;
//   noisy      a stream with random register accesses while it runs.
// Then it waits like the driver does: for both engines to be idle or a
// hang report, at most 10 s of simulated time (TPU_HW_TIMEOUT_NS), and
// pulses the reset controller as the driver does after a failed job.
//
// Oracle: no crash and no sanitizer report; every round ends within the
// 10 s bound; 1 us after the reset both engines are idle, both interrupt
// lines are low and the sync ids are 0; the simulation itself ends.  The
// parent counts the outcomes (completed, ZERO, BUSERR, DECERR, TIU error,
// hang reported, driver timeout, ...) and reports cases/second.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "fuzz_cases.h"
#include "rng.h"
#include "tlm_port.h"
#include "tpu_top.h"
#include "vendor_seq.h"

extern "C" {
#include "rt_desc.h"
#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/regdesc.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_regs.h"
#include "tpu/tiu_reorder.h"
}

using namespace tpusim;
using sc_core::sc_time;
using sc_core::SC_MS;
using sc_core::SC_NS;
using sc_core::SC_SEC;
using sc_core::SC_US;

namespace {

struct Options : tpusim::fuzz::CaseArgs {
	unsigned rounds = 8;
};

// Child exit codes, in the order of verdict_name()'s names.
enum : int {
	kPass = 0,
	kSanitizer = 1,
	kOracle = 2,     // not idle / IRQ high after reset, or a round beyond the bound
	kNoFinish = 3,   // the simulation ended before all rounds ran
};

const char *verdict_name(int code)
{
	static const char *const names[] = {"pass", "sanitizer report (or other exit 1)", "model oracle failed",
					    "rounds did not all run"};
	return code >= kPass && code <= kNoFinish ? names[code] : "unknown exit code";
}

std::map<std::string, uint64_t> g_stats;
void bump(const std::string &k, uint64_t n = 1)
{
	g_stats[k] += n;
}

// Hang reports and descriptor ends, published by the model.
struct Watch : TpuObserver {
	sc_core::sc_event hang_ev;
	uint64_t hangs = 0;
	void hang(const std::string &) override
	{
		hangs++;
		hang_ev.notify(sc_core::SC_ZERO_TIME);
	}
	void desc_end(const DescEvent &e) override
	{
		bump(std::string(e.engine == Engine::tdma ? "desc.tdma" : "desc.tiu") +
		     (e.status ? ".status" : e.executed ? ".executed" : ".timed_only"));
	}
};

// Streams are fired with the driver's register sequences (VendorSeq).
class FBench : public sc_core::sc_module, public VendorSeq {
public:
	TpuTop top;
	TlmPort port;
	Watch watch;
	Rng r;
	unsigned rounds;
	unsigned rounds_done = 0;
	int verdict = kPass;
	std::string why;
	bool verbose;

	SC_HAS_PROCESS(FBench);
	FBench(sc_core::sc_module_name name, const TpuConfig &cfg, uint64_t seed, unsigned nrounds, bool verb)
		: sc_module(name), top("top", cfg), port("port", top.bus.in, sc_time(10, SC_NS)),
		  r(seed ^ 0x5bd1e995ull), rounds(nrounds), verbose(verb)
	{
		top.observers().add(&watch);
		SC_THREAD(thread);
		set_stack_size(1 << 20);
	}

	uint64_t dram_base() const { return top.config().dram_base; }
	uint64_t dram_end() const { return top.config().dram_base + top.config().dram_size; }
	uint64_t data() const { return dram_base() + 0x100000; }        // 1 MiB of random data
	uint64_t tdma_area() const { return dram_base() + 0x300000; }
	uint64_t tiu_area() const { return dram_base() + 0x380000; }

	// One MMIO access of len bytes (1, 2, 4 or 8), optionally with byte
	// enables; true on TLM_OK.
	bool access(bool write, uint64_t addr, uint64_t &value, unsigned len = 4, bool byte_en = false)
	{
		unsigned char buf[8], be[8];

		std::memcpy(buf, &value, sizeof(buf));
		if (byte_en)
			for (unsigned i = 0; i < len; i++)
				be[i] = r.chance(50) ? 0xFF : 0;
		bool ok = port.access(write, addr, buf, len, byte_en ? be : nullptr) == tlm::TLM_OK_RESPONSE;
		if (!write) {
			value = 0;
			std::memcpy(&value, buf, len);
		}
		bump(ok ? "mmio.ok" : "mmio.error");
		return ok;
	}
	void wr(uint64_t addr, uint32_t v) override
	{
		uint64_t x = v;
		access(true, addr, x);
	}
	uint32_t rd(uint64_t addr) override
	{
		uint64_t x = 0;
		access(false, addr, x);
		return static_cast<uint32_t>(x);
	}

	// The driver's pulse (assert all three, then deassert them).  Random
	// register writes may have left a reset asserted, and the model resets
	// an engine on the 1 -> 0 edge of its bit only, so release them first.
	void reset_pulse()
	{
		const uint64_t rst = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
		const uint32_t bits = RSTC_SOFT_RSTN_0_TDMA_MASK | RSTC_SOFT_RSTN_0_TPU_MASK |
				      RSTC_SOFT_RSTN_0_TPUSYS_MASK;
		uint32_t v = rd(rst);
		if ((v & bits) != bits) {
			bump("reset_found_asserted");
			wr(rst, v | bits);
		}
		wr(rst, v & ~bits);
		wr(rst, v | bits);
	}

	// ---- descriptors -----------------------------------------------------

	rt_tensor local_tensor(uint32_t n, uint32_t c, uint32_t h, uint32_t w)
	{
		rt_tensor t;
		unsigned lanes = top.config().lanes();
		uint32_t lane = r.below(lanes);
		uint32_t off = r.chance(70) ? r.below(0x2000) / 16 * 16 : r.below(TPU_LMEM_LANE_SIZE);
		rt_tensor_local(&t, lane << TPU_LMEM_ADDR_SHIFT | off, n, c, h, w, lanes, r.chance(70));
		return t;
	}

	rt_tensor global_tensor(uint32_t n, uint32_t c, uint32_t h, uint32_t w)
	{
		rt_tensor t;
		rt_tensor_global(&t, r.chance(95) ? r.below(0x40000) : r.next() & 0xFFFFFFFFFFull, r.below(8), n,
				 c, h, w);
		if (r.chance(10)) {
			t.h_stride = r.below(4) ? t.h_stride + r.below(64) : r.u32();
			t.c_stride = r.below(4) ? t.c_stride * 2 : r.u32();
		}
		return t;
	}

	tdma_desc valid_tdma()
	{
		tdma_desc d;
		std::memset(&d, 0, sizeof(d));
		uint32_t n = 1 + r.below(2), c = 1 + r.below(16), h = 1 + r.below(8), w = 1 + r.below(32);
		unsigned k = r.below(6);
		switch (k) {
		case 0:
		case 1: {
			rt_tensor g = global_tensor(n, c, h, w), l = local_tensor(n, c, h, w);
			if (k == 0)
				rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
			else
				rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &l, &g);
			break;
		}
		case 2: {
			rt_tensor a = global_tensor(n, c, h, w), b = global_tensor(n, c, h, w);
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2G, &a, &b);
			break;
		}
		case 3: {
			rt_tensor a = local_tensor(n, c, h, w), b = local_tensor(n, c, h, w);
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2L, &a, &b);
			break;
		}
		case 4:
			rt_tdma_general_copy(&d, r.pick<unsigned>({TDMA_DESC_TRANS_DIR_G2G, TDMA_DESC_TRANS_DIR_G2L,
								   TDMA_DESC_TRANS_DIR_L2G}),
					     r.below(0x40000), r.below(8), r.below(0x40000), r.below(8),
					     r.chance(90) ? r.below(4097) : r.u32());
			break;
		default: {
			bool local = r.chance(50);
			rt_tensor t = local ? local_tensor(n, c, h, w) : global_tensor(n, c, h, w);
			rt_tdma_fill(&d, local ? TDMA_DESC_TRANS_DIR_G2L : TDMA_DESC_TRANS_DIR_L2G, &t,
				     static_cast<uint16_t>(r.u32()));
			break;
		}
		}
		if (r.chance(4)) {  // a valid encoding with huge shapes and strides
			d.src_n = r.below(0x10000), d.src_c = r.below(0x10000);
			d.src_h = r.below(0x10000), d.src_w = r.below(0x10000);
			d.dst_c = d.src_c, d.dst_h = d.src_h, d.dst_w = d.src_w;
			d.src_n_stride = r.u32(), d.dst_n_stride = r.u32();
			bump("huge.tdma");
		}
		return d;
	}

	tiu_desc valid_tiu()
	{
		tiu_desc d;
		std::memset(&d, 0, sizeof(d));
		uint32_t n = 1 + r.below(2), c = 1 + r.below(16), h = 1 + r.below(8), w = 1 + r.below(32);
		rt_tensor res = local_tensor(n, c, h, w), a = local_tensor(n, c, h, w), b = local_tensor(n, c, h, w);
		rt_tiu_eltwise_args e = {};
		e.op = static_cast<rt_tiu_op>(r.below(11));
		e.res = &res;
		e.a = &a;
		e.b = &b;
		e.b_is_const = r.chance(40);
		e.b_const = static_cast<int16_t>(r.u32());
		e.rshift = r.chance(70) ? 0 : r.below(16);
		e.lshift = r.chance(80) ? 0 : r.below(16);
		e.accumulate = r.chance(10);
		e.relu = r.chance(20);
		e.res_signed = r.chance(50);
		e.a_signed = r.chance(50);
		e.b_signed = r.chance(50);
		if (rt_tiu_eltwise(&d, &e)) {
			// Operand addresses that do not fit: a plain copy instead.
			e.op = TIU_DESC_TSK_EU_TYP_COPY;
			a = local_tensor(n, c, h, w);
			a.addr &= 0x7FFF;
			rt_tiu_eltwise(&d, &e);
		}
		if (r.chance(5)) {  // another task type (conv, pooling, matrix) on the same operands
			d.tsk_typ = r.below(4);
			d.tsk_eu_typ = r.below(16);
			bump("other_task.tiu");
		}
		if (r.chance(3)) {  // huge 12-bit shapes, small strides
			d.res0_n = d.opd0_n = d.opd1_n = r.below(0x1000);
			d.res0_c = d.opd0_c = d.opd1_c = r.below(0x1000);
			d.res0_h = d.opd0_h = d.opd1_h = r.below(0x1000);
			d.res0_w = d.opd0_w = d.opd1_w = r.below(0x1000);
			d.res0_n_str = r.below(3), d.res0_c_str = r.below(3), d.res0_h_str = r.below(3);
			d.opd0_n_str = r.below(3), d.opd0_c_str = r.below(3), d.opd0_h_str = r.below(3);
			bump("huge.tiu");
		}
		return d;
	}

	// Percentage of descriptors mutate_raw() changes in this round.
	unsigned mut_pct = 50;

	// Mutates raw descriptor bytes; returns the mutation's name.
	const char *mutate_raw(uint8_t *raw, size_t len)
	{
		if (!r.chance(mut_pct))
			return "valid";
		switch (r.below(6)) {
		case 0: case 1: case 2: {
			unsigned k = 1 + r.below(4);
			for (unsigned i = 0; i < k; i++)
				raw[r.below(static_cast<uint32_t>(len))] ^= static_cast<uint8_t>(1u << r.below(8));
			return "bitflip";
		}
		case 3: {
			uint32_t v = r.pick<uint32_t>({0, 0xFFFFFFFFu, 0xFFFFu, 0x10000u, r.u32()});
			std::memcpy(raw + r.below(static_cast<uint32_t>(len / 4)) * 4, &v, 4);
			return "word";
		}
		case 4: {
			size_t off = r.below(static_cast<uint32_t>(len));
			r.fill(raw + off, std::min<size_t>(len - off, 1 + r.below(16)));
			return "bytes";
		}
		default:
			r.fill(raw, len);
			return "random";
		}
	}

	void put(uint64_t addr, const void *src, size_t len)
	{
		// Descriptor addresses may lie outside DRAM: then nothing is
		// stored and the engine's fetch faults.
		top.dram.write(addr, src, len);
	}

	uint64_t desc_addr(uint64_t area, unsigned align_shift)
	{
		uint64_t a;
		switch (r.below(24)) {
		case 0: a = dram_end() - (1 + r.below(4)) * (1ull << align_shift); break;  // runs off the end
		case 1: a = r.pick<uint64_t>({0, 0x1000, dram_base() - 64, dram_end()}); break;
		case 2: a = dram_base() + (r.next() % top.config().dram_size); break;
		case 3: a = r.next() & 0xFFFFFFFFFFull; break;
		default: a = area + (r.below(64) << align_shift); break;
		}
		return a >> align_shift << align_shift;
	}

	// ---- a round --------------------------------------------------------

	struct Fired {
		unsigned ntdma = 0, ntiu = 0;
	};

	Fired stream(bool noisy)
	{
		Fired f;
		unsigned n = r.chance(10) ? 0 : 1 + r.below(8);
		unsigned m = r.chance(30) ? 0 : 1 + r.below(6);
		// Mutation rate of the round: all valid, a few, or most.
		mut_pct = r.pick<unsigned>({0, 0, 10, 25, 60});
		bool number = r.chance(85), mark = r.chance(85);
		// Sync ids: none, TIU-waits-on-TDMA only (never a cycle), or
		// random both ways (cycles: hangs the model must report).
		unsigned sync = r.pick<unsigned>({0, 0, 1, 1, 1, 2});
		uint64_t ta = desc_addr(tdma_area(), TPU_TDMA_DESC_ALIGN_SHIFT);
		uint64_t ua = desc_addr(tiu_area(), TPU_TIU_DESC_ALIGN_SHIFT);

		for (unsigned i = 0; i < n; i++) {
			tdma_desc d = valid_tdma();
			if (number)
				d.cmd_id = i + 1;
			else
				d.cmd_id = r.below(4) ? r.below(n + 2) : r.u32();
			d.bar_en = 1;
			d.wait_id_tpu = sync == 2 && m ? r.below(m + 1) : 0;
			if (mark && i + 1 == n)
				d.eod = d.intp_en = 1;
			else if (r.chance(5))
				d.eod = d.intp_en = 1;
			uint8_t raw[TDMA_DESC_SIZE];
			tdma_desc_pack(&d, raw);
			bump(std::string("mut.tdma.") + mutate_raw(raw, sizeof(raw)));
			put(ta + i * TDMA_DESC_SIZE, raw, sizeof(raw));
		}
		for (unsigned i = 0; i < m; i++) {
			tiu_desc d = valid_tiu();
			d.cmd_id_en = 1;
			d.cmd_id_tpu = number ? i + 1 : r.below(m + 2);
			d.cmd_id_gdma = sync && n ? r.below(n + 1) : 0;
			d.cmd_end = d.cmd_intr_en = (mark && i + 1 == m) || r.chance(3);
			uint8_t raw[TIU_DESC_SIZE], stored[TIU_DESC_SIZE];
			tiu_desc_pack(&d, raw);
			bool stored_mut = r.chance(30);
			const char *how = stored_mut ? "valid" : mutate_raw(raw, sizeof(raw));
			tiu_desc_to_stored(raw, stored);
			if (stored_mut)
				how = mutate_raw(stored, sizeof(stored));
			bump(std::string("mut.tiu.") + how);
			put(ua + i * TIU_DESC_SIZE, stored, sizeof(stored));
		}
		// The runtime's 128 zero bytes after the chain (mostly).
		std::vector<uint8_t> pad(TPU_TIU_EOD_PADDING, 0);
		if (r.chance(10))
			r.fill(pad.data(), pad.size());
		put(ua + m * TIU_DESC_SIZE, pad.data(), pad.size());

		resync();
		for (unsigned i = 0; i < 8; i++)
			set_arraybase(i, r.chance(95) ? data() + 0x10000ull * r.below(16)
						      : r.pick<uint64_t>({r.next() & 0xFFFFFFFFFFull, dram_end() - 0x100,
									  0, dram_base()}));
		if (r.chance(10)) {  // the PMU, as tpu_pmu.c enables it
			wr(TDMA_BASE + TDMA_PMU_BUFBASE_REG, static_cast<uint32_t>((data() + 0x80000) >> 4));
			wr(TDMA_BASE + TDMA_PMU_BUFSIZE_REG, r.below(0x1000));
			wr(TDMA_BASE + TDMA_PMU_CTRL_REG, 0x759);
		}
		if (m || r.chance(10))
			fire_tiu(ua);
		if (noisy)
			register_noise(1 + r.below(4));
		uint32_t count = r.chance(85) ? n : r.pick<uint32_t>({0, 1, n + 1, 0xFFFF, r.u32()});
		if (n && r.chance(12)) {
			// PIO mode: the first descriptor through CMD_ACCP0..15, run
			// with MODESEL = 0.  Zeros when ta is outside DRAM (the read
			// then fails and leaves raw alone).
			uint8_t raw[TDMA_DESC_SIZE] = {};
			top.dram.read(ta, raw, sizeof(raw));
			for (unsigned w = 0; w < TDMA_CMD_ACCP_COUNT; w++) {
				uint32_t v;
				std::memcpy(&v, raw + 4 * w, 4);
				wr(TDMA_BASE + TDMA_CMD_ACCP_REG(w), v);
			}
			wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_VAL_ZERO);
			wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_ENABLE_MASK | FIELD_PREP(TDMA_CTRL_BURSTLEN_MASK, TDMA_CTRL_BURSTLEN_VAL_BEATS_16));
			bump("pio.tdma");
		} else if (n || r.chance(20)) {
			fire_tdma(ta, count);
		}
		f.ntdma = n;
		f.ntiu = m;
		return f;
	}

	// Random register accesses: defined registers with random or
	// meaningful values, undefined offsets, odd sizes, neighbours.
	void register_noise(unsigned k)
	{
		static const auto &blocks = tpu_regblk_all;
		for (unsigned i = 0; i < k; i++) {
			const tpu_reg_block *b = blocks[r.below(TPU_REG_BLOCK_COUNT)];
			uint64_t addr;
			unsigned u = r.below(100);
			if (u < 65)
				addr = b->base + b->regs[r.below(static_cast<uint32_t>(b->nregs))].offset;
			else if (u < 85)
				addr = b->base + (r.below(b->size) & ~3u);  // maybe undefined
			else if (u < 92)
				addr = b->base + r.below(b->size);         // maybe misaligned
			else
				addr = b->base + r.pick<uint64_t>({b->size, b->size - 2, static_cast<uint64_t>(-4),
								   0x10000});
			uint64_t v;
			switch (r.below(8)) {
			case 0: v = 0; break;
			case 1: v = 0xFFFFFFFFu; break;
			case 2: v = 1u << r.below(32); break;
			case 3:  // start-ish values
				v = r.pick<uint64_t>({TDMA_CTRL_ENABLE_MASK, TDMA_CTRL_ENABLE_MASK | TDMA_CTRL_MODESEL_MASK |
										 (1u + r.below(4)) << 16,
						      TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK |
							      TIU_BD_CTRL_INTR_EN_MASK,
						      RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TPUSYS_MASK,
						      RSTC_SOFT_RSTN_0_RESVAL});
				break;
			default: v = r.next(); break;
			}
			unsigned len = r.chance(90) ? 4 : r.pick<unsigned>({1, 2, 8});
			bool be = r.chance(3);
			bool write = r.chance(70);
			bool ok = access(write, addr, v, len, be);
			if (verbose)
				fprintf(stderr, "    %s 0x%" PRIx64 " len %u%s = 0x%" PRIx64 " %s\n", write ? "wr" : "rd",
					addr, len, be ? " be" : "", v, ok ? "ok" : "ERR");
		}
	}

	void fail(const std::string &w)
	{
		if (verdict == kPass) {
			verdict = kOracle;
			why = w;
		}
	}

	void round(unsigned idx)
	{
		unsigned kind = r.below(10);
		const char *kname = kind < 6 ? "stream" : kind < 8 ? "registers" : "noisy";
		sc_time t0 = sc_core::sc_time_stamp();
		uint64_t hangs0 = watch.hangs;
		Fired f;

		bump(std::string("round.") + kname);
		if (kind < 6)
			f = stream(false);
		else if (kind < 8)
			register_noise(5 + r.below(40));
		else
			f = stream(true);

		// Wait like the driver: until both engines rest or a hang is
		// reported, at most TPU_HW_TIMEOUT_NS; noisy rounds poke
		// registers meanwhile.
		const sc_time limit(10, SC_SEC);
		sc_time deadline = t0 + limit;
		bool hang = false, timeout = false;
		unsigned pokes = kind >= 8 ? r.below(4) : 0;
		for (;;) {
			wait(sc_time(1, SC_US));
			if (top.tdma.state() == EngineState::idle && top.tiu.state() == EngineState::idle)
				break;
			if (watch.hangs != hangs0) {
				hang = true;
				break;
			}
			if (sc_core::sc_time_stamp() >= deadline) {
				timeout = true;
				break;
			}
			if (pokes) {
				pokes--;
				wait(sc_time(static_cast<double>(r.below(50)), SC_US));
				register_noise(1 + r.below(3));
				continue;
			}
			wait(deadline - sc_core::sc_time_stamp(), top.tdma.busy.default_event() |
									  top.tiu.busy.default_event() | watch.hang_ev);
		}
		sc_time took = sc_core::sc_time_stamp() - t0;

		uint32_t im = rd(TDMA_BASE + TDMA_INT_MASK_REG);
		uint32_t st = FIELD_GET(TDMA_INT_MASK_STATUS_MASK, im);
		uint32_t bd = rd(TIU_BASE + TIU_BD_CTRL_REG);
		bool tiu_err = bd & TIU_BD_CTRL_ERR_MASK, tiu_done = bd & TIU_BD_CTRL_INT_STATUS_MASK;
		bool fatal = st & (TDMA_INT_MASK_STATUS_VAL_BUSERR | TDMA_INT_MASK_STATUS_VAL_DECERR);
		if (st & TDMA_INT_MASK_STATUS_VAL_EOD)
			bump("outcome.tdma_eod");
		if (st & TDMA_INT_MASK_STATUS_VAL_ZERO)
			bump("outcome.tdma_zero");
		if (st & TDMA_INT_MASK_STATUS_VAL_BUSERR)
			bump("outcome.tdma_buserr");
		if (st & TDMA_INT_MASK_STATUS_VAL_DECERR)
			bump("outcome.tdma_decerr");
		if (st & TDMA_INT_MASK_STATUS_VAL_EOPMU)
			bump("outcome.tdma_eopmu");
		if (st & ~(TDMA_INT_MASK_STATUS_VAL_EOD | TDMA_INT_MASK_STATUS_VAL_ZERO | TDMA_INT_MASK_STATUS_VAL_BUSERR |
			   TDMA_INT_MASK_STATUS_VAL_DECERR | TDMA_INT_MASK_STATUS_VAL_EOPMU))
			bump("outcome.tdma_other_status");
		if (tiu_err)
			bump("outcome.tiu_err");
		if (tiu_done)
			bump("outcome.tiu_done");
		if (hang)
			bump("outcome.hang_reported");
		if (timeout)
			bump("outcome.driver_timeout");
		if (!hang && !timeout && (st & TDMA_INT_MASK_STATUS_VAL_EOD) && !fatal && !tiu_err)
			bump("outcome.completed");
		if (!hang && !timeout && !st && !tiu_err && !tiu_done)
			bump("outcome.ended_silently");
		if (verbose)
			fprintf(stderr, "  round %u %s: tdma %u tiu %u -> status 0x%x tiu_ctrl 0x%08x%s%s in %s\n", idx,
				kname, f.ntdma, f.ntiu, st, bd, hang ? " HANG" : "", timeout ? " TIMEOUT" : "",
				took.to_string().c_str());
		if (took > limit + sc_time(1, SC_MS))
			fail("round " + std::to_string(idx) + " took " + took.to_string() + " (bound 10 s)");

		// The driver's recovery, then the engines must rest.
		reset_pulse();
		wait(sc_time(1, SC_US));
		if (top.tdma.state() != EngineState::idle || top.tiu.state() != EngineState::idle)
			fail("round " + std::to_string(idx) + ": engines not idle 1 us after reset: " +
			     top.tdma.describe() + "; " + top.tiu.describe());
		if (top.tdma.irq.read() || top.tiu.irq.read())
			fail("round " + std::to_string(idx) + ": IRQ line high after reset (tdma " +
			     std::to_string(top.tdma.irq.read()) + ", tiu " + std::to_string(top.tiu.irq.read()) + ")");
		if (top.tdma.completed_id() || top.tiu.completed_id())
			fail("round " + std::to_string(idx) + ": sync ids not 0 after reset");
	}

	void thread()
	{
		// Random DRAM data and LMEM.
		std::vector<uint8_t> v(0x100000);
		r.fill(v.data(), v.size());
		top.dram.write(data(), v.data(), v.size());
		r.fill(top.lmem().data(), top.lmem().size());

		for (unsigned i = 0; i < rounds; i++) {
			round(i);
			rounds_done++;
		}
	}
};

int run_case(const Options &opt, uint64_t seed)
{
	Rng r(seed);
	TpuConfig cfg;

	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
	if (r.chance(15))
		cfg.chip = Chip::cv180x;
	if (r.chance(20))
		cfg.dram_size = 64ull << 20;
	cfg.hang_window = r.pick<sc_time>({sc_time(100, SC_MS), sc_time(100, SC_MS), sc_time(1, SC_MS),
					   sc_time(20, SC_US)});
	printf("case seed %" PRIu64 ": %s, DRAM %" PRIu64 " MiB, hang window %s, %u rounds\n", seed,
	       cfg.chip == Chip::cv180x ? "cv180x" : "cv181x", cfg.dram_size >> 20,
	       cfg.hang_window.to_string().c_str(), opt.rounds);
	fflush(stdout);

	// Never destroyed: SystemC elaborates once per process.
	auto *b = new FBench("fuzz", cfg, seed, opt.rounds, opt.verbose);
	sc_core::sc_start();

	int verdict = b->verdict;
	std::string why = b->why;
	if (verdict == kPass && b->rounds_done != opt.rounds) {
		verdict = kNoFinish;
		why = "simulation ended after " + std::to_string(b->rounds_done) + " of " +
		      std::to_string(opt.rounds) + " rounds";
	}
	bump("rounds", b->rounds_done);
	bump("dram_pages", b->top.dram.pages_allocated());
	bump("tdma.descriptors", b->top.tdma.stats().descriptors);
	bump("tiu.descriptors", b->top.tiu.stats().descriptors);
	bump("virtual_ms", static_cast<uint64_t>(sc_core::sc_time_stamp().to_seconds() * 1000));
	for (auto &kv : g_stats)
		printf("@@stat %s %" PRIu64 "\n", kv.first.c_str(), kv.second);
	if (verdict != kPass) {
		printf("FAIL (%s): %s\n", verdict_name(verdict), why.c_str());
		printf("%s", b->top.stats_summary().c_str());
	}
	fflush(stdout);
	return verdict;
}

// ---- the parent ----------------------------------------------------------------

void usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [--seed S] [--cases N] [--rounds R] [--jobs J] [--timeout SEC] [--verbose] [--no-fork]\n"
		"Case i uses seed S+i; replay one case with --seed <its seed> --cases 1.\n",
		argv0);
	exit(2);
}

std::string replay_cmd(const char *argv0, const Options &o, uint64_t seed)
{
	std::string s = std::string(argv0) + " --seed " + std::to_string(seed) + " --cases 1";
	if (o.rounds != Options().rounds)
		s += " --rounds " + std::to_string(o.rounds);
	return s;
}

} // namespace

int main(int argc, char **argv)
{
	Options o;

	tpusim::fuzz::read_args(argc, argv, usage, [&](const std::string &a, const tpusim::fuzz::ArgValue &val) {
		if (a != "--rounds")
			return tpusim::fuzz::case_arg(a, val, o);
		o.rounds = static_cast<unsigned>(strtoul(val(), nullptr, 0));
		return true;
	});

	return tpusim::fuzz::case_main(
		"fuzz_model", o, kPass, [&](uint64_t seed) { return run_case(o, seed); },
		[](int v) { return std::string(verdict_name(v)); },
		[&](uint64_t seed) { return replay_cmd(argv[0], o, seed); },
		[](const tpusim::fuzz::Totals &totals) {
			printf("outcomes:");
			for (auto &kv : totals)
				if (kv.first.rfind("outcome.", 0) == 0)
					printf(" %s=%" PRIu64, kv.first.c_str() + 8, kv.second);
			printf("\ntotals:");
			for (auto &kv : totals)
				if (kv.first.rfind("outcome.", 0) != 0)
					printf(" %s=%" PRIu64, kv.first.c_str(), kv.second);
			printf("\n");
		});
}
