// SPDX-License-Identifier: Apache-2.0
//
// cvm_app.cpp - an application running a cvimodel (cvm_app.h).
#include "cvm_app.h"

#include <systemc>

namespace tpusim::cvm {

namespace {

std::string rc_str(const char *what, int rc)
{
	return std::string(what) + " returned " + std::to_string(rc);
}

} // namespace

void run_app(rt_dev &dev, const Model &m, const std::vector<std::vector<uint8_t>> &inputs, unsigned iterations,
	     uint32_t first_seq, AppRun &a, EventLog *trace, const std::string &track, bool pmu)
{
	rt_buf region[kRegions] = {};
	bool alloc[kRegions] = {};
	std::vector<rt_buf> cmd(m.routines.size());
	size_t loaded = 0;
	uint64_t base[kRegions] = {};
	int rc;

	auto fail = [&](const std::string &what) {
		if (a.failure.empty()) {
			a.failure = what;
			a.rc = rc;
		}
	};
	// One cached ION buffer per region, as the vendor runtime allocates
	// them; a legacy model's neuron buffer serves regions 0 and 2.
	for (unsigned k = 0; k < kRegions && a.failure.empty(); k++) {
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
	if (a.failure.empty() && m.weight_size &&
	    ((rc = rt_buf_write(&region[kRegionWeight], 0, m.bytes.data() + m.weight_off, m.weight_size)) ||
	     (rc = rt_buf_flush(&dev, &region[kRegionWeight], 0, m.weight_size))))
		fail(rc_str("writing the weights", rc));
	for (size_t i = 0; i < m.inputs.size() && a.failure.empty(); i++) {
		const Tensor &t = m.tensors[m.inputs[i]];
		if ((rc = rt_buf_write(&regbuf(t.region), t.offset, inputs[i].data(), t.size)) ||
		    (rc = rt_buf_flush(&dev, &regbuf(t.region), t.offset, t.size)))
			fail(rc_str(("writing input '" + t.name + "'").c_str(), rc));
	}
	for (; loaded < m.routines.size() && a.failure.empty(); loaded++)
		if ((rc = pmu ? pmu_load_cmdbuf(&dev, m.routines[loaded].cmdbuf->cb, base, &cmd[loaded])
			      : rt_load_cmdbuf(&dev, m.routines[loaded].cmdbuf->cb, base, &cmd[loaded]))) {
			fail(rc_str(("loading routine " + m.routines[loaded].section).c_str(), rc));
			break;
		}
	uint32_t seq = first_seq;
	for (unsigned it = 0; it < iterations && a.failure.empty(); it++) {
		const double t0 = sc_core::sc_time_stamp().to_seconds();
		const uint64_t t0_ps = sc_core::sc_time_stamp().value();
		for (size_t i = 0; i < m.routines.size() && a.failure.empty(); i++, seq++) {
			int ret = 0;
			if ((rc = rt_submit(&dev, &cmd[i], seq)))
				fail(rc_str("SUBMIT", rc));
			else if ((rc = rt_wait(&dev, seq, &ret)))
				fail(rc_str("WAIT", rc));
			else if (ret && (a.job_ret = ret))
				fail("the job of routine " + m.routines[i].section + " ended with result " + std::to_string(ret));
		}
		a.infer_s.push_back(sc_core::sc_time_stamp().to_seconds() - t0);
		if (trace) {
			TraceEvent t;
			t.ts_ps = t0_ps;
			t.dur_ps = sc_core::sc_time_stamp().value() - t0_ps;
			t.track = track;
			t.name = "inference " + std::to_string(it + 1);
			trace->add(std::move(t));
		}
	}
	for (size_t i = 0; i < m.outputs.size() && a.failure.empty(); i++) {
		const Tensor &t = m.tensors[m.outputs[i]];
		std::vector<uint8_t> b(t.size);
		if ((rc = rt_buf_invalidate(&dev, &regbuf(t.region), t.offset, t.size)) ||
		    (rc = rt_buf_read(&regbuf(t.region), t.offset, b.data(), b.size())))
			fail(rc_str(("reading output '" + t.name + "'").c_str(), rc));
		a.outputs.push_back(std::move(b));
	}
	for (size_t i = 0; pmu && i < loaded && a.failure.empty(); i++) {
		a.pmu.emplace_back();
		if ((rc = pmu_read(&dev, cmd[i], a.pmu.back())))
			fail(rc_str(("reading the PMU buffer of routine " + m.routines[i].section).c_str(), rc));
	}
	for (size_t i = 0; i < loaded; i++)
		rt_buf_free(&cmd[i]);
	for (unsigned k = 0; k < kRegions; k++)
		if (alloc[k])
			rt_buf_free(&region[k]);
}


} // namespace tpusim::cvm
