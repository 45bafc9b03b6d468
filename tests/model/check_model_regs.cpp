// SPDX-License-Identifier: Apache-2.0
//
// check_model_regs.cpp - register semantics of every block, driven by the
// generated tables: reset values (after power-on and after the reset
// controller's pulse), RO ignores writes, W1C clears only the written ones,
// pulses self-clear, reserved bits read 0, undefined offsets answer with a
// bus error.  The tables themselves are checked against the vendor's
// numbers in tests/tools/test_regs.c.
#include <vector>

#include "tb.h"

#include "check_main.h"

#include "tpu/bits.h"
#include "tpu/rstc_regs.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"

using namespace tpusim;

static const auto &kBlocks = tpu_regblk_all;

// Every register of every block, one loop-test case each: a register that
// fails does not hide the ones after it.
struct Reg {
	const tpu_reg_block *blk;
	const tpu_reg_desc *r;
};

static std::vector<Reg> all_regs()
{
	std::vector<Reg> v;

	for (const tpu_reg_block *blk : kBlocks)
		for (size_t i = 0; i < blk->nregs; i++)
			v.push_back({blk, &blk->regs[i]});
	return v;
}

static const std::vector<Reg> kRegs = all_regs();

// Registers whose writes have side effects that would disturb the check
// (starting an engine or resetting one) are exercised by their own tests.
static bool has_side_effect(const tpu_reg_block *b, const tpu_reg_desc &r)
{
	return (b == &tpu_regblk_tdma && r.offset == TDMA_CTRL_REG) ||
	       (b == &tpu_regblk_tiu && r.offset == TIU_BD_CTRL_REG) ||
	       b == &tpu_regblk_rstc;
}

// What the register reads as on the bus.  The bench body runs in a SystemC
// thread; the value comes back so the test body asserts it, and a body that
// never ran leaves the sentinel, which no register's reset value equals
// (defined_mask bits only).
static uint32_t read_reg(Bench &b, const Reg &g)
{
	return b.rd(g.blk->base + g.r->offset);
}

static const uint32_t kNotRead = 0xDEADBEEFu;

START_TEST(reset_values)
{
	const Reg g = kRegs.at(_i);

	const uint32_t want = g.r->resval & g.r->defined_mask;
	uint32_t got = kNotRead;

	run_bench([g, &got](Bench &b) { got = read_reg(b, g); });
	ck_assert_msg(got == want, "%s.%s after power-on: 0x%08x, want 0x%08x", g.blk->name, g.r->name, got,
		      want);
}
END_TEST

// Every bit of both engines' registers away from its reset value, then the
// driver's pulse of the reset controller: every register is back at reset.
START_TEST(reset_pulse_restores_values)
{
	const Reg g = kRegs.at(_i);
	const uint32_t want = g.r->resval & g.r->defined_mask;
	uint32_t got = kNotRead;

	run_bench([g, &got](Bench &b) {
		const uint64_t rst = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
		const uint32_t bits = RSTC_SOFT_RSTN_0_TDMA_MASK | RSTC_SOFT_RSTN_0_TPU_MASK |
				      RSTC_SOFT_RSTN_0_TPUSYS_MASK;

		for (RegBank *rb : {&b.top.tdma.regs(), &b.top.tiu.regs()})
			for (size_t i = 0; i < rb->block().nregs; i++) {
				const tpu_reg_desc &r = rb->block().regs[i];

				RegWrite w;

				// Software bits through the bank's own write (no
				// side effects: the block's hooks are not called),
				// hardware bits through its hardware port.
				rb->write(r.offset, ~r.resval & r.rw_mask, w);
				rb->set_hw(r.offset, r.ro_mask | r.w1c_mask, ~r.resval);
			}
		uint32_t v = b.rd(rst);
		b.wr(rst, v & ~bits);  // a bit going 0 asserts its reset
		b.wr(rst, v | bits);
		wait(sc_core::sc_time(1, sc_core::SC_US));
		got = read_reg(b, g);
	});
	ck_assert_msg(got == want, "%s.%s after the reset pulse: 0x%08x, want 0x%08x", g.blk->name, g.r->name,
		      got, want);
}
END_TEST

START_TEST(access_rules)
{
	const Reg g = kRegs.at(_i);

	if (has_side_effect(g.blk, *g.r))
		return;
	run_bench([g](Bench &b) {
		const tpu_reg_desc &r = *g.r;
		uint64_t a = g.blk->base + r.offset;
		uint32_t before = b.rd(a);

		b.wr(a, 0xFFFFFFFFu);
		uint32_t after = b.rd(a);
		// rw bits take the value, ro bits keep theirs, w1c and sc bits
		// read 0, reserved bits read 0.
		uint32_t expect = r.rw_mask | (before & r.ro_mask);
		ck_assert_msg(after == expect, "%s.%s: wrote ~0, read 0x%08x, want 0x%08x", g.blk->name,
			      r.name, after, expect);
		b.wr(a, 0);
		ck_assert_msg(b.rd(a) == (before & r.ro_mask), "%s.%s: wrote 0", g.blk->name, r.name);
	});
}
END_TEST

// W1C: only the ones written clear; zeros leave status alone.
START_TEST(w1c_clears_only_written_ones)
{
	run_bench([](Bench &b) {
		uint64_t a = TDMA_BASE + TDMA_INT_MASK_REG;

		b.top.tdma.inject_status(TDMA_INT_MASK_STATUS_VAL_EOD | TDMA_INT_MASK_STATUS_VAL_BUSERR);
		uint32_t v = b.rd(a);
		ck_assert_uint_eq(FIELD_GET(TDMA_INT_MASK_STATUS_MASK, v),
				  TDMA_INT_MASK_STATUS_VAL_EOD | TDMA_INT_MASK_STATUS_VAL_BUSERR);
		b.wr(a, FIELD_PREP(TDMA_INT_MASK_STATUS_MASK, TDMA_INT_MASK_STATUS_VAL_EOD) |
			 FIELD_GET(TDMA_INT_MASK_MASK_MASK, v));
		v = b.rd(a);
		ck_assert_uint_eq(FIELD_GET(TDMA_INT_MASK_STATUS_MASK, v), TDMA_INT_MASK_STATUS_VAL_BUSERR);
		b.wr(a, TDMA_INT_MASK_STATUS_MASK);
		ck_assert_uint_eq(FIELD_GET(TDMA_INT_MASK_STATUS_MASK, b.rd(a)), 0);
	});
}
END_TEST

// Pulses act once and read back 0: TIU CTRL2.RESET_ID zeroes CMD_ID.
START_TEST(pulse_self_clears)
{
	run_bench([](Bench &b) {
		b.top.tiu.regs().set_hw(TIU_BD_CTRL_REG, TIU_BD_CTRL_CMD_ID_MASK,
					FIELD_PREP(TIU_BD_CTRL_CMD_ID_MASK, 77));
		b.wr(TIU_BASE + TIU_CTRL2_REG, TIU_CTRL2_RESET_ID_MASK | TIU_CTRL2_PRE_EXE_DISABLE_MASK);
		ck_assert_uint_eq(b.rd(TIU_BASE + TIU_CTRL2_REG), TIU_CTRL2_PRE_EXE_DISABLE_MASK);
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, b.rd(TIU_BASE + TIU_BD_CTRL_REG)), 0);
		b.wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_RESET_SYNCID_MASK);
		ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_CTRL_REG), 0);
	});
}
END_TEST

START_TEST(undefined_offsets_bus_error)
{
	run_bench([](Bench &b) {
		for (const tpu_reg_block *blk : kBlocks)
			for (uint32_t off = 0; off < blk->size; off += 4) {
				uint32_t v = 0x12345678;

				if (tpu_reg_lookup(blk, off))
					continue;
				ck_assert_msg(b.access(false, blk->base + off, v) ==
					      tlm::TLM_ADDRESS_ERROR_RESPONSE, "%s+0x%x read", blk->name, off);
				ck_assert_msg(b.access(true, blk->base + off, v) ==
					      tlm::TLM_ADDRESS_ERROR_RESPONSE, "%s+0x%x write", blk->name, off);
			}
		uint32_t v = 0;
		// misaligned register access and an address nothing decodes
		ck_assert(b.access(false, TDMA_BASE + TDMA_INT_MASK_REG + 2, v) != tlm::TLM_OK_RESPONSE);
		ck_assert(b.access(false, 0x10000000ull, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
	});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_regs");
	TCase *tc = tcase_create("regs");

	tcase_add_loop_test(tc, reset_values, 0, static_cast<int>(kRegs.size()));
	tcase_add_loop_test(tc, reset_pulse_restores_values, 0, static_cast<int>(kRegs.size()));
	tcase_add_loop_test(tc, access_rules, 0, static_cast<int>(kRegs.size()));
	tcase_add_test(tc, w1c_clears_only_written_ones);
	tcase_add_test(tc, pulse_self_clears);
	tcase_add_test(tc, undefined_offsets_bus_error);
	suite_add_tcase(s, tc);
	return s;
}
