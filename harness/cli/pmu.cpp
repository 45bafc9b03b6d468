// SPDX-License-Identifier: Apache-2.0
//
// pmu.cpp - `tpusim pmu FILE [--clock MHz] [--trace OUT.json]`: a raw PMU
// buffer decoded into the vendor runtime's summary (pmu_decode.h), and the
// report `tpusim model --pmu` prints per routine.
//
// Exit status 2 for a file that is not a PMU buffer, 1 when the trace
// cannot be written, else 0.
#include <cstdio>
#include <fstream>
#include <iterator>

#include "cli.h"
#include "pmu_decode.h"

namespace tpusim::cli {

namespace {

void print_counts(const PmuSummary &s)
{
	printf("records   %llu (%llu TIU, %llu TDMA of which %llu G2G pairs)", static_cast<unsigned long long>(s.records),
	       static_cast<unsigned long long>(s.tiu_records), static_cast<unsigned long long>(s.tdma_records),
	       static_cast<unsigned long long>(s.g2g_pairs));
	if (s.unknown_records)
		printf(", %llu of an unknown type, skipped", static_cast<unsigned long long>(s.unknown_records));
	printf("\n");
}

} // namespace

int pmu(const Args &a)
{
	const std::string &path = a.paths[0];
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		fprintf(stderr, "tpusim pmu: %s: cannot open\n", path.c_str());
		return 2;
	}
	std::vector<uint8_t> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	std::vector<PmuRecord> recs;
	const std::string err = pmu_decode(raw, recs);
	if (!err.empty()) {
		fprintf(stderr, "tpusim pmu: %s: %s\n", path.c_str(), err.c_str());
		return 2;
	}
	// The raw buffer does not say its clock: --clock, else the model's default.
	HostConfig hc;
	const uint32_t clk_hz = a.has(Option::clock)
					? a.clock_mhz * 1000000u
					: static_cast<uint32_t>(scn::platform_param(PlatformKey::tpu_clock_mhz, hc, nullptr) * 1e6);
	const PmuSummary s = pmu_summarize(recs);
	print_counts(s);
	pmu_print_summary(stdout, s, clk_hz);
	if (a.has(Option::trace) && !pmu_write_trace(a.trace, path, recs, clk_hz)) {
		fprintf(stderr, "tpusim pmu: cannot write %s\n", a.trace.c_str());
		return 1;
	}
	return 0;
}

int pmu_report(const std::vector<uint8_t> &buf, uint32_t clk_hz, const std::string &label,
	       const std::string &raw_file, size_t index, size_t count)
{
	// FILE.bin, or FILE.<index>.bin for each of several routines.
	const std::string raw_path = raw_file.empty() || count == 1
					     ? raw_file
					     : raw_file.substr(0, raw_file.size() - 4) + "." + std::to_string(index) + ".bin";
	int rc = 0;
	if (!raw_path.empty()) {
		std::ofstream out(raw_path, std::ios::binary);
		out.write(reinterpret_cast<const char *>(buf.data()), static_cast<std::streamsize>(buf.size()));
		if (!out) {
			fprintf(stderr, "tpusim model: cannot write %s\n", raw_path.c_str());
			rc = 1;
		}
	}
	std::vector<PmuRecord> recs;
	const std::string err = pmu_decode(buf, recs);
	printf("pmu       %s: %zu-byte buffer, tpu_clk_rate %u Hz%s%s\n", label.c_str(), buf.size(), clk_hz,
	       raw_path.empty() ? "" : " -> ", raw_path.c_str());
	if (!err.empty()) {
		printf("pmu       %s: %s\n", label.c_str(), err.c_str());
		return 1;
	}
	const PmuSummary s = pmu_summarize(recs);
	print_counts(s);
	pmu_print_summary(stdout, s, clk_hz);
	return rc;
}

} // namespace tpusim::cli
