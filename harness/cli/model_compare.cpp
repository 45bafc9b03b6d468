// SPDX-License-Identifier: Apache-2.0
//
// model_compare.cpp - `tpusim model --compare FILE...`: run each model
// (a forked child each: SystemC elaborates once per process), and print
// its simulated inference time next to its published figure
// (bench/silicon_figures.csv) as the Markdown table of docs/timing.md.
//
// The host overhead per forward call (TPU_HOST_OVERHEAD_PER_CALL_MS) is
// added to the simulated time only here, for the comparison with wall-clock
// figures; it is no part of the simulation.  Exit 2 for a bad model file or
// figures file, 1 when a run failed or a ratio is outside the tolerance,
// else 0.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "cli.h"
#include "cvm_cost.h"
#include "cvm_run.h"

extern "C" {
#include "tpu/hwcfg.h"
}

#ifndef TPUSIM_FIGURES_CSV
#define TPUSIM_FIGURES_CSV "bench/silicon_figures.csv"
#endif

namespace tpusim::cli {

int model_compare(const Args &a);

namespace {

using namespace tpusim::cvm;

// The acceptance band of docs/timing.md: every ratio within +-15 %.
constexpr double kTolerance = 0.15;

struct Figure {
	double ms = 0;
	std::string kind;    // "wall": add the host overhead
};

// "file:line: message" on a malformed row.
std::string load_figures(const std::string &path, std::map<std::string, Figure> &out)
{
	std::ifstream in(path);
	if (!in)
		return path + ": cannot open the published figures";
	std::string line;
	for (unsigned no = 1; std::getline(in, line); no++) {
		if (line.empty() || line[0] == '#' || line.rfind("file,", 0) == 0)
			continue;
		std::istringstream row(line);
		std::string name, ms, kind;
		std::getline(row, name, ',');
		std::getline(row, ms, ',');
		std::getline(row, kind, ',');
		char *end = nullptr;
		const double v = strtod(ms.c_str(), &end);
		if (name.empty() || ms.empty() || *end || !(v > 0))
			return path + ":" + std::to_string(no) + ": expected file,published_ms,kind,source with ms > 0";
		if (kind != "wall" && kind != "tpu")
			return path + ":" + std::to_string(no) + ": kind '" + kind + "': expected wall or tpu";
		if (out.count(name))
			return path + ":" + std::to_string(no) + ": " + name + " listed twice";
		out[name] = Figure{v, kind};
	}
	return "";
}

std::string stem(const std::string &path)
{
	std::string s = path.substr(path.find_last_of('/') + 1);
	const size_t dot = s.rfind(".cvimodel");
	return dot == std::string::npos ? s : s.substr(0, dot);
}

struct Row {
	std::string name;
	CostSummary cost;
	bool ok = false;
	std::string failure;
	double infer_ms = 0;
};

// The child: one run, its result as one line on the channel.
int child(const Model &m, int channel)
{
	RunOptions o;
	std::vector<std::vector<uint8_t>> inputs;
	std::string err = prepare_inputs(m, o, inputs);
	if (!err.empty()) {
		dprintf(channel, "\ncompare-failed %s\n", err.c_str());
		return 1;
	}
	RunResult r = run_model(m, o, inputs);
	fflush(stdout);
	if (!r.failure.empty() || r.infer_s.empty())
		dprintf(channel, "\ncompare-failed %s\n", r.failure.empty() ? "no inference" : r.failure.c_str());
	else
		dprintf(channel, "\ncompare-result %.9f\n", r.infer_s[0] * 1e3);
	return 0;
}

void collect(const ForkResult &fr, Row &row)
{
	const std::string &out = fr.output;
	size_t at = out.rfind("\ncompare-result ");
	if (at != std::string::npos) {
		row.infer_ms = strtod(out.c_str() + at + 16, nullptr);
		row.ok = true;
		return;
	}
	at = out.rfind("\ncompare-failed ");
	row.failure = at != std::string::npos ? out.substr(at + 16, out.find('\n', at + 16) - at - 16) : fr.describe();
}

} // namespace

int model_compare(const Args &a)
{
	const std::string csv = a.figures.empty() ? TPUSIM_FIGURES_CSV : a.figures;
	std::map<std::string, Figure> figures;
	std::string err = load_figures(csv, figures);
	if (!err.empty()) {
		fprintf(stderr, "tpusim model: %s\n", err.c_str());
		return 2;
	}
	std::vector<Model> models(a.paths.size());
	std::vector<Row> rows(a.paths.size());
	for (size_t i = 0; i < a.paths.size(); i++) {
		if (!(err = load_model(a.paths[i], models[i])).empty()) {
			fprintf(stderr, "%s\n", err.c_str());
			return 2;
		}
		rows[i].name = stem(a.paths[i]);
		rows[i].cost = summarize(desc_costs(models[i]));
	}
	ForkPoolOptions po;
	po.jobs = 2;
	po.timeout = 600;
	po.in_order = true;
	run_forked(
		po, 0, models.size(), [&](uint64_t id, int channel) { return child(models[id], channel); },
		[&](ForkResult &fr) { collect(fr, rows[fr.id]); });

	const double host = TPU_HOST_OVERHEAD_PER_CALL_MS;
	printf("| Model | TIU desc | TIU Mcycles | TDMA desc | DRAM MiB | simulated ms | + host ms | published ms | "
	       "ratio |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	double worst = 0;
	std::string worst_name;
	bool failed = false;
	size_t compared = 0;
	for (const Row &r : rows) {
		const auto f = figures.find(r.name);
		printf("| %s | %llu | %.3f | %llu | %.2f | ", r.name.c_str(), static_cast<unsigned long long>(r.cost.tiu),
		       r.cost.tiu_formula_cycles / 1e6, static_cast<unsigned long long>(r.cost.tdma),
		       r.cost.dram_bus_bytes / (1024.0 * 1024.0));
		if (!r.ok) {
			printf("failed: %s | | | |\n", r.failure.c_str());
			failed = true;
			continue;
		}
		if (f == figures.end()) {
			printf("%.3f | | – | |\n", r.infer_ms);
			continue;
		}
		const double total = r.infer_ms + (f->second.kind == "wall" ? host : 0);
		const double ratio = total / f->second.ms;
		printf("%.3f | %.3f | %.3f | %.3f |\n", r.infer_ms, total, f->second.ms, ratio);
		compared++;
		if (std::fabs(ratio - 1) > worst) {
			worst = std::fabs(ratio - 1);
			worst_name = r.name;
		}
	}
	printf("\n%zu of %zu models compared (host overhead %.3f ms per call on wall-clock figures, 500 MHz): "
	       "largest error %.1f %% (%s), tolerance %.0f %%\n",
	       compared, rows.size(), host, worst * 100, worst_name.empty() ? "-" : worst_name.c_str(),
	       kTolerance * 100);
	return failed || worst > kTolerance ? 1 : 0;
}

} // namespace tpusim::cli
