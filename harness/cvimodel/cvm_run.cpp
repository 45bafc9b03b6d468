// SPDX-License-Identifier: Apache-2.0
//
// cvm_run.cpp - run a cvimodel through the runtime and the hosted driver
// (cvm_run.h).
#include "cvm_run.h"

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
	void desc_end(const DescEvent &e) override
	{
		last_end = e.end.to_seconds();
		if (e.status && r->engine_errors.size() < kErrorsShown) {
			char line[160];
			snprintf(line, sizeof(line), "%s descriptor %u (id %u, %s): status 0x%x%s", engine_name(e.engine),
				 e.index + 1, e.id, e.op ? e.op : "?", e.status, e.stopped ? ", engine stopped" : "");
			r->engine_errors.push_back(line);
		}
		if (e.engine == Engine::tiu && e.op) {
			OpRun &o = r->tiu_ops[e.op];
			(e.executed ? o.executed : o.timed_only)++;
		}
	}
	void hang(const std::string &report) override { h.os.findings().add(Checker::hang, report); }
};

std::string rc_str(const char *what, int rc)
{
	return std::string(what) + " returned " + std::to_string(rc);
}

// The application: runs in a simulated user thread.
void app(const Model &m, const RunOptions &o, const std::vector<std::vector<uint8_t>> &inputs, RunResult &r)
{
	rt_dev dev{};
	rt_buf region[kRegions] = {};
	bool alloc[kRegions] = {};
	std::vector<rt_buf> cmd(m.routines.size());
	size_t loaded = 0;
	uint64_t base[kRegions] = {};
	int rc;

	auto fail = [&](const std::string &what) {
		if (r.failure.empty())
			r.failure = what;
	};
	if ((rc = rt_dev_open(&dev))) {
		fail(rc_str("opening the devices", rc));
		return;
	}
	// One cached ION buffer per region, as the vendor runtime allocates
	// them; a legacy model's neuron buffer serves regions 0 and 2.
	for (unsigned k = 0; k < kRegions && r.failure.empty(); k++) {
		if (!m.region_size[k] || (m.legacy_neuron && k == kRegionPrivate))
			continue;
		if ((rc = rt_buf_alloc(&dev, m.region_size[k], true, &region[k])))
			fail("allocating region " + std::to_string(k) + " (" + std::to_string(m.region_size[k]) +
			     " bytes): " + rc_str("ION", rc));
		else
			alloc[k] = true;
		base[k] = region[k].paddr;
	}
	if (m.legacy_neuron)
		base[kRegionPrivate] = base[kRegionShared];
	auto regbuf = [&](unsigned k) -> rt_buf & {
		return m.legacy_neuron && k == kRegionPrivate ? region[kRegionShared] : region[k];
	};
	if (r.failure.empty() && m.weight_size &&
	    ((rc = rt_buf_write(&region[kRegionWeight], 0, m.bytes.data() + m.weight_off, m.weight_size)) ||
	     (rc = rt_buf_flush(&dev, &region[kRegionWeight], 0, m.weight_size))))
		fail(rc_str("writing the weights", rc));
	for (size_t i = 0; i < m.inputs.size() && r.failure.empty(); i++) {
		const Tensor &t = m.tensors[m.inputs[i]];
		if ((rc = rt_buf_write(&regbuf(t.region), t.offset, inputs[i].data(), t.size)) ||
		    (rc = rt_buf_flush(&dev, &regbuf(t.region), t.offset, t.size)))
			fail(rc_str(("writing input '" + t.name + "'").c_str(), rc));
	}
	for (; loaded < m.routines.size() && r.failure.empty(); loaded++)
		if ((rc = o.pmu ? pmu_load_cmdbuf(&dev, m.routines[loaded].cmdbuf->cb, base, &cmd[loaded])
				: rt_load_cmdbuf(&dev, m.routines[loaded].cmdbuf->cb, base, &cmd[loaded]))) {
			fail(rc_str(("loading routine " + m.routines[loaded].section).c_str(), rc));
			break;
		}
	uint32_t seq = 1;
	for (unsigned it = 0; it < o.iterations && r.failure.empty(); it++) {
		const double t0 = sc_core::sc_time_stamp().to_seconds();
		for (size_t i = 0; i < m.routines.size() && r.failure.empty(); i++, seq++) {
			int ret = 0;
			if ((rc = rt_submit(&dev, &cmd[i], seq)))
				fail(rc_str("SUBMIT", rc));
			else if ((rc = rt_wait(&dev, seq, &ret)))
				fail(rc_str("WAIT", rc));
			else if (ret)
				fail("the job of routine " + m.routines[i].section + " ended with result " + std::to_string(ret));
		}
		r.infer_s.push_back(sc_core::sc_time_stamp().to_seconds() - t0);
	}
	for (size_t i = 0; i < m.outputs.size() && r.failure.empty(); i++) {
		const Tensor &t = m.tensors[m.outputs[i]];
		std::vector<uint8_t> b(t.size);
		if ((rc = rt_buf_invalidate(&dev, &regbuf(t.region), t.offset, t.size)) ||
		    (rc = rt_buf_read(&regbuf(t.region), t.offset, b.data(), b.size())))
			fail(rc_str(("reading output '" + t.name + "'").c_str(), rc));
		r.outputs.push_back(std::move(b));
	}
	for (size_t i = 0; o.pmu && i < loaded && r.failure.empty(); i++) {
		r.pmu.emplace_back();
		if ((rc = pmu_read(&dev, cmd[i], r.pmu.back())))
			fail(rc_str(("reading the PMU buffer of routine " + m.routines[i].section).c_str(), rc));
	}
	for (size_t i = 0; i < loaded; i++)
		rt_buf_free(&cmd[i]);
	for (unsigned k = 0; k < kRegions; k++)
		if (alloc[k])
			rt_buf_free(&region[k]);
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
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
	auto *host = new Host(HostConfig());   // immortal: SystemC objects live until exit
	auto *watch = new Watch(*host);
	watch->r = &r;
	host->top.observers().add(watch);
	Process *p = host->process("app");
	host->thread(p, "main", [&]() {
		app(m, o, inputs, r);
		return 0;
	});
	host->run();
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
	if (r.outputs.size() != m.outputs.size() && r.failure.empty())
		r.failure = "the application did not finish";
	return r;
}

} // namespace tpusim::cvm
