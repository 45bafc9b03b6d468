// SPDX-License-Identifier: Apache-2.0
//
// check_model_tiu.cpp - TIU element-wise arithmetic through the whole
// machine: operands loaded by G2L TDMA, computed by the TIU (which waits
// for the loads), results stored by L2G TDMA (which waits for the TIU),
// and compared per element with a reference written here from the CPU
// references of the vendor kernel tests (tl_add_ref, tl_mul_ref,
// tl_mac_ref, tl_arith_shift_ref ...): full-precision op, rounding right
// shift (+ 1 << (s-1)), saturation to the result width, then ReLU; the
// bitwise ops and the shift wrap to the result width.
#include <cstdint>
#include <string>
#include <vector>

#include "tb_extra.h"

#include "tpu/tiu_reorder.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;

static uint64_t lad(unsigned lane, uint32_t off) { return (uint64_t)lane << TPU_LMEM_ADDR_SHIFT | off; }

// Operand geometry: c = 11 from lane 1 wraps (lanes 1..7, 0..3).
static constexpr uint32_t N = 2, C = 11, H = 3, W = 7;
static constexpr uint32_t kElems = N * C * H * W;
static constexpr uint32_t kPlane = 0x800;  // byte distance low -> high plane in a lane

enum Plane { A_LO, A_HI, B_LO, B_HI, R_LO, R_HI, NPLANES };
static const uint32_t kLocal[NPLANES] = {0x0000, 0x0000 + kPlane, 0x1000, 0x1000 + kPlane,
					 0x2000, 0x2000 + kPlane};
static uint64_t dram_in(int p) { return kData + 0x1000 + 0x1000ull * p; }
static uint64_t dram_out(int p) { return kData + 0x20000 + 0x1000ull * (p - R_LO); }

// Start lane 1: opd1/opd2 address fields are 16 bits (hardware-reference
// 5.2), so a second operand must start in lane 0 or 1.
static constexpr unsigned kLane0 = 1;
static TSide local_plane(int p) { return l_default(lad(kLane0, kLocal[p]), N, C, H, W); }

// Short names for the table; the numbers are the reference's (tsk_eu_typ).
enum Op { MUL = REF_TIU_MUL, MAC = REF_TIU_MAC, ADD = REF_TIU_ADD, SUB = REF_TIU_SUB,
	  MAX = REF_TIU_MAX, MIN = REF_TIU_MIN, SHIFT = REF_TIU_SHIFT, AND = REF_TIU_AND,
	  OR = REF_TIU_OR, XOR = REF_TIU_XOR, COPY = REF_TIU_COPY };

struct OpCase {
	const char *name;
	Op op;
	unsigned rshift, lshift;
	bool relu;
	bool res_signed, a_signed, b_signed;
	bool a_wide, b_wide, res_wide;
	bool b_const;
	int16_t b_val;
};

static const OpCase kOps[] = {
	{"add s8 >>1", ADD, 1, 0, false, true, true, true, false, false, false, false, 0},
	{"add s8 relu", ADD, 0, 0, true, true, true, true, false, false, false, false, 0},
	{"add u8 saturating", ADD, 0, 0, false, false, false, false, false, false, false, false, 0},
	{"add const -7", ADD, 0, 0, false, true, true, true, false, false, false, true, -7},
	{"add 16-bit planes >>2", ADD, 2, 0, false, true, true, true, true, true, true, false, 0},
	{"sub s8", SUB, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"sub s8 >>1 relu", SUB, 1, 0, true, true, true, true, false, false, false, false, 0},
	{"mul s8 >>3", MUL, 3, 0, false, true, true, true, false, false, false, false, 0},
	{"mul u8 >>2", MUL, 2, 0, false, false, false, false, false, false, false, false, 0},
	{"mul const 3 >>1", MUL, 1, 0, false, true, true, true, false, false, false, true, 3},
	{"mul s8 -> 16-bit", MUL, 0, 0, false, true, true, true, false, false, true, false, 0},
	{"max s8", MAX, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"max u8", MAX, 0, 0, false, false, false, false, false, false, false, false, 0},
	{"min s8", MIN, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"min const 5", MIN, 0, 0, false, true, true, true, false, false, false, true, 5},
	{"and", AND, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"or", OR, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"xor", XOR, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"copy s8", COPY, 0, 0, false, true, true, true, false, false, false, false, 0},
	{"copy u8", COPY, 0, 0, false, false, false, false, false, false, false, false, 0},
	{"arith shift 16-bit by s8 bits", SHIFT, 0, 0, false, true, true, true, true, false, true, false, 0},
	{"mac 16-bit acc << 2 >> 3 -> 8-bit", MAC, 3, 2, false, true, true, true, false, false, false, false, 0},
	{"mac 16-bit acc << 1 >> 2 -> 16-bit", MAC, 2, 1, false, true, true, true, false, false, true, false, 0},
};

static int64_t load(const std::vector<uint8_t> *pl, int lo, size_t i, bool wide, bool is_signed)
{
	uint32_t v = pl[lo][i];
	if (wide) {
		v |= (uint32_t)pl[lo + 1][i] << 8;
		return is_signed ? (int64_t)(int16_t)v : (int64_t)v;
	}
	return is_signed ? (int64_t)(int8_t)v : (int64_t)v;
}

// Expected (low, high) result planes; the high plane keeps its old value
// unless the result is 16-bit.
static void reference(const OpCase &k, const std::vector<uint8_t> *pl, std::vector<uint8_t> &lo,
		      std::vector<uint8_t> &hi)
{
	// The runtime's builder rounds the right shift (opt_rshift_typ = 1).
	const ref_eltwise e = {static_cast<ref_tiu_op>(k.op), k.rshift, true, k.lshift, k.relu,
			       k.res_wide, k.res_signed};

	lo = pl[R_LO];
	hi = pl[R_HI];
	for (size_t i = 0; i < kElems; i++) {
		int64_t a = load(pl, A_LO, i, k.a_wide, k.a_signed);
		int64_t b = k.b_const ? (k.b_signed ? (int64_t)(int8_t)k.b_val : (int64_t)(uint8_t)k.b_val)
				      : load(pl, B_LO, i, k.b_wide, k.b_signed);
		// mac accumulates into the old 16-bit result (cvikernel tiu_mac)
		int64_t acc = k.op == MAC ? (int64_t)(int16_t)(pl[R_LO][i] | pl[R_HI][i] << 8) : 0;
		int64_t v = ref_eltwise_elem(&e, a, b, acc);

		lo[i] = (uint8_t)(v & 0xFF);
		if (k.res_wide)
			hi[i] = (uint8_t)((v >> 8) & 0xFF);
	}
}

static tiu_desc build(const OpCase &k)
{
	rt_tensor r = to_rt(local_plane(R_LO)), a = to_rt(local_plane(A_LO)), b = to_rt(local_plane(B_LO));
	rt_tiu_eltwise_args p = {};
	tiu_desc d;

	p.op = (rt_tiu_op)k.op;
	p.res = &r, p.a = &a, p.b = &b;
	p.b_is_const = k.b_const;
	p.b_const = k.b_val;
	p.rshift = k.rshift;
	p.lshift = k.lshift;
	p.relu = k.relu;
	p.res_signed = k.res_signed, p.a_signed = k.a_signed, p.b_signed = k.b_signed;
	rt_tiu_eltwise(&d, &p);
	// 16-bit operands live in two 8-bit planes kPlane apart (hardware-reference 3.4)
	if (k.a_wide)
		d.opt_opd0_seg = 0, d.opd0_b_str = kPlane;
	if (k.b_wide)
		d.opt_opd1_seg = 0, d.opd1_b_str = kPlane;
	if (k.res_wide)
		d.opt_res0_seg = 0;
	d.res0_b_str = kPlane;
	if (k.op == MAC)
		d.opt_res_add = 1;  // cvikernel tiu_mac always accumulates
	return d;
}

// Loads (ids 1..6), stores (ids 7, 8: wait for TIU id 1).
static std::vector<tdma_desc> tdma_program()
{
	std::vector<tdma_desc> ds;
	for (int p = 0; p < NPLANES; p++) {
		ds.push_back(tdma_copy(G2L, g_compact(dram_in(p), N, C, H, W), local_plane(p)));
		ds.back().bar_en = 1;
	}
	for (int p = R_LO; p <= R_HI; p++) {
		ds.push_back(tdma_copy(L2G, local_plane(p), g_compact(dram_out(p), N, C, H, W)));
		ds.back().bar_en = 1;
		ds.back().wait_id_tpu = 1;
	}
	return ds;
}

START_TEST(eltwise_op)
{
	const OpCase &k = kOps[_i];
	const int seed = 1000 + _i;

	run_bench([&k, seed](Bench &b) {
		Rng r(seed);
		std::vector<uint8_t> pl[NPLANES];
		for (int p = 0; p < NPLANES; p++) {
			pl[p].resize(kElems);
			r.fill(pl[p]);
		}
		if (k.op == SHIFT)  // shift counts in [-8, 8]
			for (auto &x : pl[B_LO])
				x = (uint8_t)(int8_t)((int)r.below(17) - 8);
		for (int p = 0; p < NPLANES; p++)
			b.poke(dram_in(p), pl[p].data(), kElems);
		r.fill(b.top.lmem());

		b.resync();
		b.set_arraybase(0, 0);
		tiu_desc d = build(k);
		d.cmd_id_gdma = NPLANES;  // wait for every load
		put_tiu_chain(b, kTiuDesc, {d});
		auto ds = tdma_program();
		put_tdma_stream(b, kTdmaDesc, ds);

		b.fire_tiu(kTiuDesc);
		ck_assert(run_tdma(b, kTdmaDesc, (unsigned)ds.size()));
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));

		std::vector<uint8_t> lo, hi, got_lo(kElems), got_hi(kElems);
		reference(k, pl, lo, hi);
		b.peek(dram_out(R_LO), got_lo.data(), kElems);
		b.peek(dram_out(R_HI), got_hi.data(), kElems);
		bool check_hi = k.res_wide || k.op != MAC;  // 8-bit mac: high plane unspecified
		for (size_t i = 0; i < kElems; i++) {
			if (got_lo[i] != lo[i] || (check_hi && got_hi[i] != hi[i]))
				ck_abort_msg("%s: element %zu (n%zu c%zu h%zu w%zu): got %02x%02x want "
					     "%02x%02x (a %02x%02x b %02x%02x old %02x%02x)",
					     k.name, i, i / (C * H * W), i / (H * W) % C, i / W % H, i % W,
					     got_hi[i], got_lo[i], hi[i], lo[i], pl[A_HI][i], pl[A_LO][i],
					     pl[B_HI][i], pl[B_LO][i], pl[R_HI][i], pl[R_LO][i]);
		}
		uint32_t ctrl = tiu_ctrl(b);
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, ctrl), 1);
		ck_assert(ctrl & TIU_BD_CTRL_INT_STATUS_MASK);
		ck_assert(!(ctrl & TIU_BD_CTRL_ERR_MASK));
		ck_assert_uint_eq(tdma_sync_id(b), 8);
		auto te = ends_of(b.rec, Engine::tiu);
		ck_assert_uint_eq(te.size(), 1);
		ck_assert(te[0].executed);
		static const char *const names[] = {"mul", "mac", "add", "sub", "max", "min",
						    "shift", "and", "or", "xor", "copy"};
		ck_assert_str_eq(te[0].op, names[k.op]);
	});
}
END_TEST

// A chain of three dependent ops in one TIU run: ids published in order,
// only the last (cmd_intr_en) sets INT_STATUS, line 75 rises once.
START_TEST(chain_ids_and_int_status)
{
	run_bench([](Bench &b) {
		Rng r(77);
		std::vector<uint8_t> pl[NPLANES];
		for (int p = 0; p < NPLANES; p++) {
			pl[p].resize(kElems);
			r.fill(pl[p]);
			b.poke(dram_in(p), pl[p].data(), kElems);
		}
		b.resync();
		rt_tensor ta = to_rt(local_plane(A_LO)), tb = to_rt(local_plane(B_LO));
		rt_tensor t1 = to_rt(local_plane(R_LO)), t2 = to_rt(local_plane(R_HI));
		rt_tensor t3 = to_rt(l_default(lad(kLane0, 0x3000), N, C, H, W));
		rt_tiu_eltwise_args p = {};
		p.res_signed = p.a_signed = p.b_signed = true;
		std::vector<tiu_desc> chain(3);
		p.op = TIU_DESC_TSK_EU_TYP_ADD, p.res = &t1, p.a = &ta, p.b = &tb, p.rshift = 1;
		rt_tiu_eltwise(&chain[0], &p);
		p.op = TIU_DESC_TSK_EU_TYP_MUL, p.res = &t2, p.a = &t1, p.b = &tb, p.rshift = 4;
		rt_tiu_eltwise(&chain[1], &p);
		p.op = TIU_DESC_TSK_EU_TYP_MAX, p.res = &t3, p.a = &t2, p.b = &ta, p.rshift = 0;
		rt_tiu_eltwise(&chain[2], &p);
		for (auto &d : chain)
			d.cmd_id_gdma = 3;  // both operand loads (ids 2, 3) done
		put_tiu_chain(b, kTiuDesc, chain);

		TSide out = g_compact(kData + 0x40000, N, C, H, W);
		std::vector<tdma_desc> ds = {
			tdma_copy(G2L, g_compact(dram_in(B_LO), N, C, H, W), local_plane(R_LO)),  // scratch
			tdma_copy(G2L, g_compact(dram_in(A_LO), N, C, H, W), local_plane(A_LO)),
			tdma_copy(G2L, g_compact(dram_in(B_LO), N, C, H, W), local_plane(B_LO)),
			tdma_copy(L2G, l_default(lad(kLane0, 0x3000), N, C, H, W), out)};
		ds[3].bar_en = 1;
		ds[3].wait_id_tpu = 3;
		put_tdma_stream(b, kTdmaDesc, ds);

		b.fire_tiu(kTiuDesc);
		ck_assert(run_tdma(b, kTdmaDesc, 4));
		ck_assert(b.wait_tiu_done(3, sc_time(1, SC_MS)));

		std::vector<uint8_t> got(kElems);
		b.peek(out.addr, got.data(), kElems);
		for (size_t i = 0; i < kElems; i++) {
			int64_t a = (int8_t)pl[A_LO][i], bb = (int8_t)pl[B_LO][i];
			int64_t v1 = ref_saturate(ref_rshift(a + bb, 1, true), false, true);
			int64_t v2 = ref_saturate(ref_rshift(v1 * bb, 4, true), false, true);
			int64_t v3 = v2 > a ? v2 : a;
			if (got[i] != (uint8_t)v3)
				ck_abort_msg("chain: element %zu got %d want %d", i, (int8_t)got[i], (int)v3);
		}
		ck_assert_uint_eq(tiu_cmd_id(b), 3);
		auto te = ends_of(b.rec, Engine::tiu);
		ck_assert_uint_eq(te.size(), 3);
		const char *names[] = {"add", "mul", "max"};
		for (unsigned i = 0; i < 3; i++) {
			ck_assert_uint_eq(te[i].id, i + 1);
			ck_assert_str_eq(te[i].op, names[i]);
			ck_assert_uint_eq(te[i].addr, kTiuDesc + i * TIU_DESC_SIZE);
			if (i)
				ck_assert(te[i].start >= te[i - 1].end);
		}
		int rises = 0;
		for (const auto &e : b.rec.irqs)
			if (e.line == TIU_IRQ && e.level) {
				rises++;
				ck_assert(e.t == te[2].end);
			}
		ck_assert_int_eq(rises, 1);
	});
}
END_TEST

// Ops without a functional model (bf16 conv with its weights outside
// stride mode 1, bf16 matmul with opt_res_add, bf16 depthwise with
// per-channel records here) complete with their id, change nothing, and
// are counted per op name.
START_TEST(unexecuted_ops_complete)
{
	run_bench([](Bench &b) {
		Rng r(5);
		r.fill(b.top.lmem());
		b.resync();
		std::vector<tiu_desc> chain(3);
		const unsigned typ[] = {TIU_DESC_TSK_TYP_CONV, TIU_DESC_TSK_TYP_MATRIX,
					TIU_DESC_TSK_TYP_DEPTHWISE_POOL};
		for (unsigned i = 0; i < 3; i++) {
			tiu_desc &d = chain[i];
			tiu_desc_reset(&d);
			d.cmd_en = 1;
			d.cmd_id_en = 1;
			d.tsk_typ = typ[i];
			d.tsk_eu_typ = i == 2 ? 2 : 0;  // depthwise conv
			d.opd_typ = 1;                  // bf16: timed only
			d.opt_chl_quan = i == 2;        // (bf16 depthwise needs this)
			d.ps32_md = i < 2 ? 2 : 0;
			d.opt_res_add = i == 1;         // (bf16 matmul cannot accumulate)
			d.res0_addr = 0x0000;
			d.opd0_addr = 0x1000;
			d.opd1_addr = 0x2000;
			d.opd2_addr = 0x3000;
			d.res0_n = d.opd0_n = 1, d.res0_c = d.opd0_c = 4;
			d.res0_h = d.opd0_h = 4, d.res0_w = d.opd0_w = 4;
			d.opd1_h = d.opd1_w = 1;
		}
		put_tiu_chain(b, kTiuDesc, chain);
		Image before = Image::capture(b);
		b.fire_tiu(kTiuDesc);
		ck_assert(b.wait_tiu_done(3, sc_time(1, SC_MS)));

		uint32_t ctrl = tiu_ctrl(b);
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, ctrl), 3);
		ck_assert(ctrl & TIU_BD_CTRL_INT_STATUS_MASK);
		ck_assert(!(ctrl & TIU_BD_CTRL_ERR_MASK));
		const auto &st = b.top.tiu.stats();
		ck_assert_uint_eq(st.not_executed, 3);
		ck_assert_uint_eq(st.not_executed_by_op.count("conv"), 1);
		ck_assert_uint_eq(st.not_executed_by_op.at("conv"), 1);
		ck_assert_uint_eq(st.not_executed_by_op.at("matmul"), 1);
		ck_assert_uint_eq(st.not_executed_by_op.at("depthwise_conv"), 1);
		auto te = ends_of(b.rec, Engine::tiu);
		ck_assert_uint_eq(te.size(), 3);
		ck_assert_str_eq(te[0].op, "conv");
		for (unsigned i = 0; i < 3; i++) {
			ck_assert(!te[i].executed);
			ck_assert_uint_eq(te[i].id, i + 1);
			ck_assert(te[i].end > te[i].start);  // still costs time
		}
		expect_same(Image::capture(b), before, "not executed");
		ck_assert(b.top.stats_summary().find("conv") != std::string::npos);
	});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_tiu");
	TCase *tc = tcase_create("tiu");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, eltwise_op, 0, (int)(sizeof(kOps) / sizeof(kOps[0])));
	tcase_add_test(tc, chain_ids_and_int_status);
	tcase_add_test(tc, unexecuted_ops_complete);
	suite_add_tcase(s, tc);
	return s;
}
