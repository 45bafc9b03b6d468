// SPDX-License-Identifier: Apache-2.0
//
// check_pmu_decode.cpp - the PMU record format and the decoder of `tpusim
// pmu` (harness/cli/pmu_decode.h).  Records are encoded here by hand from
// the table of silicon-timing 4.2 (type bits 3:0, desID 19:4, eventCnt0
// 41:20, eventCnt1 63:42, endTime bytes 8-11, startTime bytes 12-15), and
// the expected summary figures are worked out by hand from the parser's
// rules of silicon-timing 4.3.
//
// `check_pmu_decode --write DIR` writes the same buffers as files for the
// CLI tests (tests/pmu/CMakeLists.txt): summary.bin, wrap.bin and the bad
// ones, empty.bin, odd.bin (17 bytes) and zero.bin (a zero first record).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "pmu_decode.h"
#include "tpu/pmu_record.h"

#include "check_main.h"

using namespace tpusim::cli;

namespace {

enum { LOAD = 1, STORE = 2, MOVE = 3, TIU = 4 };

struct Hand {
	uint32_t type, id, cnt0, cnt1, start, end;
};

void put32(std::vector<uint8_t> &b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// Word 0: type | desID << 4 | low 12 bits of eventCnt0 << 20; word 1: the
// high 10 bits of eventCnt0 | eventCnt1 << 10; then endTime, startTime.
void encode_by_hand(std::vector<uint8_t> &b, const Hand &h)
{
	put32(b, h.type | h.id << 4 | (h.cnt0 & 0xFFFu) << 20);
	put32(b, h.cnt0 >> 12 | h.cnt1 << 10);
	put32(b, h.end);
	put32(b, h.start);
}

// At 500 MHz: one G2L with both counters at their 22-bit maximum and the
// largest id, one TIU, a G2G pair, one L2L, the end marker, then a record
// after it that must be ignored.
const std::vector<Hand> kSummary = {
	{LOAD, 0xFFFF, 0x3FFFFF, 0x3FFFFF, 0, 200000},
	{TIU, 1, 0, 0, 100000, 300000},
	{LOAD, 2, 1, 1, 300000, 400000},
	{STORE, 2, 1, 0x10000, 300000, 400000},
	{MOVE, 3, 0, 0, 400000, 500000},
};

// The counter wraps inside the first record; TIU only, mostly idle; a
// record of an unknown type (7) is skipped.
const std::vector<Hand> kWrap = {
	{TIU, 1, 0, 0, 0xFFFFFF00u, 0x100},
	{7, 5, 0, 0, 0x8000, 0x9000},
	{TIU, 2, 0, 0, 0x100, 0x300},
	{TIU, 3, 0, 0, 0x1300, 0x1400},
};

// The two records of a G2G with a TIU record that ended at the same tick
// between them: still one transfer (the runtime compares with the previous
// TDMA record).
const std::vector<Hand> kSplitPair = {
	{LOAD, 7, 1, 4, 10, 20},
	{TIU, 1, 0, 0, 12, 20},
	{STORE, 7, 1, 4, 10, 20},
	{STORE, 8, 1, 4, 10, 20},   // another id: a transfer of its own
};

std::vector<uint8_t> buffer(const std::vector<Hand> &recs, bool trailer)
{
	std::vector<uint8_t> b;
	for (const Hand &h : recs)
		encode_by_hand(b, h);
	b.resize(b.size() + 16, 0);   // the end marker
	if (trailer)
		encode_by_hand(b, {TIU, 9, 0, 0, 1, 2});
	return b;
}

} // namespace

// The generated encoder writes exactly the hand-made bytes.
START_TEST(pack_matches_table)
{
	for (const Hand &h : kSummary) {
		std::vector<uint8_t> want;
		encode_by_hand(want, h);
		pmu_record r;
		pmu_record_reset(&r);
		r.type = h.type, r.des_id = h.id, r.event_cnt0 = h.cnt0, r.event_cnt1 = h.cnt1;
		r.start_time = h.start, r.end_time = h.end;
		uint8_t got[16];
		ck_assert_int_eq(pmu_record_pack(&r, got), 0);
		ck_assert_mem_eq(got, want.data(), 16);
	}
	// A counter one past its 22 bits does not fit.
	pmu_record r;
	uint8_t raw[16];
	pmu_record_reset(&r);
	r.event_cnt1 = 0x400000;
	ck_assert_int_eq(pmu_record_pack(&r, raw), -1);
	ck_assert_uint_eq(PMU_RECORD_SIZE, 16);
}
END_TEST

// Decoding gives back every field, and stops at the first zero word.
START_TEST(decode_fields)
{
	std::vector<PmuRecord> recs;
	ck_assert(pmu_decode(buffer(kSummary, true), recs).empty());
	ck_assert_uint_eq(recs.size(), kSummary.size());
	for (size_t i = 0; i < recs.size(); i++) {
		ck_assert_uint_eq(recs[i].type, kSummary[i].type);
		ck_assert_uint_eq(recs[i].id, kSummary[i].id);
		ck_assert_uint_eq(recs[i].cnt0, kSummary[i].cnt0);
		ck_assert_uint_eq(recs[i].cnt1, kSummary[i].cnt1);
		ck_assert_uint_eq(recs[i].start, kSummary[i].start);
		ck_assert_uint_eq(recs[i].end, kSummary[i].end);
	}
}
END_TEST

START_TEST(summary_figures)
{
	std::vector<PmuRecord> recs;
	ck_assert(pmu_decode(buffer(kSummary, false), recs).empty());
	const PmuSummary s = pmu_summarize(recs);
	ck_assert_uint_eq(s.records, 5);
	ck_assert_uint_eq(s.tiu_records, 1);
	ck_assert_uint_eq(s.tdma_records, 4);
	ck_assert_uint_eq(s.g2g_pairs, 1);
	ck_assert_uint_eq(s.inference_ticks, 500000);        // 500000 - 0
	ck_assert_uint_eq(s.tdma_ticks, 400000);             // 200000 + 100000 (pair once) + 100000
	ck_assert_uint_eq(s.tiu_ticks, 200000);
	ck_assert_uint_eq(s.data_beats, 0x400000 + 0x10000); // loads and stores; the move has none

	ck_assert(pmu_decode(buffer(kWrap, false), recs).empty());
	const PmuSummary w = pmu_summarize(recs);
	ck_assert_uint_eq(w.tiu_ticks, 0x200 + 0x200 + 0x100);
	ck_assert_uint_eq(w.inference_ticks, 0x1400 + 0x100);   // 0x1400 - 0xFFFFFF00 mod 2^32
	ck_assert_uint_eq(w.tdma_ticks, 0);
	ck_assert_uint_eq(w.records, 4);
	ck_assert_uint_eq(w.unknown_records, 1);

	ck_assert(pmu_decode(buffer(kSplitPair, false), recs).empty());
	const PmuSummary p = pmu_summarize(recs);
	ck_assert_uint_eq(p.g2g_pairs, 1);
	ck_assert_uint_eq(p.tdma_ticks, 20);
	ck_assert_uint_eq(p.tiu_ticks, 8);
	ck_assert_uint_eq(p.inference_ticks, 10);   // 20 (last end) - 10 (first start)
	ck_assert_uint_eq(p.data_beats, 12);
}
END_TEST

// A header without a clock (tpu_clk_rate 0): the runtime assumes 750 MHz
// and says so.
START_TEST(no_clock)
{
	std::vector<PmuRecord> recs;
	ck_assert(pmu_decode(buffer(kSummary, false), recs).empty());
	char *text = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	pmu_print_summary(f, pmu_summarize(recs), 0);
	fclose(f);
	const std::string out(text, len);
	free(text);
	ck_assert_msg(out.find("can't get tpu clock, assume to 750Mhz\n") == 0, "%s", out.c_str());
	ck_assert_msg(out.find("cv181x_tpu_clock:         750Mhz,") != std::string::npos, "%s", out.c_str());
	// 500000 ticks at 750 MHz
	ck_assert_msg(out.find("inference_ms:             0.67ms\n") != std::string::npos, "%s", out.c_str());
}
END_TEST

START_TEST(bad_buffers)
{
	std::vector<PmuRecord> recs;
	ck_assert(pmu_decode({}, recs).find("empty") != std::string::npos);
	ck_assert(pmu_decode(std::vector<uint8_t>(17, 1), recs).find("17 bytes is not a multiple") != std::string::npos);
	ck_assert(pmu_decode(std::vector<uint8_t>(32, 0), recs).find("no records") != std::string::npos);
	// Only the first word decides the end of the stream.
	std::vector<uint8_t> b(16, 0);
	b[4] = 1;
	ck_assert(pmu_decode(b, recs).find("no records") != std::string::npos);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("pmu_decode");
	TCase *tc = tcase_create("decode");
	tcase_add_test(tc, pack_matches_table);
	tcase_add_test(tc, decode_fields);
	tcase_add_test(tc, summary_figures);
	tcase_add_test(tc, no_clock);
	tcase_add_test(tc, bad_buffers);
	suite_add_tcase(s, tc);
	return s;
}

static bool write_file(const std::string &path, const std::vector<uint8_t> &b)
{
	FILE *f = fopen(path.c_str(), "wb");
	if (!f)
		return false;
	const bool ok = b.empty() || fwrite(b.data(), 1, b.size(), f) == b.size();
	return fclose(f) == 0 && ok;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--write")) {
		const std::string dir = argv[2];
		const bool ok = write_file(dir + "/summary.bin", buffer(kSummary, true)) &&
				write_file(dir + "/wrap.bin", buffer(kWrap, false)) && write_file(dir + "/empty.bin", {}) &&
				write_file(dir + "/odd.bin", std::vector<uint8_t>(17, 1)) &&
				write_file(dir + "/zero.bin", std::vector<uint8_t>(32, 0));
		if (!ok)
			fprintf(stderr, "check_pmu_decode: cannot write into %s\n", dir.c_str());
		return ok ? 0 : 1;
	}
	return run_suite(test_suite());
}
