// SPDX-License-Identifier: Apache-2.0
//
// bench_models.cpp - wall time per simulated inference of compiled models
// with full functional compute (docs/performance.md "Models").
//
// For each model, two child processes (SystemC elaborates once per
// process) run it through the whole machine (runtime, driver, TLM model,
// kernels): one inference, and 1 + --iterations; the difference is the
// wall time of N inferences without loading, elaboration and boot.
// Printed: simulated and wall time per inference, their ratio, and the
// wall time of the datapath alone for one inference (the kernels
// replaying every descriptor in order, cvm_reference.h without the
// reference), the floor the rest of the simulator adds to.  One core:
// the children run one after the other.
//
//   bench_models [--iterations N] [FILE.cvimodel...]
//   (default: every model of TPUSIM_MODELS_DATA_DIR/cvimodels, else
//   ../shared/data/cvimodels next to the source folder)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <string>
#include <unistd.h>
#include <vector>

#include "cvm_reference.h"
#include "cvm_run.h"
#include "fork_pool.h"

using namespace tpusim::cvm;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
	double wall_s = 0;       // the whole child: load, boot, every inference
	double sim_s = 0;        // simulated time of the inferences after the first
	double kernels_s = 0;    // wall time of the kernels alone, one inference
	int ok = 0;
};

double seconds_since(Clock::time_point t0)
{
	return std::chrono::duration<double>(Clock::now() - t0).count();
}

// In a child: runs inferences of one model (with kernels: also the
// kernels alone once).
Figures measure(const std::string &path, unsigned runs, bool kernels)
{
	Figures f;
	Model m;
	RunOptions o;
	std::vector<std::vector<uint8_t>> inputs;
	if (!load_model(path, m).empty() || !prepare_inputs(m, o, inputs).empty())
		return f;
	if (kernels) {
		ReplayKernels k;
		k.reference = false;
		const auto k0 = Clock::now();
		reference_run(m, inputs, k);
		f.kernels_s = seconds_since(k0);
	}
	o.iterations = runs;
	const auto r0 = Clock::now();
	const RunResult r = run_model(m, o, inputs);
	f.wall_s = seconds_since(r0);
	if (!r.pass() || r.infer_s.size() != runs)
		return f;
	for (size_t i = 1; i < r.infer_s.size(); i++)
		f.sim_s += r.infer_s[i];
	f.ok = 1;
	return f;
}

// measure() in a child process of its own.
Figures in_child(const std::string &path, unsigned runs, bool kernels)
{
	Figures f;
	tpusim::ForkPoolOptions o;
	o.capture_output = false;
	tpusim::ForkPool pool(o);
	tpusim::ForkResult r;
	if (pool.start(0, [&](int channel) {
		    const Figures c = measure(path, runs, kernels);
		    return write(channel, &c, sizeof(c)) == sizeof(c) ? 0 : 1;
	    }) &&
	    pool.next(r) && r.output.size() == sizeof(f))
		std::memcpy(&f, r.output.data(), sizeof(f));
	return f;
}

std::vector<std::string> default_models()
{
	const char *env = getenv("TPUSIM_MODELS_DATA_DIR");
	std::string dir = std::string(env && *env ? env : TPUSIM_DEFAULT_DATA_DIR) + "/cvimodels";
	std::vector<std::string> v;
	if (DIR *d = opendir(dir.c_str())) {
		while (dirent *e = readdir(d)) {
			const std::string n = e->d_name;
			if (n.size() > 9 && n.compare(n.size() - 9, 9, ".cvimodel") == 0)
				v.push_back(dir + "/" + n);
		}
		closedir(d);
	}
	std::sort(v.begin(), v.end());
	return v;
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
	unsigned iterations = 2;
	std::vector<std::string> files;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--iterations") && i + 1 < argc)
			iterations = static_cast<unsigned>(std::max(1l, strtol(argv[++i], nullptr, 10)));
		else
			files.push_back(argv[i]);
	}
	if (files.empty())
		files = default_models();
	if (files.empty()) {
		fprintf(stderr, "bench_models: no model (TPUSIM_MODELS_DATA_DIR)\n");
		return 2;
	}
	printf("%-44s %11s %11s %10s %11s\n", "model", "sim ms/inf", "wall s/inf", "sim/wall", "kernels s*");
	int failed = 0;
	for (const std::string &path : files) {
		// One inference, and 1 + N: the difference is N inferences'
		// wall time without loading, elaboration and boot.
		const Figures one = in_child(path, 1, true), more = in_child(path, 1 + iterations, false);
		std::string name = path.substr(path.rfind('/') + 1);
		name = name.substr(0, name.size() - 9);
		if (!one.ok || !more.ok) {
			printf("%-44.44s failed\n", name.c_str());
			failed = 1;
			continue;
		}
		const double wall = std::max(1e-9, (more.wall_s - one.wall_s) / iterations);
		const double sim = more.sim_s / iterations;
		printf("%-44.44s %11.3f %11.3f %10.5f %11.3f\n", name.c_str(), sim * 1e3, wall, sim / wall,
		       one.kernels_s);
	}
	printf("* the kernels alone, one cold inference (first touch of every buffer included)\n");
	return failed;
}
