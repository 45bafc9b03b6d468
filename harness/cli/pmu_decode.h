// SPDX-License-Identifier: Apache-2.0
//
// pmu_decode.h - the PMU's record stream (regs/pmu_record.yaml) decoded into
// the vendor runtime's summary (silicon-timing 4.3) and a Chrome/Perfetto
// trace.  Shared by `tpusim pmu FILE` (pmu.cpp) and `tpusim model --pmu`.
#ifndef TPUSIM_CLI_PMU_DECODE_H
#define TPUSIM_CLI_PMU_DECODE_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace tpusim::cli {

struct PmuRecord {
	uint32_t type = 0, id = 0, cnt0 = 0, cnt1 = 0;
	uint32_t start = 0, end = 0;     // TPU-clock ticks, as stored (32 bits)
};

// The records of a raw buffer, up to the first whose first 32-bit word is
// 0 (or the end).  "" on success, else why the buffer is not a record
// stream (empty, size not a multiple of 16, no record before the end
// marker).
std::string pmu_decode(const std::vector<uint8_t> &raw, std::vector<PmuRecord> &out);

struct PmuSummary {
	uint64_t records = 0, tdma_records = 0, tiu_records = 0, g2g_pairs = 0;
	uint64_t unknown_records = 0;    // type not 1..4: skipped
	uint64_t inference_ticks = 0;    // last end - first start, with wraps
	uint64_t tdma_ticks = 0;         // sum over TDMA records, a G2G pair once (g2g_pairs:
					 // TDMA records equal in id and times to the TDMA record before)
	uint64_t tiu_ticks = 0;
	uint64_t data_beats = 0;         // event counter 1 of load and store records
};

PmuSummary pmu_summarize(const std::vector<PmuRecord> &recs);

// The runtime's summary (silicon-timing 4.3: a rule, then four lines in
// its layout) at clock clk_hz (the dmabuf header's tpu_clk_rate; 0 selects
// 750 MHz with the runtime's note, as the vendor parser does).
void pmu_print_summary(FILE *f, const PmuSummary &s, uint32_t clk_hz);

// One Chrome/Perfetto JSON trace: tracks TIU, TDMA load, TDMA store, TDMA
// move, one span per record (a G2G pair on the load and store tracks).
// false if the file cannot be written.
bool pmu_write_trace(const std::string &path, const std::string &title, const std::vector<PmuRecord> &recs,
		     uint32_t clk_hz);

// The clock the vendor parser assumes when the header holds 0.
constexpr uint32_t kPmuFallbackClkHz = 750000000u;

} // namespace tpusim::cli

#endif
