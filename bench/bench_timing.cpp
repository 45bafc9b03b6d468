// SPDX-License-Identifier: Apache-2.0
//
// bench_timing.cpp - the timing model's inputs of cvimodels, without
// running them (docs/timing.md "Checking the port").
//
//   bench_timing FILE...         per file: descriptors, Σ TIU formula cycles,
//                                DRAM bytes (bus accounting and payload), the
//                                serial estimate of silicon-timing 5.1
//   bench_timing --dump FILE     one line per descriptor (the fitting input):
//                                tiu|tdma routine segment id wait cycles
//                                bus_bytes payload lmem_bytes dir
//
// Exit 2 when a file cannot be loaded.
#include <cstdio>
#include <cstring>
#include <string>

#include "cvm_cost.h"

extern "C" {
#include "tpu/hwcfg.h"
}

using namespace tpusim::cvm;

namespace {

std::string stem(const std::string &path)
{
	std::string s = path.substr(path.find_last_of('/') + 1);
	const size_t dot = s.rfind(".cvimodel");
	return dot == std::string::npos ? s : s.substr(0, dot);
}

void dump(const std::vector<DescCost> &v)
{
	for (const DescCost &c : v)
		printf("%s %u %u %u %u %llu %llu %llu %llu %u\n", c.tiu ? "tiu" : "tdma", c.routine, c.segment, c.id,
		       c.wait, static_cast<unsigned long long>(c.formula_cycles),
		       static_cast<unsigned long long>(c.dram_bus_bytes), static_cast<unsigned long long>(c.dram_bytes),
		       static_cast<unsigned long long>(c.lmem_bytes), c.dir);
}

} // namespace

// libsystemc.so references sc_main (its own main() calls it); this
// program has its own main(), so the symbol is only a stand-in.
extern "C" int sc_main(int, char **)
{
	return 0;
}

int main(int argc, char **argv)
{
	bool want_dump = argc > 1 && !strcmp(argv[1], "--dump");
	int first = want_dump ? 2 : 1;
	if (argc <= first) {
		fprintf(stderr, "usage: bench_timing [--dump] FILE.cvimodel...\n");
		return 2;
	}
	const double mib = 1024.0 * 1024.0;
	if (!want_dump)
		printf("%-52s %6s %12s %6s %10s %10s %10s %10s\n", "file", "TIU", "TIU cycles", "TDMA", "bus MiB",
		       "payload", "L2L MiB", "serial ms");
	for (int i = first; i < argc; i++) {
		Model m;
		std::string err = load_model(argv[i], m);
		if (!err.empty()) {
			fprintf(stderr, "%s\n", err.c_str());
			return 2;
		}
		std::vector<DescCost> v = desc_costs(m);
		if (want_dump) {
			dump(v);
			continue;
		}
		CostSummary s = summarize(v);
		// silicon-timing 5.1 "serial500": Σ TIU cycles at 500 MHz + DRAM
		// bytes at the vendor model's 7.544 GB/s.
		const double serial = s.tiu_formula_cycles / 500e3 + s.dram_bus_bytes / 7.544e6;
		printf("%-52s %6llu %12llu %6llu %10.2f %10.2f %10.2f %10.3f\n", stem(argv[i]).c_str(),
		       static_cast<unsigned long long>(s.tiu), static_cast<unsigned long long>(s.tiu_formula_cycles),
		       static_cast<unsigned long long>(s.tdma), s.dram_bus_bytes / mib, s.dram_bytes / mib,
		       s.l2l_lmem_bytes / mib, serial);
	}
	return 0;
}
