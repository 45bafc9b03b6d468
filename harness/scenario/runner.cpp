// SPDX-License-Identifier: Apache-2.0
//
// runner.cpp - set up a machine for a scenario, run it, judge it (what the
// run observes as it goes is run_observe.cpp; the checkers, checkers.cpp).
#include "runner.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <sstream>

#include "dma_alloc.h"
#include "errnos.h"
#include "irqc.h"
#include "rtl_bank.h"
#include "run_ctx.h"
#include "coverage.h"
#include "trace_writer.h"

namespace tpusim::scn {

// ---- setup -------------------------------------------------------------

static HostConfig host_config(const Scenario &s, const RunOptions &opt)
{
	HostConfig c;

	apply_platform(s.platform, c);
	if (opt.regs >= 0)
		c.tpu.regs = static_cast<RegImpl>(opt.regs);
	if (!opt.driver.empty())
		c.driver = opt.driver;
	if (opt.timing_only)
		c.tpu.timing_only = true;
	c.os.seed = (opt.seed_given ? opt.seed : s.seed) + opt.schedule;
	c.os.perturb = opt.schedule ? s.perturb : 0.0;
	c.os.forced = opt.forced || (s.has_replay && !opt.schedule);
	c.os.forced_switches = opt.forced ? opt.forced_switches : s.replay_switches;
	if (opt.fail_nth)   // else the scenario's own (platform fail_nth), judged by its expect
		c.os.fail_nth = opt.fail_nth;
	std::sort(c.os.forced_switches.begin(), c.os.forced_switches.end());
	return c;
}

// Count how many thread replicas take part in each barrier.
static void collect_barriers(const std::vector<Step> &steps, std::set<std::string> &names)
{
	for (const Step &st : steps) {
		if (st.kind == Step::Kind::barrier)
			names.insert(st.barrier);
		if (st.kind == Step::Kind::repeat)
			collect_barriers(st.body, names);
	}
}

bool judges_injected_run(Checker c)
{
	return checker_table()[c].layer != CheckerLayer::outside && c != Checker::probe;
}

// The verdict of a run with an injected failure: no finding of a checker
// that judges it (judges_injected_run), and the system call the failure
// happened in (if any) returned a negative errno of the vocabulary.
// Findings the scenario expects are tolerated, not required.
static void judge_injected(const Scenario &s, SimOs &os, const std::set<Checker> &fired, RunResult &r)
{
	std::ostringstream bad;

	r.fail_nth = os.config().fail_nth;
	r.injected = os.injected();
	// The system call the failure happened in reports it: a negative errno
	// of the vocabulary (the errnos the driver documents), never success.
	if (os.injected_syscall() && os.injected_syscall_returned()) {
		const long rc = os.injected_syscall_rc();
		const std::string sys = os.injected_syscall();
		if (rc >= 0)
			r.swallowed = "error swallowed: " + sys + " returned " + std::to_string(rc) +
				      " although its work was not done";
		else if (errno_name(static_cast<int>(-rc)).find_first_not_of("E0123456789") == std::string::npos)
			r.swallowed = "undocumented errno: " + sys + " returned " + rc_text(rc) +
				      ", not an errno of the vocabulary";
		else
			r.injected += " -> " + sys + " returned " + rc_text(rc);
	}
	for (Checker c : fired)
		if (judges_injected_run(c) &&
		    std::find(s.expect.findings.begin(), s.expect.findings.end(), c) == s.expect.findings.end())
			bad << " " << checker_name(c) << ";";
	if (!r.swallowed.empty())
		bad << " " << r.swallowed << ";";
	r.pass = bad.str().empty();
	const std::string what = r.injected.empty() ? "no injectable call #" + std::to_string(r.fail_nth) + " (the run made " +
							      std::to_string(os.injectable_calls()) + ")"
						    : "injected " + r.injected;
	r.verdict = (r.pass ? "clean under fault injection: " : "FAIL:" + bad.str() + " ") + what;
}

RunResult run_scenario(const Scenario &scenario, const RunOptions &opt)
{
	RunResult r;
	auto wall0 = std::chrono::steady_clock::now();

	r.name = scenario.name;
	r.file = scenario.file;
	r.seed = opt.seed_given ? opt.seed : scenario.seed;
	r.schedule = opt.schedule;
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);

	HostConfig hc = host_config(scenario, opt);
	r.driver = hc.driver;
	if (hc.driver != tpusim_hosted_driver) {
		// The CLI hands such a run to the program that hosts the driver.
		r.error = "the scenario runs on the " + hc.driver + " driver; this program hosts the " +
			  std::string(tpusim_hosted_driver) + " driver";
		r.verdict = "error: " + r.error;
		return r;
	}
	// Immortal, as the run context that refers to it.
	const Scenario &s = *new Scenario(for_driver(scenario, hc.driver));
	r.regs = hc.tpu.regs == RegImpl::rtl ? "rtl" : "cpp";
	rtl_trace_to(opt.rtl_trace_path.c_str());
	auto *host = new Host(hc);  // immortal: SystemC objects live until exit
	auto *ctx = new RunCtx(s, opt, *host);
	RunCtx &rc = *ctx;

	rc.events.keep = !opt.trace_path.empty();
	rc.timing_only = hc.tpu.timing_only;
	if (!opt.reg_log_path.empty() && !(rc.reg_log = fopen(opt.reg_log_path.c_str(), "w")))
		throw std::runtime_error("cannot write " + opt.reg_log_path);
	host->top.observers().add(ctx);
	host->os.set_log_hook([ctx](const LogLine &l) { ctx->on_log(l); });
	host->os.set_mmio_hook([ctx](SimThread *t, uint64_t a, uint32_t, bool w) { ctx->on_mmio(t, a, w); });
	host->os.set_ioctl_hook([ctx](const std::string &p, unsigned cmd) { ctx->on_ioctl(p, cmd); });

	for (const auto &kv : s.jobs) {
		auto cj = std::make_unique<CompiledJob>();
		std::string err = compile_job(kv.second, host->top.config().lanes(), *cj);
		if (!err.empty()) {
			Diag d{kv.second.mark, err};
			r.error = d.str();
			r.verdict = "error: " + r.error;
			return r;
		}
		rc.compiled[kv.first] = std::move(cj);
	}

	// Faults that act when the drivers are probed are armed before boot,
	// and so are faults armed on an event from the start (`on`, at 0).
	auto at_boot = [](const Fault &f) {
		return (fault_table()[f.kind].flags & TPUSIM_FAULT_AT_BOOT) != 0 || (f.armed && f.at_ms == 0);
	};
	for (const Fault &f : s.faults)
		if (at_boot(f))
			apply_fault(rc, f, nullptr, false);

	std::set<std::string> barrier_names;
	for (const auto &ps : s.processes) {
		for (unsigned pr = 0; pr < ps.count; pr++) {
			std::string pname = ps.count > 1 ? ps.name + "." + std::to_string(pr) : ps.name;
			tpusim::Process *proc = host->process(pname);
			for (const auto &ts : ps.threads) {
				std::set<std::string> names;
				collect_barriers(ts.steps, names);
				for (unsigned tr = 0; tr < ts.count; tr++) {
					auto tc = std::make_unique<ThreadCtx>();
					tc->run = ctx;
					tc->name = pname + "/" +
						   (ts.count > 1 ? ts.name + "." + std::to_string(tr) : ts.name);
					tc->proc = proc;
					tc->spec = &ts;
					tc->replica = tr;
					tc->proc_replica = pr;
					for (const auto &b : names)
						rc.barriers[b].expected++;
					ThreadCtx *raw = tc.get();
					tc->t = host->thread(proc, tc->name, [raw]() { return thread_main(*raw); });
					rc.threads.push_back(std::move(tc));
				}
			}
		}
	}

	// Timed faults.
	for (const Fault &f : s.faults) {
		if (at_boot(f))
			continue;
		const Fault *fp = &f;
		sc_core::sc_spawn([ctx, fp]() {
			sc_core::wait(sc_core::sc_time(fp->at_ms, sc_core::SC_MS));
			apply_fault(*ctx, *fp, nullptr);
		});
	}

	sc_core::sc_trace_file *vcd = nullptr;
	if (!opt.vcd_path.empty()) {
		std::string base = opt.vcd_path;
		if (base.size() > 4 && base.substr(base.size() - 4) == ".vcd")
			base.resize(base.size() - 4);
		vcd = sc_core::sc_create_vcd_trace_file(base.c_str());
		vcd->set_time_unit(1, sc_core::SC_NS);
		host->top.trace(vcd);
	}

	// A run that never ends (a driver sleeping in a loop for ever) is
	// stopped: at twice the scenario's max_sim_time, else at an hour of
	// simulated time, far beyond every hardware and WAIT timeout of either
	// driver (docs/scenarios.md).
	const double cap_ms = s.expect.max_sim_time_ms > 0 ? 2 * s.expect.max_sim_time_ms : 3600e3;
	host->run(sc_core::sc_time(cap_ms, sc_core::SC_MS));
	if (host->capped())
		rc.finding(Checker::sim_time, "stopped at the simulated-time cap of " + std::to_string(cap_ms / 1e3) +
			   " s with the simulation still active (threads: " + host->os.blocked_report() + ")");
	rc.flush_mmio_spans();
	rc.finish();
	rtl_trace_close();
	if (rc.reg_log)
		fclose(rc.reg_log);
	if (vcd)
		sc_core::sc_close_vcd_trace_file(vcd);

	// ---- judge ---------------------------------------------------------
	std::set<Checker> fired;
	for (const auto &f : host->os.findings().list()) {
		if (opt.disabled.count(f.id))
			continue;
		r.findings.push_back({f.checker, f.message, f.when.to_seconds()});
		fired.insert(f.id);
	}
	for (Checker c : fired)
		r.fired.push_back(checker_name(c));
	if (opt.coverage) {
		// A checker is covered when it fired where the scenario expected it.
		for (Checker c : s.expect.findings)
			if (fired.count(c))
				sample_checker(rc.cov, c);
		r.coverage.assign(rc.cov.begin(), rc.cov.end());
	}
	std::set<Checker> want(s.expect.findings.begin(), s.expect.findings.end());
	std::string off;   // checkers this run could not judge
	if (rc.timing_only)
		for (const auto &row : checker_table().rows())
			if (row.info.flags & TPUSIM_CHECKER_DATA) {
				want.erase(row.kind);
				fired.erase(row.kind);
				off += std::string(off.empty() ? "" : ", ") + row.info.key;
			}
	if (opt.fail_nth) {
		judge_injected(s, host->os, fired, r);
	} else if (fired == want) {
		r.pass = true;
		r.verdict = want.empty() ? "clean" : "expected findings fired";
	} else {
		std::ostringstream os;
		for (Checker w : want)
			if (!fired.count(w))
				os << " missing " << checker_name(w) << ";";
		for (Checker f : fired)
			if (!want.count(f))
				os << " unexpected " << checker_name(f) << ";";
		r.verdict = "FAIL:" + os.str();
	}
	if (!off.empty())
		r.verdict += " (timing only: " + off + " off)";

	r.injectable = host->os.injectable_calls();
	r.sim_s = sc_core::sc_time_stamp().to_seconds();
	r.switches = host->os.switches();
	r.decisions = host->os.decisions();
	r.replayed = opt.forced;
	r.outcomes = std::move(rc.outcomes);
	r.trace_hash = rc.events.hash();
	r.reg_hash = rc.reg_hash;
	r.max_queue = rc.max_queue;
	r.tdma_busy_s = host->top.tdma.stats().busy_time.to_seconds();
	r.tiu_busy_s = host->top.tiu.stats().busy_time.to_seconds();
	r.descriptors = host->top.tdma.stats().descriptors + host->top.tiu.stats().descriptors;
	for (const auto &inst : rc.instances) {
		r.jobs_submitted++;
		r.jobs_completed += inst->hw_done;
		r.jobs.push_back({inst->thread, inst->seq, inst->submit_s, inst->start_s, inst->end_s,
				  inst->claim_s});
	}
	if (!opt.trace_path.empty())
		write_chrome_trace(opt.trace_path, s.name, rc.events);
	r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	return r;
}

} // namespace tpusim::scn
