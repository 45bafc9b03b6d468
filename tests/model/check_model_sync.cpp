// SPDX-License-Identifier: Apache-2.0
//
// check_model_sync.cpp - ordering between the two engines.  The TIU waits
// for TDMA ids (cmd_id_gdma), the TDMA for TIU ids (bar_en + wait_id_tpu);
// both engines run concurrently when nothing couples them; a stream that
// can never finish is reported as a hang naming both engines, and the
// simulation still ends.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tb_extra.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;
static constexpr unsigned G2G = TDMA_DESC_TRANS_DIR_G2G;

static uint64_t lad(unsigned lane, uint32_t off) { return (uint64_t)lane << TPU_LMEM_ADDR_SHIFT | off; }

// Big enough that a load takes microseconds: 8 channels x 32 x 64.
static constexpr uint32_t N = 1, C = 8, H = 32, W = 64, E = N * C * H * W;

static tiu_desc add(const TSide &res, const TSide &a, const TSide &b, uint32_t wait_gdma)
{
	rt_tensor r = to_rt(res), ta = to_rt(a), tb = to_rt(b);
	rt_tiu_eltwise_args p = {};
	tiu_desc d;

	p.op = TIU_DESC_TSK_EU_TYP_ADD;
	p.res = &r, p.a = &ta, p.b = &tb;
	p.res_signed = p.a_signed = p.b_signed = true;
	rt_tiu_eltwise(&d, &p);
	d.cmd_id_gdma = wait_gdma;
	return d;
}

static int8_t sat8(int v) { return (int8_t)std::max(-128, std::min(127, v)); }

// load A (1), load B (2) -> TIU add waits for 2 -> load C over A (3) waits
// for the add (write-after-read) -> TIU add waits for 3 -> store (4) waits
// for TIU 2.  Any ignored wait changes the data or the event order.
START_TEST(ping_pong_pipeline)
{
	run_bench([](Bench &b) {
		Rng r(21);
		std::vector<uint8_t> A(E), B(E), Cc(E);
		r.fill(A), r.fill(B), r.fill(Cc);
		const uint64_t gA = kData + 0x10000, gB = kData + 0x20000, gC = kData + 0x30000,
			       gR = kData + 0x40000;
		b.poke(gA, A.data(), E), b.poke(gB, B.data(), E), b.poke(gC, Cc.data(), E);
		TSide la = l_default(lad(0, 0x0000), N, C, H, W), lb = l_default(lad(0, 0x1000), N, C, H, W);
		TSide lr = l_default(lad(0, 0x2000), N, C, H, W), lr2 = l_default(lad(0, 0x3000), N, C, H, W);
		b.resync();
		b.set_arraybase(0, 0);

		std::vector<tdma_desc> ds = {
			tdma_copy(G2L, g_compact(gA, N, C, H, W), la),
			tdma_copy(G2L, g_compact(gB, N, C, H, W), lb),
			tdma_copy(G2L, g_compact(gC, N, C, H, W), la),
			tdma_copy(L2G, lr2, g_compact(gR, N, C, H, W)),
		};
		for (auto &d : ds)
			d.bar_en = 1;
		ds[2].wait_id_tpu = 1;
		ds[3].wait_id_tpu = 2;
		put_tdma_stream(b, kTdmaDesc, ds);
		put_tiu_chain(b, kTiuDesc, {add(lr, la, lb, 2), add(lr2, lr, la, 3)});

		b.fire_tiu(kTiuDesc);  // the driver starts the TIU first: it must wait
		sc_time tdma_fired = sc_core::sc_time_stamp();
		ck_assert(run_tdma(b, kTdmaDesc, 4));
		ck_assert(b.wait_tiu_done(2, sc_time(1, SC_MS)));

		std::vector<uint8_t> got(E);
		b.peek(gR, got.data(), E);
		for (size_t i = 0; i < E; i++) {
			int8_t want = sat8(sat8((int8_t)A[i] + (int8_t)B[i]) + (int8_t)Cc[i]);
			if ((int8_t)got[i] != want)
				ck_abort_msg("element %zu: got %d want %d (a %d b %d c %d)", i, (int8_t)got[i],
					     want, (int8_t)A[i], (int8_t)B[i], (int8_t)Cc[i]);
		}

		// completion order: tdma1 tdma2 tiu1 tdma3 tiu2 tdma4, each start after
		// the end of what it waits for
		std::vector<DescEvent> ev = b.rec.ends;
		ck_assert_uint_eq(ev.size(), 6);
		const Engine order[] = {Engine::tdma, Engine::tdma, Engine::tiu, Engine::tdma,
					Engine::tiu, Engine::tdma};
		const uint32_t ids[] = {1, 2, 1, 3, 2, 4};
		for (size_t i = 0; i < 6; i++) {
			ck_assert_msg(ev[i].engine == order[i] && ev[i].id == ids[i],
				      "end #%zu is %s id %u, want %s id %u", i, engine_name(ev[i].engine),
				      ev[i].id, engine_name(order[i]), ids[i]);
			if (i)
				ck_assert_msg(ev[i].start >= ev[i - 1].end, "#%zu started before #%zu ended",
					      i, i - 1);
		}
		ck_assert(ev[2].start > tdma_fired);  // the first add really waited
	});
}
END_TEST

struct Spans {
	sc_time first, last, work[2];
};

static Spans spans(const Recorder &r)
{
	Spans s;
	s.first = r.ends.front().start;
	s.last = r.ends.front().end;
	for (const auto &e : r.ends) {
		s.first = std::min(s.first, e.start);
		s.last = std::max(s.last, e.end);
		s.work[e.engine == Engine::tiu] += e.end - e.start;
	}
	return s;
}

// Eight TDMA copies and eight TIU adds; coupled == false: no waits at all;
// coupled == true: strictly alternating through the ids.
static void mixed(Bench &b, bool coupled)
{
	b.resync();
	b.set_arraybase(0, 0);
	std::vector<tdma_desc> ds;
	std::vector<tiu_desc> ts;
	TSide la = l_default(lad(0, 0x0000), 2, 64, 8, 64);  // 8 KiB per lane
	TSide lb = l_default(lad(0, 0x2000), 2, 64, 8, 64);
	TSide lr = l_default(lad(0, 0x4000), 2, 64, 8, 64);
	for (unsigned i = 0; i < 8; i++) {
		TSide s = g_compact(kData + 0x8000 * i, 1, 1, 1, 16384);
		TSide d = g_compact(kData + 0x80000 + 0x8000 * i, 1, 1, 1, 16384);
		ds.push_back(tdma_copy(G2G, s, d));
		ts.push_back(add(lr, la, lb, 0));
		if (coupled) {
			ds.back().bar_en = 1;
			ds.back().wait_id_tpu = i;      // after TIU i-1 ... (ids are 1-based)
			ts.back().cmd_id_gdma = i + 1;  // TIU i after TDMA i
		}
	}
	put_tdma_stream(b, kTdmaDesc, ds);
	put_tiu_chain(b, kTiuDesc, ts);
	b.fire_tiu(kTiuDesc);
	ck_assert(run_tdma(b, kTdmaDesc, 8));
	ck_assert(b.wait_tiu_done(8, sc_time(10, SC_MS)));
	ck_assert(wait_idle(b));
}

START_TEST(independent_streams_overlap)
{
	run_bench([](Bench &b) {
		mixed(b, false);
		Spans s = spans(b.rec);
		sc_time total = s.last - s.first;
		sc_time busy = b.top.tdma.stats().busy_time + b.top.tiu.stats().busy_time;
		// both engines did real work of comparable size
		ck_assert(s.work[0] > total / 4 && s.work[1] > total / 4);
		ck_assert_msg(total < busy, "total %s, busy sum %s", total.to_string().c_str(),
			      busy.to_string().c_str());
		ck_assert_msg(total < 0.8 * (s.work[0] + s.work[1]), "total %s, work tdma %s tiu %s",
			      total.to_string().c_str(), s.work[0].to_string().c_str(),
			      s.work[1].to_string().c_str());
		// they really ran side by side: some TIU descriptor ran inside a TDMA one
		bool overlap = false;
		for (const auto &x : b.rec.ends)
			for (const auto &y : b.rec.ends)
				if (x.engine == Engine::tdma && y.engine == Engine::tiu &&
				    y.start < x.end && x.start < y.end)
					overlap = true;
		ck_assert(overlap);
	});
}
END_TEST

// The same work, coupled through ids, takes at least the sum of the parts.
START_TEST(coupled_streams_serialise)
{
	run_bench([](Bench &b) {
		mixed(b, true);
		Spans s = spans(b.rec);
		sc_time total = s.last - s.first;
		ck_assert_msg(total >= s.work[0] + s.work[1], "total %s < work %s + %s",
			      total.to_string().c_str(), s.work[0].to_string().c_str(),
			      s.work[1].to_string().c_str());
		for (size_t i = 1; i < b.rec.ends.size(); i++)
			ck_assert(b.rec.ends[i].start >= b.rec.ends[i - 1].end);
		ck_assert(b.rec.ends[0].engine == Engine::tdma);
		ck_assert(b.rec.ends[1].engine == Engine::tiu);
	});
}
END_TEST

// When hangs are reported (Recorder keeps only the text).
struct HangClock : TpuObserver {
	std::vector<sc_time> at;
	void hang(const std::string &) override { at.push_back(sc_core::sc_time_stamp()); }
};
static HangClock g_hang_clock;
static sc_time g_fired;

// The TIU waits for TDMA id 5; the TDMA stream has two descriptors.
START_TEST(hang_tiu_waits_for_missing_id)
{
	run_bench(
		[](Bench &b) {
			b.top.observers().add(&g_hang_clock);
			b.resync();
			TSide l = l_default(lad(0, 0), 1, 8, 2, 16);
			put_tdma_stream(b, kTdmaDesc, {tdma_copy(G2L, g_compact(kData, 1, 8, 2, 16), l),
						       tdma_copy(G2L, g_compact(kData, 1, 8, 2, 16), l)});
			put_tiu_chain(b, kTiuDesc, {add(l, l, l, 5)});
			b.fire_tiu(kTiuDesc);
			g_fired = sc_core::sc_time_stamp();
			ck_assert(run_tdma(b, kTdmaDesc, 2));
			ck_assert_uint_eq(tdma_sync_id(b), 2);
			// the driver would poll forever here; the test just ends
		},
		[](Bench &b) {
			// sc_start() returned: the wait did not freeze the simulation
			std::string rep = b.top.hang_report();
			ck_assert_msg(!rep.empty(), "no hang reported");
			ck_assert_msg(rep.find("tiu waiting") != std::string::npos, "%s", rep.c_str());
			ck_assert_msg(rep.find("waits for tdma id>=5") != std::string::npos, "%s", rep.c_str());
			ck_assert_msg(rep.find("tdma idle completed_id=2") != std::string::npos, "%s",
				      rep.c_str());
			ck_assert_uint_ge(b.rec.hangs.size(), 1);
			ck_assert(b.rec.hangs[0].find("tiu") != std::string::npos);
			ck_assert(b.rec.hangs[0].find("tdma") != std::string::npos);
			ck_assert(b.top.tiu.hang_detected());
			ck_assert(ends_of(b.rec, Engine::tiu).empty());
			// reported once, after the configured window (config.h: blocked
			// "for this long" while the peer is idle), not at the first id
			// change of the peer and not never
			ck_assert_uint_eq(g_hang_clock.at.size(), b.rec.hangs.size());
			sc_time window = b.top.config().hang_window;
			ck_assert_msg(g_hang_clock.at[0] >= g_fired + window,
				      "hang reported at %s, %s after the TIU started waiting (window %s)",
				      g_hang_clock.at[0].to_string().c_str(),
				      (g_hang_clock.at[0] - g_fired).to_string().c_str(),
				      window.to_string().c_str());
			ck_assert(g_hang_clock.at[0] < g_fired + 2 * window);
		});
}
END_TEST

// Each engine waits for the other's first id; a TPUSYS reset recovers.
START_TEST(hang_mutual_wait_and_recovery)
{
	run_bench(
		[](Bench &b) {
			b.resync();
			TSide l = l_default(lad(0, 0), 1, 8, 2, 16);
			tdma_desc d = tdma_copy(G2L, g_compact(kData, 1, 8, 2, 16), l);
			d.bar_en = 1;
			d.wait_id_tpu = 1;
			put_tdma_stream(b, kTdmaDesc, {d});
			put_tiu_chain(b, kTiuDesc, {add(l, l, l, 1)});
			b.fire_tiu(kTiuDesc);
			ck_assert(!run_tdma(b, kTdmaDesc, 1, sc_time(150, SC_MS)));

			std::string rep = b.top.hang_report();
			ck_assert_msg(rep.find("tdma waiting") != std::string::npos, "%s", rep.c_str());
			ck_assert_msg(rep.find("tiu waiting") != std::string::npos, "%s", rep.c_str());
			ck_assert_msg(rep.find("waits for tiu id>=1") != std::string::npos, "%s", rep.c_str());
			ck_assert_msg(rep.find("waits for tdma id>=1") != std::string::npos, "%s", rep.c_str());
			ck_assert_uint_ge(b.rec.hangs.size(), 1);
			ck_assert_uint_eq(tdma_sync_id(b), 0);
			ck_assert_uint_eq(tiu_cmd_id(b), 0);

			// the driver's timeout path: pulse the TPU resets
			uint64_t rst = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
			uint32_t v = b.rd(rst);
			b.wr(rst, v & ~RSTC_SOFT_RSTN_0_TPUSYS_MASK);
			b.wr(rst, v);
			ck_assert(wait_idle(b, sc_time(1, SC_US)));
			ck_assert(b.top.hang_report().empty());

			// and a good stream runs again
			b.resync();
			d.bar_en = 0;
			put_tdma_stream(b, kTdmaDesc, {d});
			ck_assert(run_tdma(b, kTdmaDesc, 1));
			ck_assert_uint_eq(tdma_sync_id(b), 1);
		},
		[](Bench &b) { ck_assert(b.top.hang_report().empty()); });
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_sync");
	TCase *tc = tcase_create("sync");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, ping_pong_pipeline);
	tcase_add_test(tc, independent_streams_overlap);
	tcase_add_test(tc, coupled_streams_serialise);
	tcase_add_test(tc, hang_tiu_waits_for_missing_id);
	tcase_add_test(tc, hang_mutual_wait_and_recovery);
	suite_add_tcase(s, tc);
	return s;
}
