// SPDX-License-Identifier: Apache-2.0
//
// pmu_decode.cpp - PMU record stream -> vendor summary and trace
// (pmu_decode.h).
#include "pmu_decode.h"

#include "event_log.h"
#include "tpu/pmu_record.h"
#include "trace_writer.h"

namespace tpusim::cli {

namespace {

bool is_tdma(uint32_t type)
{
	return type == PMU_RECORD_TYPE_TDMA_LOAD || type == PMU_RECORD_TYPE_TDMA_STORE ||
	       type == PMU_RECORD_TYPE_TDMA_MOVE;
}

// Record i is the second half of a G2G: the TDMA record before it (TIU
// records in between do not count) has the same id and times, as the two
// records of a G2G do (silicon-timing 4.2); the vendor parser's rule.
bool g2g_second(const std::vector<PmuRecord> &r, size_t i)
{
	if (!is_tdma(r[i].type))
		return false;
	for (size_t j = i; j-- > 0;)
		if (is_tdma(r[j].type))
			return r[j].id == r[i].id && r[j].start == r[i].start && r[j].end == r[i].end;
	return false;
}

// Ticks from start to end of one record; the counter wraps at 2^32.
uint64_t span(const PmuRecord &r)
{
	return static_cast<uint32_t>(r.end - r.start);
}

} // namespace

std::string pmu_decode(const std::vector<uint8_t> &raw, std::vector<PmuRecord> &out)
{
	out.clear();
	if (raw.empty())
		return "empty: a PMU buffer holds 16-byte records";
	if (raw.size() % PMU_RECORD_SIZE)
		return std::to_string(raw.size()) + " bytes is not a multiple of the 16-byte PMU record";
	for (size_t off = 0; off < raw.size(); off += PMU_RECORD_SIZE) {
		const uint8_t *p = raw.data() + off;
		if (!(p[0] | p[1] | p[2] | p[3]))
			break;   // the stream ends at the first record whose first word is 0
		pmu_record d;
		pmu_record_unpack(&d, p);
		out.push_back({d.type, d.des_id, d.event_cnt0, d.event_cnt1, d.start_time, d.end_time});
	}
	if (out.empty())
		return "no records: the first record's first word is 0 (a PMU buffer nothing was recorded into)";
	return "";
}

PmuSummary pmu_summarize(const std::vector<PmuRecord> &recs)
{
	PmuSummary s;
	// Records are in order of completion, so end times only grow: each
	// step back of the 32-bit end time is one wrap of the counter.
	// Records of an unknown type are skipped, as the runtime skips them.
	const PmuRecord *first = nullptr, *prev = nullptr;
	uint64_t end = 0;   // unwrapped, from the first record's end
	for (size_t i = 0; i < recs.size(); i++) {
		const PmuRecord &r = recs[i];
		s.records++;
		if (r.type != PMU_RECORD_TYPE_TIU && !is_tdma(r.type)) {
			s.unknown_records++;
			continue;
		}
		if (!first)
			first = &r;
		else
			end += static_cast<uint32_t>(r.end - prev->end);
		prev = &r;
		if (r.type == PMU_RECORD_TYPE_TIU) {
			s.tiu_records++;
			s.tiu_ticks += span(r);
			continue;
		}
		s.tdma_records++;
		if (g2g_second(recs, i))
			s.g2g_pairs++;
		else
			s.tdma_ticks += span(r);
		if (r.type != PMU_RECORD_TYPE_TDMA_MOVE)
			s.data_beats += r.cnt1;
	}
	// The runtime's span: the last record's end minus the first one's start.
	if (first)
		s.inference_ticks = end + span(*first);
	return s;
}

void pmu_print_summary(FILE *f, const PmuSummary &s, uint32_t clk_hz)
{
	if (!clk_hz)
		fprintf(f, "can't get tpu clock, assume to %uMhz\n", kPmuFallbackClkHz / 1000000u);
	const double hz = clk_hz ? clk_hz : kPmuFallbackClkHz;
	const double infer = s.inference_ticks ? static_cast<double>(s.inference_ticks) : 1;
	const double mb = static_cast<double>(s.data_beats) * PMU_RECORD_SIZE / (1024.0 * 1024.0);
	const double inference_ms = s.inference_ticks / hz * 1e3;
	double par = (static_cast<double>(s.tdma_ticks) + static_cast<double>(s.tiu_ticks)) / infer * 100;

	if (par < 100)
		par = 100;
	// The runtime's layout: labels left-aligned in 20 columns.
	fprintf(f, "=======================inference total info ==========================\n");
	fprintf(f, "%-20s %8dMhz, %-20s %9.2fMB, %-20s %7.2fMB/s\n", "cv181x_tpu_clock:", static_cast<int>(hz / 1e6),
		"inferece_data:", mb, "inference_bw:", inference_ms > 0 ? mb / inference_ms * 1e3 : 0.0);
	fprintf(f, "%-20s %10llut, %-20s %10llut, %-20s %10llut\n", "tdma_exe_tick:",
		static_cast<unsigned long long>(s.tdma_ticks), "tiu_exe_tick", static_cast<unsigned long long>(s.tiu_ticks),
		"inference_tick", static_cast<unsigned long long>(s.inference_ticks));
	fprintf(f, "%-20s %10.2f%%, %-20s %10.2f%%, %-20s %10.2f%%\n", "tdma_exe_percent:", s.tdma_ticks / infer * 100,
		"tiu_exe_percent:", s.tiu_ticks / infer * 100, "paralellism_percent", par);
	fprintf(f, "%-20s %9.2fms, %-20s %9.2fms, %-20s %9.2fms\n", "tdma_exe_ms:", s.tdma_ticks / hz * 1e3,
		"tiu_exe_ms:", s.tiu_ticks / hz * 1e3, "inference_ms:", inference_ms);
}

bool pmu_write_trace(const std::string &path, const std::string &title, const std::vector<PmuRecord> &recs,
		     uint32_t clk_hz)
{
	const double ps_per_tick = 1e12 / (clk_hz ? clk_hz : kPmuFallbackClkHz);
	EventLog log;
	log.keep = true;
	if (recs.empty())
		return write_chrome_trace(path, title, log);
	// Times from the first record's start, unwrapped as in pmu_summarize.
	uint64_t end = span(recs[0]);
	for (size_t i = 0; i < recs.size(); i++) {
		const PmuRecord &r = recs[i];
		if (i)
			end += static_cast<uint32_t>(r.end - recs[i - 1].end);
		const bool g2g = g2g_second(recs, i) || (i + 1 < recs.size() && g2g_second(recs, i + 1));
		TraceEvent e;
		e.kind = TraceEvent::Kind::span;
		e.ts_ps = static_cast<uint64_t>(static_cast<double>(end - span(r)) * ps_per_tick);
		e.dur_ps = static_cast<uint64_t>(static_cast<double>(span(r)) * ps_per_tick);
		switch (r.type) {
		case PMU_RECORD_TYPE_TIU: e.track = "pmu/tiu"; break;
		case PMU_RECORD_TYPE_TDMA_LOAD: e.track = "pmu/tdma load"; break;
		case PMU_RECORD_TYPE_TDMA_STORE: e.track = "pmu/tdma store"; break;
		case PMU_RECORD_TYPE_TDMA_MOVE: e.track = "pmu/tdma move"; break;
		default: e.track = "pmu/type " + std::to_string(r.type); break;
		}
		e.name = "id " + std::to_string(r.id);
		e.args = "start=" + std::to_string(r.start) + "t end=" + std::to_string(r.end) + "t bursts=" +
			 std::to_string(r.cnt0) + " beats=" + std::to_string(r.cnt1) +
			 (g2g ? " g2g" : "");
		log.add(std::move(e));
	}
	return write_chrome_trace(path, title, log);
}

} // namespace tpusim::cli
