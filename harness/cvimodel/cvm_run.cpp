// SPDX-License-Identifier: Apache-2.0
//
// cvm_run.cpp - run a cvimodel through the runtime and the hosted driver
// (cvm_run.h).
#include "cvm_run.h"

#include "cvm_app.h"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <random>

#include "host.h"

extern "C" {
#include "rt_session.h"
}

namespace tpusim::cvm {

namespace {

std::vector<uint8_t> random_bytes(const Tensor &t, std::mt19937_64 &rng)
{
	std::vector<uint8_t> b(t.size);
	// Floating-point inputs get values in [-1, 1): random bit patterns
	// would be NaNs and infinities.
	if (t.dtype == 0 /* FP32 */ && t.size % 4 == 0) {
		std::uniform_real_distribution<float> u(-1.0f, 1.0f);
		for (size_t i = 0; i < b.size(); i += 4) {
			float f = u(rng);
			memcpy(&b[i], &f, 4);
		}
	} else if (t.dtype == 3 /* BF16 */ && t.size % 2 == 0) {
		std::uniform_real_distribution<float> u(-1.0f, 1.0f);
		for (size_t i = 0; i < b.size(); i += 2) {
			float f = u(rng);
			uint32_t w;
			memcpy(&w, &f, 4);
			b[i] = static_cast<uint8_t>(w >> 16);
			b[i + 1] = static_cast<uint8_t>(w >> 24);
		}
	} else {
		for (auto &x : b)
			x = static_cast<uint8_t>(rng());
	}
	return b;
}

constexpr size_t kErrorsShown = 8;

// Counts what the engines did, and turns a detected hang into a finding.
struct Watch : TpuObserver {
	explicit Watch(Host &host) : h(host) {}
	Host &h;
	RunResult *r = nullptr;
	double first_start = -1, last_end = -1;

	void desc_start(const DescEvent &e) override
	{
		if (first_start < 0)
			first_start = e.start.to_seconds();
	}
	// Process 0's completed runs: the run in progress is the next.  With
	// several processes their runs interleave; spans follow process 0's.
	const std::vector<double> *runs = nullptr;

	struct Span {
		size_t run = SIZE_MAX;
		double first = 0, last = 0;
	};
	std::map<uint32_t, Span> spans;   // per layer, in the current run

	static void flush(LayerRun &l, const Span &s)
	{
		if (s.run != SIZE_MAX)
			l.span_s += s.last - s.first;
	}
	void finish()
	{
		for (auto &kv : spans)
			flush(r->layers[kv.first], kv.second);
		spans.clear();
	}

	// Each engine's busy intervals, in order (an engine runs one
	// descriptor at a time), for the overlap.
	std::vector<std::pair<double, double>> busy[2];

	void desc_end(const DescEvent &e) override
	{
		if (r->trace.keep) {
			TraceEvent t;
			t.ts_ps = e.start.value();
			t.dur_ps = (e.end - e.start).value();
			t.track = std::string("engine/") + engine_name(e.engine);
			t.name = e.op ? e.op : "desc";
			t.args = "id=" + std::to_string(e.id) + " layer=" + std::to_string(e.layer) +
				 " status=" + std::to_string(e.status) + (e.executed ? "" : " timed-only");
			r->trace.add(std::move(t));
		}
		last_end = e.end.to_seconds();
		const double t0 = e.start.to_seconds(), t1 = e.end.to_seconds();
		busy[e.engine == Engine::tiu].emplace_back(t0, t1);
		LayerRun &l = r->layers[e.layer];
		(e.engine == Engine::tiu ? l.tiu : l.tdma)++;
		(e.engine == Engine::tiu ? l.tiu_s : l.tdma_s) += t1 - t0;
		l.first = l.first < 0 ? t0 : std::min(l.first, t0);
		// The run in progress is the one whose time is not yet recorded.
		Span &s = spans[e.layer];
		if (s.run != runs->size()) {
			flush(l, s);
			s = Span{runs->size(), t0, t1};
		}
		s.first = std::min(s.first, t0);
		s.last = std::max(s.last, t1);
		if (e.status && r->engine_errors.size() < kErrorsShown) {
			char line[160];
			snprintf(line, sizeof(line), "%s descriptor %u (id %u, %s): status 0x%x%s", engine_name(e.engine),
				 e.index + 1, e.id, e.op ? e.op : "?", e.status, e.stopped ? ", engine stopped" : "");
			r->engine_errors.push_back(line);
		}
	}
	void irq_edge(int line, bool level) override
	{
		if (!r->trace.keep)
			return;
		TraceEvent t;
		t.kind = TraceEvent::Kind::instant;
		t.ts_ps = sc_core::sc_time_stamp().value();
		t.track = "irq/" + std::to_string(line);
		t.name = level ? "line high" : "line low";
		r->trace.add(std::move(t));
	}
	void hang(const std::string &report) override { h.os.findings().add(Checker::hang, report); }
};

// Total length of the intersections of two sorted lists of disjoint intervals.
double overlap(const std::vector<std::pair<double, double>> &a, const std::vector<std::pair<double, double>> &b)
{
	double sum = 0;
	for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
		const double lo = std::max(a[i].first, b[j].first), hi = std::min(a[i].second, b[j].second);
		if (hi > lo)
			sum += hi - lo;
		(a[i].second < b[j].second ? i : j)++;
	}
	return sum;
}

std::string rc_str(const char *what, int rc)
{
	return std::string(what) + " returned " + std::to_string(rc);
}

// What one application process did.
struct ProcessRun {
	std::string track;                  // its thread's trace track
	AppRun app;
};

// The application: runs in a simulated user thread of its own process.
void app(const Model &m, const RunOptions &o, const std::vector<std::vector<uint8_t>> &inputs, ProcessRun &pr,
	 RunResult &r)
{
	rt_dev dev{};
	int rc = rt_dev_open(&dev);
	if (rc) {
		pr.app.failure = rc_str("opening the devices", rc);
		return;
	}
	run_app(dev, m, inputs, o.iterations, 1, pr.app, r.trace.keep ? &r.trace : nullptr, pr.track, o.pmu);
	rt_dev_close(&dev);
}

} // namespace

std::string prepare_inputs(const Model &m, const RunOptions &o, std::vector<std::vector<uint8_t>> &out)
{
	for (const auto &kv : o.inputs) {
		const Tensor *t = m.tensor(kv.first);
		if (!t || !t->is_input) {
			std::string names;
			for (size_t i : m.inputs)
				names += (names.empty() ? "" : ", ") + m.tensors[i].name;
			return "--input " + kv.first + ": the model has no input of that name (inputs: " + names + ")";
		}
	}
	std::mt19937_64 rng(o.seed);
	out.clear();
	for (size_t i : m.inputs) {
		const Tensor &t = m.tensors[i];
		auto it = o.inputs.find(t.name);
		const InputSpec &s = it == o.inputs.end() ? o.default_input : it->second;
		switch (s.kind) {
		case InputSpec::Kind::zeros:
			out.emplace_back(t.size, 0);
			break;
		case InputSpec::Kind::random:
			out.push_back(random_bytes(t, rng));
			break;
		case InputSpec::Kind::file: {
			std::ifstream in(s.file, std::ios::binary);
			if (!in)
				return "--input " + t.name + "=" + s.file + ": cannot open";
			std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
			if (b.size() != t.size)
				return "--input " + t.name + "=" + s.file + ": " + std::to_string(b.size()) +
				       " bytes, the tensor has " + std::to_string(t.size) + " (" + dtype_name(t.dtype) + ")";
			out.push_back(std::move(b));
			break;
		}
		}
	}
	return "";
}

RunResult run_model(const Model &m, const RunOptions &o, const std::vector<std::vector<uint8_t>> &inputs)
{
	RunResult r;
	r.trace.keep = o.trace;
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
	auto *host = new Host(HostConfig());   // immortal: SystemC objects live until exit
	auto *watch = new Watch(*host);
	watch->r = &r;
	host->top.observers().add(watch);
	if (o.on_host)
		o.on_host(*host);
	std::vector<ProcessRun> procs(o.processes);
	watch->runs = &procs[0].app.infer_s;
	for (unsigned k = 0; k < o.processes; k++) {
		const std::string name = o.processes == 1 ? "app" : "app" + std::to_string(k);
		procs[k].track = name + "/main";
		host->thread(host->process(name), "main", [&, k]() {
			app(m, o, inputs, procs[k], r);
			return 0;
		});
	}
	host->run();
	// Process 0's run is the model's result; every other process must
	// have computed the same outputs from the same inputs.
	r.failure = procs[0].app.failure;
	r.infer_s = procs[0].app.infer_s;
	r.outputs = procs[0].app.outputs;
	r.pmu = procs[0].app.pmu;
	for (unsigned k = 0; k < o.processes; k++) {
		r.process_infer_s.push_back(procs[k].app.infer_s);
		if (r.failure.empty() && !procs[k].app.failure.empty())
			r.failure = "process " + std::to_string(k) + ": " + procs[k].app.failure;
		if (r.failure.empty() && procs[k].app.outputs != procs[0].app.outputs)
			r.failure = "process " + std::to_string(k) + "'s outputs differ from process 0's";
	}
	for (const auto &f : host->os.findings().list())
		r.findings.push_back(f.checker + ": " + f.message);
	r.sim_s = sc_core::sc_time_stamp().to_seconds();
	r.tpu_s = watch->first_start >= 0 ? watch->last_end - watch->first_start : 0;
	const EngineStats &td = host->top.tdma.stats(), &ti = host->top.tiu.stats();
	r.tdma_busy_s = td.busy_time.to_seconds();
	r.tiu_busy_s = ti.busy_time.to_seconds();
	r.tdma_descs = td.descriptors;
	r.tiu_descs = ti.descriptors;
	r.tdma_errors = td.errors;
	r.tiu_errors = ti.errors;
	r.tiu_timed_only = ti.not_executed;
	r.tdma_timed_only = td.not_executed;
	r.overlap_s = overlap(watch->busy[0], watch->busy[1]);
	watch->finish();
	if (r.outputs.size() != m.outputs.size() && r.failure.empty())
		r.failure = "the application did not finish";
	return r;
}

} // namespace tpusim::cvm
