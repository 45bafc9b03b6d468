// SPDX-License-Identifier: Apache-2.0
//
// check_model_pmu.cpp - the performance monitor (model/pmu, docs/pmu.md):
// records read back from DRAM are decoded here by hand from the table of
// silicon-timing 4.2 (type bits 3:0, desID 19:4, eventCnt0 41:20,
// eventCnt1 63:42, endTime bytes 8-11, startTime bytes 12-15), never with
// the generated unpack.  Expected counters follow the rules of
// silicon-timing 1 (16-byte beats, bursts of at most 16 beats that do not
// cross 4 KiB), worked out by hand per descriptor; expected times are the
// descriptors' own start/end events at the configured clock.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "tb_extra.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;
static constexpr unsigned G2G = TDMA_DESC_TRANS_DIR_G2G;
static constexpr unsigned L2L = TDMA_DESC_TRANS_DIR_L2L;

// The value tpu_pmu.c writes: enable, record TIU and TDMA, event 2, burst 3, ring.
static constexpr uint32_t kCtrlOn = 0x759;
static constexpr uint32_t kRing = 1u << 10, kRecTiu = 1u << 3, kRecTdma = 1u << 4;
static constexpr uint64_t kPmuBuf = kData + 0x80000;

enum { LOAD = 1, STORE = 2, MOVE = 3, TIU = 4 };

static uint64_t lad(unsigned lane, uint32_t off) { return (uint64_t)lane << TPU_LMEM_ADDR_SHIFT | off; }

struct Rec {
	uint32_t type, id, cnt0, cnt1, end, start;
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static Rec by_hand(const uint8_t *p)
{
	uint64_t lo = (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
	Rec r;
	r.type = (uint32_t)(lo & 0xF);
	r.id = (uint32_t)(lo >> 4 & 0xFFFF);
	r.cnt0 = (uint32_t)(lo >> 20 & 0x3FFFFF);
	r.cnt1 = (uint32_t)(lo >> 42 & 0x3FFFFF);
	r.end = le32(p + 8);
	r.start = le32(p + 12);
	return r;
}

// n record slots of the buffer, as DRAM holds them now.
static std::vector<std::vector<uint8_t>> slots(Bench &b, unsigned n)
{
	std::vector<std::vector<uint8_t>> out(n, std::vector<uint8_t>(16));
	for (unsigned i = 0; i < n; i++)
		b.peek(kPmuBuf + 16ull * i, out[i].data(), 16);
	return out;
}

static bool zero(const std::vector<uint8_t> &s)
{
	return std::all_of(s.begin(), s.end(), [](uint8_t x) { return x == 0; });
}

static void pmu_on(Bench &b, uint32_t records, uint32_t ctrl = kCtrlOn)
{
	b.wr(TDMA_BASE + TDMA_PMU_BUFBASE_REG, (uint32_t)(kPmuBuf >> 4));
	b.wr(TDMA_BASE + TDMA_PMU_BUFSIZE_REG, records);
	b.wr(TDMA_BASE + TDMA_PMU_CTRL_REG, ctrl);
}

// tpu_pmu_disable, then the EOPMU the driver waits for.
static void pmu_off(Bench &b)
{
	b.wr(TDMA_BASE + TDMA_PMU_CTRL_REG, b.rd(TDMA_BASE + TDMA_PMU_CTRL_REG) & ~1u);
	sc_core::wait(sc_core::SC_ZERO_TIME);
	ck_assert_msg(tdma_status(b) & 0x8000, "no EOPMU after disabling the PMU (status 0x%x)", tdma_status(b));
}

// Ticks of the free-running counter: floor(time x clock).
static uint32_t ticks(const sc_time &t, double clk_hz)
{
	return (uint32_t)(uint64_t)((long double)t.value() * clk_hz / 1e12L);
}

static tiu_desc small_add(uint32_t wait_gdma = 0)
{
	TSide l = l_default(lad(0, 0x6000), 1, 8, 2, 16);
	rt_tensor t = to_rt(l);
	rt_tiu_eltwise_args p = {};
	tiu_desc d;
	p.op = TIU_DESC_TSK_EU_TYP_ADD;
	p.res = p.a = p.b = &t;
	rt_tiu_eltwise(&d, &p);
	d.cmd_id_gdma = wait_gdma;
	return d;
}

static std::vector<tdma_desc> moves(unsigned n)
{
	std::vector<tdma_desc> ds;
	for (unsigned i = 0; i < n; i++)
		ds.push_back(tdma_copy(L2L, l_default(lad(0, 0), 1, 1, 1, 32), l_default(lad(1, 0x100), 1, 1, 1, 32)));
	return ds;
}

// Every direction once, then one TIU operation: type, id, both counters
// and both times of each record, and the stream's end.
START_TEST(records_by_hand)
{
	run_bench([](Bench &b) {
		b.resync();
		b.set_arraybase(0, 0);
		pmu_on(b, 64);
		std::vector<tdma_desc> ds = {
			// 512 bytes from 0xF80: beats 0xF80..0x1180 = 32; bursts 8 beats
			// before the 4 KiB line + 24 after = 1 + 2 = 3
			tdma_copy(G2L, g_compact(kData + 0xF80, 1, 1, 1, 512), l_default(lad(0, 0), 1, 1, 1, 512)),
			// four rows of 16 bytes, 64 apart: 4 runs of 1 beat, 4 bursts
			tdma_copy(G2L, g_side(kData + 0x4000, 1, 1, 4, 16, 256, 256, 64),
				  l_default(lad(0, 0x400), 1, 1, 4, 16)),
			// 256 aligned bytes: 16 beats, 1 burst
			tdma_copy(L2G, l_default(lad(0, 0), 1, 1, 1, 256), g_compact(kData + 0x6000, 1, 1, 1, 256)),
			// LMEM only: no DRAM traffic
			tdma_copy(L2L, l_default(lad(0, 0), 1, 1, 1, 64), l_default(lad(1, 0x800), 1, 1, 1, 64)),
			// 256 bytes DRAM to DRAM: a load and a store record, 16 beats, 1 burst each
			tdma_copy(G2G, g_compact(kData + 0x7000, 1, 1, 1, 256), g_compact(kData + 0x8000, 1, 1, 1, 256)),
		};
		put_tdma_stream(b, kTdmaDesc, ds);
		put_tiu_chain(b, kTiuDesc, {small_add()});
		ck_assert(run_tdma(b, kTdmaDesc, (unsigned)ds.size()));
		b.fire_tiu(kTiuDesc);
		ck_assert(b.wait_tiu_done(1, sc_time(1, SC_MS)));

		// Seven records are fewer than a 16-record burst: still in the PMU.
		for (const auto &s : slots(b, 8))
			ck_assert_msg(zero(s), "a record reached DRAM before the burst filled or the PMU was disabled");
		pmu_off(b);

		const std::vector<Rec> want = {
			{LOAD, 1, 3, 32, 0, 0}, {LOAD, 2, 4, 4, 0, 0},   {STORE, 3, 1, 16, 0, 0},
			{MOVE, 4, 0, 0, 0, 0},  {LOAD, 5, 1, 16, 0, 0},  {STORE, 5, 1, 16, 0, 0},
			{TIU, 1, 0, 0, 0, 0},
		};
		// The descriptor each record stands for, in completion order.
		const std::vector<size_t> event = {0, 1, 2, 3, 4, 4, 5};
		ck_assert_uint_eq(b.rec.ends.size(), 6);
		auto s = slots(b, 8);
		for (size_t i = 0; i < want.size(); i++) {
			const Rec r = by_hand(s[i].data());
			const DescEvent &e = b.rec.ends[event[i]];
			ck_assert_msg(r.type == want[i].type && r.id == want[i].id && r.cnt0 == want[i].cnt0 &&
					      r.cnt1 == want[i].cnt1,
				      "record %zu: type %u id %u bursts %u beats %u, want %u %u %u %u", i, r.type,
				      r.id, r.cnt0, r.cnt1, want[i].type, want[i].id, want[i].cnt0, want[i].cnt1);
			ck_assert_uint_eq(r.start, ticks(e.start, 500e6));
			ck_assert_uint_eq(r.end, ticks(e.end, 500e6));
			ck_assert(r.end > r.start);
		}
		ck_assert(zero(s[7]));   // the stream ends
		ck_assert_uint_eq(b.top.tdma.pmu().stats().records, 7);
	});
}
END_TEST

// The records' busy ticks per engine equal the engines' own busy time (to
// one tick per record: each timestamp is floored), at both platform clocks;
// one record per descriptor.
// The clocks the busy ticks are counted at (a loop test, one run each).
static const double kBusyClocks[] = {500e6, 700e6};

START_TEST(busy_matches_engine_stats)
{
	const double clk_hz = kBusyClocks[_i];
	TpuConfig cfg;
	cfg.clk_hz = clk_hz;
	run_bench(
		[](Bench &b) {
			b.resync();
			b.set_arraybase(0, 0);
			pmu_on(b, 256);
			constexpr uint32_t N = 1, C = 8, H = 16, W = 64;
			TSide la = l_default(lad(0, 0), N, C, H, W), lb = l_default(lad(0, 0x1000), N, C, H, W);
			std::vector<tdma_desc> ds = {
				tdma_copy(G2L, g_compact(kData + 0x10000, N, C, H, W), la),
				tdma_copy(G2L, g_compact(kData + 0x20000, N, C, H, W), lb),
				tdma_copy(G2G, g_compact(kData + 0x30000, 1, 1, 1, 3000),
					  g_compact(kData + 0x40001, 1, 1, 1, 3000)),
				tdma_copy(L2G, lb, g_compact(kData + 0x50000, N, C, H, W)),
			};
			for (auto &d : ds)
				d.bar_en = 1;
			ds[3].wait_id_tpu = 2;
			put_tdma_stream(b, kTdmaDesc, ds);
			put_tiu_chain(b, kTiuDesc, {small_add(2), small_add(3)});
			b.fire_tiu(kTiuDesc);
			ck_assert(run_tdma(b, kTdmaDesc, 4));
			ck_assert(b.wait_tiu_done(2, sc_time(1, SC_MS)));
			pmu_off(b);
		},
		[clk_hz](Bench &b) {
			auto s = slots(b, 16);
			uint64_t busy[2] = {0, 0}, n[2] = {0, 0};
			size_t count = 0;
			for (; count < s.size() && !zero(s[count]); count++) {
				const Rec r = by_hand(s[count].data());
				const bool tiu = r.type == TIU;
				// The G2G pair is one descriptor: its second record adds no time.
				if (r.type == STORE && count &&
				    by_hand(s[count - 1].data()).type == LOAD && by_hand(s[count - 1].data()).id == r.id)
					continue;
				busy[tiu] += r.end - r.start;
				n[tiu]++;
			}
			ck_assert_uint_eq(count, 7);   // 4 TDMA + 1 for the G2G + 2 TIU
			ck_assert_uint_eq(n[0], b.top.tdma.stats().descriptors);
			ck_assert_uint_eq(n[1], b.top.tiu.stats().descriptors);
			const EngineBase *eng[2] = {&b.top.tdma, &b.top.tiu};
			for (int i = 0; i < 2; i++) {
				const double want = eng[i]->stats().busy_time.to_seconds() * clk_hz;
				ck_assert_msg(want > 100, "engine %d barely ran (%g ticks)", i, want);
				ck_assert_msg((double)busy[i] <= want + 1 && (double)busy[i] + n[i] + 1 >= want,
					      "engine %d: records say %llu busy ticks, the engine %g", i,
					      (unsigned long long)busy[i], want);
			}
		},
		cfg);
}
END_TEST

// Six records in a four-record buffer.  Ring mode: 5 and 6 overwrite 1
// and 2.  Without it the PMU stops when the buffer is full.  Either way
// nothing is written past the end.
static const struct {
	const char *name;
	uint32_t ctrl;
	uint32_t ids[4];   // of the four slots
	unsigned wraps, dropped;
} kFull[] = {
	{"ring", kCtrlOn, {5, 6, 3, 4}, 1, 0},
	{"no ring", kCtrlOn & ~kRing, {1, 2, 3, 4}, 0, 2},
};

START_TEST(full_buffer)
{
	const auto &k = kFull[_i];
	run_bench([&k](Bench &b) {
		b.resync();
		std::vector<uint8_t> guard(16, 0xA5);
		b.poke(kPmuBuf + 4 * 16, guard.data(), guard.size());
		pmu_on(b, 4, k.ctrl);
		put_tdma_stream(b, kTdmaDesc, moves(6));
		ck_assert(run_tdma(b, kTdmaDesc, 6));
		pmu_off(b);
		auto s = slots(b, 5);
		for (unsigned i = 0; i < 4; i++) {
			const Rec r = by_hand(s[i].data());
			ck_assert_msg(r.type == MOVE && r.id == k.ids[i], "%s: slot %u: type %u id %u, want move id %u",
				      k.name, i, r.type, r.id, k.ids[i]);
		}
		ck_assert_msg(s[4] == guard, "%s: a record past the end", k.name);
		const auto &st = b.top.tdma.pmu().stats();
		ck_assert_msg(st.wraps == k.wraps && st.dropped == k.dropped, "%s: wraps %u dropped %u, want %u %u",
			      k.name, (unsigned)st.wraps, (unsigned)st.dropped, k.wraps, k.dropped);
	});
}
END_TEST

// Records reach DRAM through the DMA path, as TDMA writes: the memory's
// access hook (what the sim-OS's checkers use) sees them, and a veto loses
// them as a failed engine write would.
// _i 0: the writes are seen; 1: the memory vetoes them and the records
// are lost (counted).
START_TEST(writes_seen_by_memory_hook)
{
	const bool veto = _i;
	run_bench([veto](Bench &b) {
		std::vector<std::pair<uint64_t, size_t>> writes;
		b.top.dram.set_access_hook([&writes, veto](DramInitiator who, bool is_write, uint64_t addr, size_t len) {
			const bool in_buf = addr >= kPmuBuf && addr < kPmuBuf + 64 * 16;
			if (in_buf)
				ck_assert(who == DramInitiator::tdma && is_write);
			if (in_buf)
				writes.push_back({addr, len});
			return !(in_buf && veto);
		});
		b.resync();
		pmu_on(b, 64);
		put_tdma_stream(b, kTdmaDesc, moves(3));
		ck_assert(run_tdma(b, kTdmaDesc, 3));
		ck_assert_uint_eq(writes.size(), 0);   // pending until the flush
		pmu_off(b);
		ck_assert_uint_eq(writes.size(), 1);   // one burst of three records
		ck_assert_uint_eq(writes[0].first, kPmuBuf);
		ck_assert_uint_eq(writes[0].second, 3 * 16);
		ck_assert_uint_eq(b.top.tdma.pmu().stats().lost, veto ? 3 : 0);
		ck_assert(zero(slots(b, 1)[0]) == veto);
	});
}
END_TEST

// Record-TIU and record-TDMA select the engines; with the PMU off nothing
// is written at all.
static const struct {
	uint32_t ctrl;
	bool enable;
	unsigned want_tdma, want_tiu;
} kSelect[] = {
	{kCtrlOn & ~kRecTiu, true, 2, 0},    // record TDMA only
	{kCtrlOn & ~kRecTdma, true, 0, 2},   // record TIU only
	{kCtrlOn, false, 0, 0},              // off: nothing written
};

START_TEST(record_select)
{
	const uint32_t ctrl = kSelect[_i].ctrl;
	const bool enable = kSelect[_i].enable;
	const unsigned want_tdma = kSelect[_i].want_tdma, want_tiu = kSelect[_i].want_tiu;
	run_bench([=](Bench &b) {
		b.resync();
		if (enable)
			pmu_on(b, 64, ctrl);
		put_tdma_stream(b, kTdmaDesc, moves(2));
		put_tiu_chain(b, kTiuDesc, {small_add(), small_add()});
		ck_assert(run_tdma(b, kTdmaDesc, 2));
		b.fire_tiu(kTiuDesc);
		ck_assert(b.wait_tiu_done(2, sc_time(1, SC_MS)));
		if (enable)
			pmu_off(b);
		unsigned got[5] = {0, 0, 0, 0, 0};
		for (const auto &s : slots(b, 8))
			if (!zero(s))
				got[by_hand(s.data()).type == TIU ? TIU : MOVE]++;
		ck_assert_uint_eq(got[MOVE], want_tdma);
		ck_assert_uint_eq(got[TIU], want_tiu);
	});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_pmu");
	TCase *tc = tcase_create("pmu");
	tcase_add_test(tc, records_by_hand);
	tcase_add_loop_test(tc, busy_matches_engine_stats, 0, 2);   // 500 and 700 MHz
	tcase_add_loop_test(tc, full_buffer, 0, 2);                 // ring, then no ring
	tcase_add_loop_test(tc, writes_seen_by_memory_hook, 0, 2);  // seen, then vetoed
	tcase_add_loop_test(tc, record_select, 0, 3);               // TDMA only, TIU only, off
	suite_add_tcase(s, tc);
	return s;
}
