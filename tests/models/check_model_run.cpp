// SPDX-License-Identifier: Apache-2.0
//
// check_model_run.cpp - what `tpusim model` reports about a run must add
// up: the per-layer table sums to the engines' own descriptor counts and
// busy times, the overlap lies between its bounds, and the trace has one
// span per descriptor and one per inference.  argv[1]: a cvimodel.
#include <algorithm>
#include <cmath>

#include "check_main.h"
#include "cvm_run.h"

using namespace tpusim;
using namespace tpusim::cvm;

namespace {

Model g_model;
std::vector<std::vector<uint8_t>> g_inputs;
constexpr unsigned kRuns = 2;

RunResult run(bool trace, unsigned processes = 1)
{
	RunOptions o;
	o.iterations = kRuns;
	o.trace = trace;
	o.processes = processes;
	RunResult r = run_model(g_model, o, g_inputs);
	ck_assert_msg(r.pass(), "the model run failed: %s", r.failure.c_str());
	return r;
}

bool close(double a, double b)
{
	return std::fabs(a - b) <= 1e-12 + 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

START_TEST(test_layers_add_up)
{
	const RunResult r = run(false);
	uint64_t tiu = 0, tdma = 0;
	double tiu_s = 0, tdma_s = 0, best = *std::min_element(r.infer_s.begin(), r.infer_s.end());
	ck_assert_uint_gt(r.layers.size(), 1);
	for (const auto &kv : r.layers) {
		tiu += kv.second.tiu, tdma += kv.second.tdma;
		tiu_s += kv.second.tiu_s, tdma_s += kv.second.tdma_s;
		ck_assert_msg(kv.second.span_s / kRuns <= best + 1e-12, "layer %u spans %g s per run, a run takes %g s",
			      kv.first, kv.second.span_s / kRuns, best);
		ck_assert(kv.second.span_s >= 0);
	}
	ck_assert_uint_eq(tiu, r.tiu_descs);
	ck_assert_uint_eq(tdma, r.tdma_descs);
	ck_assert_msg(close(tiu_s, r.tiu_busy_s), "layers' TIU busy %g s, engine %g s", tiu_s, r.tiu_busy_s);
	ck_assert_msg(close(tdma_s, r.tdma_busy_s), "layers' TDMA busy %g s, engine %g s", tdma_s, r.tdma_busy_s);
}
END_TEST

START_TEST(test_overlap_bounds)
{
	const RunResult r = run(false);
	// Both engines busy: at most the shorter busy time, at least what
	// the two busy times exceed the TPU span by.
	ck_assert(r.overlap_s <= std::min(r.tiu_busy_s, r.tdma_busy_s) + 1e-12);
	ck_assert(r.overlap_s >= r.tiu_busy_s + r.tdma_busy_s - r.tpu_s - 1e-12);
	ck_assert(r.overlap_s > 0);   // the model overlaps loads with compute
}
END_TEST

START_TEST(test_trace_spans)
{
	const RunResult r = run(true);
	uint64_t engine = 0, runs = 0;
	for (const TraceEvent &e : r.trace.events()) {
		if (e.track.rfind("engine/", 0) == 0)
			engine++;
		if (e.track == "app/main" && e.name.rfind("inference ", 0) == 0) {
			ck_assert_msg(close(e.dur_ps * 1e-12, r.infer_s[runs]), "inference %llu: %g s in the trace, %g s",
				      static_cast<unsigned long long>(runs), e.dur_ps * 1e-12, r.infer_s[runs]);
			runs++;
		}
	}
	ck_assert_uint_eq(engine, r.tiu_descs + r.tdma_descs);
	ck_assert_uint_eq(runs, kRuns);
}
END_TEST

START_TEST(test_processes_share_the_tpu)
{
	const RunResult r = run(false, 3);
	uint64_t tiu = 0;
	for (const Routine &rt : g_model.routines)
		tiu += rt.cmdbuf->tiu;
	ck_assert_uint_eq(r.tiu_descs, tiu * kRuns * 3);
	ck_assert_uint_eq(r.process_infer_s.size(), 3);
	// Three applications on one TPU: the slowest waits for the others.
	double slowest = 0, fastest = 1e9;
	for (const auto &v : r.process_infer_s) {
		ck_assert_uint_eq(v.size(), kRuns);
		double s = 0;
		for (double x : v)
			s += x;
		slowest = std::max(slowest, s), fastest = std::min(fastest, s);
	}
	ck_assert_msg(slowest > fastest * 1.2, "slowest %g s, fastest %g s: no queueing", slowest, fastest);
	ck_assert(r.tiu_busy_s <= r.tpu_s + 1e-12);
}
END_TEST

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: check_model_run FILE.cvimodel\n");
		return 2;
	}
	const std::string err = load_model(argv[1], g_model);
	RunOptions o;
	if (!err.empty() || !prepare_inputs(g_model, o, g_inputs).empty()) {
		fprintf(stderr, "check_model_run: %s\n", err.c_str());
		return 2;
	}
	Suite *s = suite_create("model_run");
	TCase *tc = tcase_create("report");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_layers_add_up);
	tcase_add_test(tc, test_overlap_bounds);
	tcase_add_test(tc, test_trace_spans);
	tcase_add_test(tc, test_processes_share_the_tpu);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
