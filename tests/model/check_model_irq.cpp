// SPDX-License-Identifier: Apache-2.0
//
// check_model_irq.cpp - the two level-triggered interrupt lines and the
// reset controller.
//   TDMA line 76 = (INT_MASK.STATUS & ~INT_MASK.MASK) != 0 (W1C status,
//     ZERO masked from reset: mask 0x20);
//   TIU line 75 = BD_CTRL.INTR_EN && (INT_STATUS || ERR) (W1C);
//   reset controller word: a bit going 1 -> 0 resets that engine (active
//     low; TDMA bit 7, TPU bit 8, TPUSYS bit 9 both).
#include <cstdint>
#include <string>
#include <vector>

#include "tb_extra.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;
static constexpr unsigned G2G = TDMA_DESC_TRANS_DIR_G2G;
static constexpr uint64_t INTM = TDMA_BASE + TDMA_INT_MASK_REG;
static constexpr uint64_t BDC = TIU_BASE + TIU_BD_CTRL_REG;
static constexpr uint64_t RST = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;

// Edges on one line, as levels, from the recorder.
static std::vector<int> edges(const Recorder &r, int line)
{
	std::vector<int> v;
	for (const auto &e : r.irqs)
		if (e.line == line)
			v.push_back(e.level);
	return v;
}

static tdma_desc small_copy(uint64_t src, uint64_t dst, uint32_t bytes = 256)
{
	return tdma_copy(G2G, g_compact(src, 1, 1, 1, bytes), g_compact(dst, 1, 1, 1, bytes));
}

static tiu_desc small_add()
{
	TSide l = l_default(0, 1, 8, 2, 16);
	rt_tensor t = to_rt(l);
	rt_tiu_eltwise_args p = {};
	tiu_desc d;
	p.op = TIU_DESC_TSK_EU_TYP_ADD;
	p.res = p.a = p.b = &t;
	rt_tiu_eltwise(&d, &p);
	return d;
}

START_TEST(tdma_level_mask_and_w1c)
{
	run_bench([](Bench &b) {
		ck_assert_uint_eq(b.rd(INTM), TDMA_INT_MASK_RESVAL);
		ck_assert_uint_eq(TDMA_INT_MASK_RESVAL, 0x20);
		ck_assert(!b.top.tdma.irq.read());
		b.resync();
		put_tdma_stream(b, kTdmaDesc, {small_copy(kData, kData + 0x1000)});
		ck_assert(run_tdma(b, kTdmaDesc, 1));
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		ck_assert(b.rec.irqs.back().t == b.rec.ends.back().end);  // rises when the run ends

		// masking the pending bit drops the line; the status stays
		b.wr(INTM, TDMA_INT_MASK_STATUS_VAL_ZERO | TDMA_INT_MASK_STATUS_VAL_EOD);
		ck_assert(!b.top.tdma.irq.read());
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		// unmasking raises it again (level, not edge)
		b.wr(INTM, TDMA_INT_MASK_STATUS_VAL_ZERO);
		ck_assert(b.top.tdma.irq.read());
		// writing 0s to the status half clears nothing
		b.wr(INTM, TDMA_INT_MASK_STATUS_VAL_ZERO);
		ck_assert(b.top.tdma.irq.read());
		// W1C of the EOD bit drops it
		b.wr(INTM, FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, TDMA_INT_MASK_STATUS_VAL_EOD) |
				   TDMA_INT_MASK_STATUS_VAL_ZERO);
		ck_assert(!b.top.tdma.irq.read());
		ck_assert_uint_eq(tdma_status(b), 0);
		ck_assert_uint_eq(tdma_mask(b), TDMA_INT_MASK_STATUS_VAL_ZERO);

		std::vector<int> want = {1, 0, 1, 0};
		ck_assert(edges(b.rec, TDMA_IRQ) == want);
		ck_assert(edges(b.rec, TIU_IRQ).empty());
	});
}
END_TEST

// ZERO (0x20) is masked from reset: a zero-dimension descriptor sets the
// status but not the line until software unmasks it.
START_TEST(tdma_zero_masked_by_default)
{
	run_bench([](Bench &b) {
		tdma_desc d = small_copy(kData, kData + 0x1000);
		d.src_h = 0;
		d.cmd_id = 1;  // no eod / intp_en: the run ends after DESNUM = 1
		b.put_tdma(kTdmaDesc, d);
		// fire without touching INT_MASK (keeps the reset value)
		b.wr(TDMA_BASE + TDMA_DES_BASE_REG, (uint32_t)(kTdmaDesc >> 6));
		b.wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_ENABLE_MASK | TDMA_CTRL_MODESEL_MASK |
							FIELD_PREP(TDMA_CTRL_DESNUM_MASK, 1));
		ck_assert(wait_idle(b));
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_ZERO);
		ck_assert_uint_eq(tdma_mask(b), TDMA_INT_MASK_STATUS_VAL_ZERO);
		ck_assert(!b.top.tdma.irq.read());
		ck_assert(b.rec.irqs.empty());
		ck_assert_uint_eq(tdma_sync_id(b), 1);  // it still completed

		b.wr(INTM, 0);  // unmask everything
		ck_assert(b.top.tdma.irq.read());
		b.wr(INTM, TDMA_INT_MASK_STATUS_MASK);
		ck_assert(!b.top.tdma.irq.read());
		std::vector<int> want = {1, 0};
		ck_assert(edges(b.rec, TDMA_IRQ) == want);
	});
}
END_TEST

START_TEST(tiu_line_intr_en_and_w1c)
{
	run_bench([](Bench &b) {
		b.resync();
		put_tiu_chain(b, kTiuDesc, {small_add()});
		b.fire_tiu(kTiuDesc);  // sets INTR_EN
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));
		ck_assert(b.top.tiu.irq.read());
		uint32_t v = b.rd(BDC);
		ck_assert(v & TIU_BD_CTRL_INTR_EN_MASK);
		// W1C INT_STATUS (no new start: TPU_EN/DES_ADDR_VLD stay set)
		b.wr(BDC, v);
		ck_assert(!b.top.tiu.irq.read());
		v = b.rd(BDC);
		ck_assert(!(v & TIU_BD_CTRL_INT_STATUS_MASK));
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, v), 1);
		ck_assert_uint_eq(ends_of(b.rec, Engine::tiu).size(), 1);

		// a run without INTR_EN: status set, line low until enabled
		b.resync();
		b.wr(TIU_BASE + TIU_DESC_ADDR_L_REG, (uint32_t)kTiuDesc);
		b.wr(BDC, TIU_BD_CTRL_TPU_EN_MASK | TIU_BD_CTRL_DES_ADDR_VLD_MASK |
				  FIELD_PREP(TIU_BD_CTRL_LANE_NUM_MASK, TIU_BD_CTRL_LANE_NUM_VAL_LANES_8));
		ck_assert(wait_idle(b));
		v = b.rd(BDC);
		ck_assert(v & TIU_BD_CTRL_INT_STATUS_MASK);
		ck_assert(!b.top.tiu.irq.read());
		b.wr(BDC, (v & ~TIU_BD_CTRL_INT_STATUS_MASK) | TIU_BD_CTRL_INTR_EN_MASK);
		ck_assert(b.top.tiu.irq.read());
		b.wr(BDC, v & ~(TIU_BD_CTRL_INT_STATUS_MASK | TIU_BD_CTRL_INTR_EN_MASK));
		ck_assert(!b.top.tiu.irq.read());
		ck_assert(b.rd(BDC) & TIU_BD_CTRL_INT_STATUS_MASK);  // still pending
		ck_assert_uint_eq(ends_of(b.rec, Engine::tiu).size(), 2);

		std::vector<int> want = {1, 0, 1, 0};
		ck_assert(edges(b.rec, TIU_IRQ) == want);
		ck_assert(edges(b.rec, TDMA_IRQ).empty());
	});
}
END_TEST

// A load -> add -> store job: both completion bits, both lines, TIU first.
START_TEST(both_engines_complete)
{
	run_bench([](Bench &b) {
		b.resync();
		TSide l = l_default(0, 1, 8, 2, 16);
		tdma_desc ld = tdma_copy(G2L, g_compact(kData, 1, 8, 2, 16), l);
		tdma_desc st = tdma_copy(L2G, l, g_compact(kData + 0x1000, 1, 8, 2, 16));
		st.bar_en = 1;
		st.wait_id_tpu = 1;
		tiu_desc d = small_add();
		d.cmd_id_gdma = 1;
		put_tdma_stream(b, kTdmaDesc, {ld, st});
		put_tiu_chain(b, kTiuDesc, {d});
		b.fire_tiu(kTiuDesc);
		ck_assert(run_tdma(b, kTdmaDesc, 2));
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));
		ck_assert(b.top.tiu.irq.read() && b.top.tdma.irq.read());
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		ck_assert(tiu_ctrl(b) & TIU_BD_CTRL_INT_STATUS_MASK);
		ck_assert_uint_eq(b.rec.irqs.size(), 2);
		ck_assert_int_eq(b.rec.irqs[0].line, TIU_IRQ);
		ck_assert_int_eq(b.rec.irqs[1].line, TDMA_IRQ);
		ck_assert(b.rec.irqs[0].t < b.rec.irqs[1].t);
		ck_assert(b.rec.irqs[0].level && b.rec.irqs[1].level);
	});
}
END_TEST

// Asserting the TDMA reset in the middle of a stream: registers back to
// their reset values, the rest of the stream never runs, the TIU keeps its
// registers; after release the engine works again.
START_TEST(rstc_tdma_reset_aborts_stream)
{
	run_bench([](Bench &b) {
		ck_assert_uint_eq(b.rd(RST), RSTC_SOFT_RSTN_0_RESVAL);
		b.resync();
		b.set_arraybase(0, kData);
		b.set_arraybase(3, 0x12345678);
		b.wr(TDMA_BASE + TDMA_DEBUG_MODE_REG, 5);
		b.wr(TIU_BASE + TIU_DESC_ADDR_L_REG, 0xABCD00);
		std::vector<tdma_desc> ds;
		for (unsigned i = 0; i < 20; i++)  // ~25 us each
			ds.push_back(small_copy(0x1000, 0x80000 + 0x1000 * i, 32768));
		put_tdma_stream(b, kTdmaDesc, ds);
		std::vector<uint8_t> marker(64, 0xEE);
		b.poke(kData + 0x80000 + 0x1000 * 19, marker.data(), marker.size());
		b.fire_tdma(kTdmaDesc, 20);
		sc_core::wait(sc_time(60, SC_US));
		ck_assert(b.top.tdma.state() != EngineState::idle);
		size_t done = b.rec.ends.size();
		ck_assert(done >= 1 && done < 20);

		sc_time t_reset = sc_core::sc_time_stamp();
		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TDMA_MASK);
		ck_assert_uint_eq(b.rd(RST), RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TDMA_MASK);
		// every TDMA register is back at its reset value
		for (size_t i = 0; i < tpu_regblk_tdma.nregs; i++) {
			const tpu_reg_desc &r = tpu_regblk_tdma.regs[i];
			ck_assert_msg(b.rd(TDMA_BASE + r.offset) == (r.resval & r.defined_mask),
				      "tdma.%s = 0x%08x after reset", r.name, b.rd(TDMA_BASE + r.offset));
		}
		ck_assert_uint_eq(b.rd(TIU_BASE + TIU_DESC_ADDR_L_REG), 0xABCD00);  // untouched
		ck_assert(!b.top.tdma.irq.read());
		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL);  // release

		// the driver restarts at once (the aborted descriptor would still
		// have ~20 us to run): the new stream must start and finish
		const uint64_t desc2 = kTdmaDesc + 0x10000;
		b.resync();
		b.set_arraybase(0, kData);
		put_tdma_stream(b, desc2, {small_copy(0x1000, 0x70000, 64)});
		ck_assert_msg(run_tdma(b, desc2, 1, sc_time(200, SC_US)),
			      "a stream started right after the reset never completed");
		ck_assert_uint_eq(tdma_sync_id(b), 1);
		ck_assert_uint_eq(b.rec.ends.size(), done + 1);
		ck_assert_uint_eq(b.rec.ends.back().addr, desc2);

		// and the aborted stream never resumes
		sc_core::wait(sc_time(1, SC_MS));
		ck_assert_uint_eq(b.rec.ends.size(), done + 1);
		for (size_t i = 0; i < done; i++)
			ck_assert(b.rec.ends[i].end <= t_reset);
		ck_assert(b.top.tdma.state() == EngineState::idle);
		ck_assert_uint_eq(tdma_sync_id(b), 1);
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		std::vector<int> want = {1};  // only the new stream's EOD
		ck_assert(edges(b.rec, TDMA_IRQ) == want);
		std::vector<uint8_t> got(64);
		b.peek(kData + 0x80000 + 0x1000 * 19, got.data(), got.size());
		ck_assert(got == marker);  // the last copy of the old stream never ran
		ck_assert_uint_eq(b.top.rstc.resets(), 1);
	});
}
END_TEST

// TPU reset touches only the TIU (and drops its line); TPUSYS both.
START_TEST(rstc_tiu_and_tpusys)
{
	run_bench([](Bench &b) {
		b.resync();
		put_tiu_chain(b, kTiuDesc, {small_add()});
		b.fire_tiu(kTiuDesc);
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));
		ck_assert(b.top.tiu.irq.read());
		b.set_arraybase(2, 0x1000);
		b.wr(TIU_BASE + TIU_CTRL2_REG, TIU_CTRL2_PRE_EXE_DISABLE_MASK);

		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TPU_MASK);
		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL);
		ck_assert(!b.top.tiu.irq.read());
		ck_assert_uint_eq(b.rd(BDC), TIU_BD_CTRL_RESVAL);
		ck_assert_uint_eq(b.rd(TIU_BASE + TIU_DESC_ADDR_L_REG), TIU_DESC_ADDR_L_RESVAL);
		ck_assert_uint_eq(b.rd(TIU_BASE + TIU_CTRL2_REG), TIU_CTRL2_RESVAL);
		ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_ARRAYBASE_L_REG(2)), 0x1000);  // TDMA kept

		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TPUSYS_MASK);
		b.wr(RST, RSTC_SOFT_RSTN_0_RESVAL);
		ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_ARRAYBASE_L_REG(2)), 0);
		ck_assert_uint_eq(b.rd(INTM), TDMA_INT_MASK_RESVAL);
		ck_assert_uint_eq(b.top.rstc.resets(), 2);
		std::vector<int> want = {1, 0};
		ck_assert(edges(b.rec, TIU_IRQ) == want);

		// still usable
		b.resync();
		b.fire_tiu(kTiuDesc);
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));
	});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_irq");
	TCase *tc = tcase_create("irq");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, tdma_level_mask_and_w1c);
	tcase_add_test(tc, tdma_zero_masked_by_default);
	tcase_add_test(tc, tiu_line_intr_en_and_w1c);
	tcase_add_test(tc, both_engines_complete);
	tcase_add_test(tc, rstc_tdma_reset_aborts_stream);
	tcase_add_test(tc, rstc_tiu_and_tpusys);
	suite_add_tcase(s, tc);
	return s;
}
