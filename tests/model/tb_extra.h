// SPDX-License-Identifier: Apache-2.0
//
// tb_extra.h - helpers on top of the model bench (tb.h) shared by the
// check_model_{tdma,tiu,sync,irq,errors} suites.  Header-only on purpose:
// tests/model/CMakeLists.txt builds each check_*.cpp on its own against
// tpu_tb, so a helper .cpp would need a CMake change.
//
// The reference semantics come from harness/ref (ref_tdma.h, ref_tiu.h),
// which restates the tensor formulas of hardware-reference 5.2 and never
// calls model/kernels; the helpers here only adapt it to the bench.
//
// Include order: C++ headers first, then this header (it includes <check.h>,
// through check_main.h, last: see toolchain-notes 5 quirk 1).
#ifndef TPUSIM_TESTS_TB_EXTRA_H
#define TPUSIM_TESTS_TB_EXTRA_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ref_tdma.h"
#include "ref_tiu.h"
#include "rng.h"
#include "tb.h"
#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

#include "check_main.h"

namespace tpusim {
namespace tbx {

using sc_core::sc_time;
using sc_core::SC_MS;
using sc_core::SC_NS;
using sc_core::SC_US;

// DRAM layout used by the suites (default config: DRAM at 0x80000000).
constexpr uint64_t kDram = TPU_DRAM_BASE;
constexpr uint64_t kData = kDram;                   // data window start
constexpr uint64_t kDataSize = 0x100000;            // 1 MiB compared byte for byte
constexpr uint64_t kTdmaDesc = kDram + 0x00F00000;  // TDMA descriptors (64-B aligned)
constexpr uint64_t kTiuDesc = kDram + 0x00E00000;   // TIU descriptors (256-B aligned)
constexpr unsigned kLanes = TPU_CV181X_LANES;
constexpr uint32_t kLane = TPU_LMEM_LANE_SIZE;

// ---- register shortcuts ------------------------------------------------

inline uint32_t tdma_int_reg(Bench &b) { return b.rd(TDMA_BASE + TDMA_INT_MASK_REG); }
inline uint32_t tdma_status(Bench &b) { return FIELD_GET(TDMA_INT_MASK_STATUS_MASK, tdma_int_reg(b)); }
inline uint32_t tdma_mask(Bench &b) { return FIELD_GET(TDMA_INT_MASK_MASK_MASK, tdma_int_reg(b)); }
inline uint32_t tdma_sync_id(Bench &b)
{
	return FIELD_GET(TDMA_SYNC_STATUS_ID_MASK, b.rd(TDMA_BASE + TDMA_SYNC_STATUS_REG));
}
inline uint32_t tiu_ctrl(Bench &b) { return b.rd(TIU_BASE + TIU_BD_CTRL_REG); }
inline uint32_t tiu_cmd_id(Bench &b) { return FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, tiu_ctrl(b)); }

// ---- descriptor placement ----------------------------------------------

// Writes a TDMA stream at addr (64-byte slots).  ids 1..n are assigned when
// number is set; the last descriptor gets eod + intp_en when mark_last.
inline void put_tdma_stream(Bench &b, uint64_t addr, std::vector<tdma_desc> ds,
			    bool number = true, bool mark_last = true)
{
	for (size_t i = 0; i < ds.size(); i++) {
		if (number)
			ds[i].cmd_id = (uint32_t)(i + 1);
		if (mark_last && i + 1 == ds.size())
			ds[i].eod = ds[i].intp_en = 1;
		b.put_tdma(addr + i * TDMA_DESC_SIZE, ds[i]);
	}
}

// Writes a TIU chain at addr (112-byte stride, stored form) followed by the
// 128 zero bytes the runtime appends.  ids 1..n when number; the last gets
// cmd_end + cmd_intr_en when mark_end.
inline void put_tiu_chain(Bench &b, uint64_t addr, std::vector<tiu_desc> ds,
			  bool number = true, bool mark_end = true)
{
	for (size_t i = 0; i < ds.size(); i++) {
		if (number)
			ds[i].cmd_id_tpu = (uint32_t)(i + 1);
		if (mark_end && i + 1 == ds.size())
			ds[i].cmd_end = ds[i].cmd_intr_en = 1;
		b.put_tiu(addr + i * TIU_DESC_SIZE, ds[i]);
	}
	std::vector<uint8_t> zeros(TPU_TIU_EOD_PADDING, 0);
	b.poke(addr + ds.size() * TIU_DESC_SIZE, zeros.data(), zeros.size());
}

// Fire a TDMA stream the driver's way and wait for line 76.
inline bool run_tdma(Bench &b, uint64_t addr, unsigned count, sc_time timeout = sc_time(10, SC_MS))
{
	b.fire_tdma(addr, count);
	return b.wait_tdma_irq(timeout);
}

// Wait until both engines are idle, false on timeout.  Event driven: a
// descriptor may legitimately take simulated seconds.
inline bool wait_idle(Bench &b, sc_time timeout = sc_time(10, SC_MS))
{
	sc_time end = sc_core::sc_time_stamp() + timeout;

	sc_core::wait(sc_core::SC_ZERO_TIME);  // let a just-written start take effect
	while (b.top.tdma.state() != EngineState::idle || b.top.tiu.state() != EngineState::idle) {
		if (sc_core::sc_time_stamp() >= end)
			return false;
		sc_core::wait(end - sc_core::sc_time_stamp(),
			      b.top.tdma.busy.value_changed_event() | b.top.tiu.busy.value_changed_event());
	}
	return true;
}

// ---- tensors and the reference memory image ----------------------------

// One side of a transfer as the reference (harness/ref) sees it: a global
// tensor at a physical DRAM address, or a local tensor at a local address.
using TSide = ref_tensor;

inline TSide g_side(uint64_t phys, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		    uint64_t ns, uint64_t cs, uint64_t hs, unsigned es = 1)
{
	TSide s;
	s.local = false, s.addr = phys, s.n = n, s.c = c, s.h = h, s.w = w;
	s.ns = ns, s.cs = cs, s.hs = hs, s.es = es;
	return s;
}
inline TSide g_compact(uint64_t phys, uint32_t n, uint32_t c, uint32_t h, uint32_t w, unsigned es = 1)
{
	return g_side(phys, n, c, h, w, (uint64_t)c * h * w * es, (uint64_t)h * w * es, (uint64_t)w * es, es);
}
inline TSide l_side(uint64_t laddr, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		    uint64_t ns, uint64_t cs, uint64_t hs, unsigned es = 1)
{
	TSide s = g_side(laddr, n, c, h, w, ns, cs, hs, es);
	s.local = true;
	return s;
}
// The default local layout of hardware-reference 5.2: c stride h*w*es
// (rounded up to 16 when eu_align), n stride c_stride * ceil((lane0+c)/lanes).
inline TSide l_default(uint64_t laddr, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		       bool eu_align = true, unsigned es = 1)
{
	uint64_t lane0 = laddr >> TPU_LMEM_ADDR_SHIFT;
	uint64_t cs = (uint64_t)h * w * es;

	if (eu_align)
		cs = (cs + 15) / 16 * 16;
	return l_side(laddr, n, c, h, w, cs * ((lane0 + c + kLanes - 1) / kLanes), cs, (uint64_t)w * es, es);
}

// A reference byte, or the test fails: the generator placed an element
// outside the compared memory.
inline uint8_t &ref_must(uint8_t *p)
{
	if (!p)
		ck_abort_msg("reference: %s", ref_error());
	return *p;
}

// A copy of LMEM and one DRAM window.
struct Image {
	std::vector<uint8_t> lmem;
	uint64_t dbase = 0;
	std::vector<uint8_t> dram;

	static Image capture(Bench &b, uint64_t dbase = kData, uint64_t dsize = kDataSize)
	{
		Image im;
		im.lmem = b.top.lmem();
		im.dbase = dbase;
		im.dram.resize(dsize);
		b.peek(dbase, im.dram.data(), dsize);
		return im;
	}

	// The image as the reference addresses it.
	ref_mem mem() { return {lmem.data(), kLanes, kLane, dram.data(), dbase, dram.size()}; }

	// Flat local address (lane * 32 KiB + offset), as general copies use it.
	uint8_t &lflat(uint64_t laddr)
	{
		ref_mem m = mem();
		return ref_must(ref_lmem_flat(&m, laddr));
	}
	uint8_t &dbyte(uint64_t phys)
	{
		ref_mem m = mem();
		return ref_must(ref_dram_at(&m, phys));
	}
};

// Reference tensor copy (ref_tdma_copy): element i of src in (n, c, h, w)
// order goes to element i of dst.  Reads come from `from`, writes go to
// `to` (pass the same image twice for in-order streams).
inline void ref_copy(const Image &from, Image &to, const TSide &src, const TSide &dst,
		     bool int8_signed = false)
{
	ref_mem f = const_cast<Image &>(from).mem(), t = to.mem();

	if (ref_tdma_copy(&f, &t, &src, &dst, int8_signed, false))
		ck_abort_msg("reference: %s", ref_error());
}

inline void ref_fill(Image &to, const TSide &dst, uint16_t value)
{
	ref_mem t = to.mem();

	if (ref_tdma_fill(&t, &dst, value))
		ck_abort_msg("reference: %s", ref_error());
}

// Compare two images; on a difference name the first byte.  (Check logs
// every ck_assert call to a file in fork mode, so loops test with a plain
// if and abort only on a mismatch.)
inline void expect_same(const Image &got, const Image &want, const char *what)
{
	ck_assert_uint_eq(got.lmem.size(), want.lmem.size());
	for (size_t i = 0; i < got.lmem.size(); i++)
		if (got.lmem[i] != want.lmem[i])
			ck_abort_msg("%s: LMEM lane %zu offset 0x%zx = 0x%02x, want 0x%02x", what,
				     i / kLane, i % kLane, got.lmem[i], want.lmem[i]);
	ck_assert_uint_eq(got.dram.size(), want.dram.size());
	for (size_t i = 0; i < got.dram.size(); i++)
		if (got.dram[i] != want.dram[i])
			ck_abort_msg("%s: DRAM 0x%llx = 0x%02x, want 0x%02x", what,
				     (unsigned long long)(got.dbase + i), got.dram[i], want.dram[i]);
}

// Random content in LMEM and the DRAM window.
inline void randomize(Bench &b, Rng &r, uint64_t dbase = kData, uint64_t dsize = kDataSize)
{
	r.fill(b.top.lmem());
	std::vector<uint8_t> v(dsize);
	r.fill(v);
	b.poke(dbase, v.data(), v.size());
}

// ---- descriptor construction from TSides ---------------------------------

// rt_tensor for the builder: global addresses as offsets from a base.
inline rt_tensor to_rt(const TSide &s, uint64_t base = 0, unsigned sel = 0)
{
	rt_tensor t;
	t.addr = s.local ? s.addr : s.addr - base;
	t.base_sel = sel;
	t.n = s.n, t.c = s.c, t.h = s.h, t.w = s.w;
	t.n_stride = (uint32_t)s.ns, t.c_stride = (uint32_t)s.cs, t.h_stride = (uint32_t)s.hs;
	t.esize = s.es;
	return t;
}

inline tdma_desc tdma_copy(unsigned dir, const TSide &src, const TSide &dst,
			   uint64_t src_base = 0, unsigned src_sel = 0,
			   uint64_t dst_base = 0, unsigned dst_sel = 0)
{
	tdma_desc d;
	rt_tensor s = to_rt(src, src_base, src_sel), t = to_rt(dst, dst_base, dst_sel);

	rt_tdma_tensor_copy(&d, dir, &s, &t);
	return d;
}

// One copy of a TDMA stream: its descriptor (tdma_copy()) and the two
// sides the reference copies between.
struct Copy {
	tdma_desc d;
	TSide src, dst;

	Copy(unsigned dir, const TSide &s, const TSide &t, uint64_t src_base = 0, unsigned src_sel = 0,
	     uint64_t dst_base = 0, unsigned dst_sel = 0)
		: d(tdma_copy(dir, s, t, src_base, src_sel, dst_base, dst_sel)), src(s), dst(t)
	{
	}
};

inline std::vector<tdma_desc> descs_of(const std::vector<Copy> &cs)
{
	std::vector<tdma_desc> ds;
	for (const auto &c : cs)
		ds.push_back(c.d);
	return ds;
}

// The reference's copies of cs, in stream order, applied to want.
inline void ref_copies(Image &want, const std::vector<Copy> &cs)
{
	for (const auto &c : cs)
		ref_copy(want, want, c.src, c.dst);
}

// Events of one engine from the recorder, in completion order.
inline std::vector<DescEvent> ends_of(const Recorder &r, Engine e)
{
	std::vector<DescEvent> out;
	for (const auto &ev : r.ends)
		if (ev.engine == e)
			out.push_back(ev);
	return out;
}

} // namespace tbx
} // namespace tpusim

#endif
