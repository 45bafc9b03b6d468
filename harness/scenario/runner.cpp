// SPDX-License-Identifier: Apache-2.0
//
// runner.cpp - set up a machine for a scenario, run it, judge it.
#include "runner.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <sstream>

#include "dma_alloc.h"
#include "irqc.h"
#include "run_ctx.h"
#include "coverage.h"
#include "trace_writer.h"

extern "C" {
#include "tpu/contract.h"
}

namespace tpusim::scn {

RunCtx::RunCtx(const Scenario &sc, const RunOptions &o, Host &host) : s(sc), opt(o), h(host)
{
}

uint64_t RunCtx::now_ps()
{
	return sc_core::sc_time_stamp().value();  // resolution is 1 ps
}

void RunCtx::finding(Checker checker, const std::string &msg)
{
	h.os.findings().add(checker, msg);
}

std::string RunCtx::thread_track(uint64_t tid) const
{
	for (const auto &tc : threads)
		if (tc->t && tc->t->tid == tid)
			return tc->name;
	for (const auto &t : h.os.threads())
		if (t->tid == tid)
			return (t->kind == ThreadKind::irq ? "irq/" : "kernel/") + t->name;
	return "kernel/?";
}

Instance *RunCtx::instance_at(uint64_t addr)
{
	auto it = by_cmd.upper_bound(addr);

	if (it == by_cmd.begin())
		return nullptr;
	--it;
	Instance *inst = it->second;
	return addr - inst->cmd.paddr < inst->cmd.size ? inst : nullptr;
}

void RunCtx::desc_start(const DescEvent &e)
{
	Instance *inst = instance_at(e.addr);

	if (inst && inst->start_s < 0) {
		inst->start_s = sc_core::sc_time_stamp().to_seconds();
		if (queued)
			queued--;
	}
}

void RunCtx::desc_end(const DescEvent &e)
{
	Instance *inst = instance_at(e.addr);
	TraceEvent t;

	t.kind = TraceEvent::Kind::span;
	t.ts_ps = e.start.value();
	t.dur_ps = (e.end - e.start).value();
	t.track = std::string("engine/") + engine_name(e.engine);
	t.name = e.op ? e.op : "desc";
	t.args = "id=" + std::to_string(e.id) + " status=" + std::to_string(e.status) +
		 (e.executed ? "" : " timed-only");
	t.flow = inst ? inst->flow : 0;
	trace(std::move(t));
	if (!inst || e.status)
		return;
	inst->descs_done++;
	if (!inst->hw_done && inst->descs_done == inst->cj->tdma_count + inst->cj->tiu_count) {
		inst->hw_done = true;
		inst->end_s = sc_core::sc_time_stamp().to_seconds();
		on_job_finished(inst);
	}
}

void RunCtx::irq_edge(int line, bool level)
{
	TraceEvent t;

	t.kind = TraceEvent::Kind::instant;
	t.ts_ps = now_ps();
	t.track = "irq/" + std::to_string(line);
	t.name = level ? "line high" : "line low";
	trace(std::move(t));
}

void RunCtx::hang(const std::string &report)
{
	finding(Checker::hang, report);
}

void RunCtx::reg_access(const char *block, uint32_t offset, uint32_t value, bool is_write, bool ok)
{
	if (opt.coverage && ok)
		sample_reg_access(cov, block, offset, value, is_write);
}

void RunCtx::on_ioctl(const std::string &path, unsigned cmd)
{
	if (!opt.coverage)
		return;
	unsigned unclaimed = 0;
	bool dropped = false;

	for (const auto &i : instances) {
		unclaimed += i->hw_done && !i->claimed && !i->dropped;
		dropped |= i->dropped;
	}
	std::vector<DriverState> states;
	if (path.empty())
		states.push_back(DriverState::fd_closed);
	if (queued)
		states.push_back(DriverState::queued);
	if (h.top.tdma.state() != EngineState::idle || h.top.tiu.state() != EngineState::idle)
		states.push_back(DriverState::running);
	if (unclaimed >= TPU_SPEC_DONE_LIST_MAX)
		states.push_back(DriverState::done_full);
	if (dropped)
		states.push_back(DriverState::after_drop);
	if (saw_timeout)
		states.push_back(DriverState::after_timeout);
	if (states.empty())
		states.push_back(DriverState::idle);
	sample_ioctl(cov, cmd, states);
}

void RunCtx::on_log(const LogLine &l)
{
	TraceEvent t;

	t.kind = TraceEvent::Kind::instant;
	t.ts_ps = l.when.value();
	t.track = l.tid ? thread_track(l.tid) : "kernel/boot";
	t.name = l.text;
	trace(std::move(t));
	if (l.level < OSAL_LOG_WARN || l.text.find("drop") == std::string::npos)
		return;
	// The driver's observability contract: a dropped result is announced
	// by a warning naming tid=<tid> and seq_no=<seq> (docs/checkers.md).
	auto num_after = [&](const char *key, uint64_t &v) {
		size_t p = l.text.find(key);
		if (p == std::string::npos)
			return false;
		v = strtoull(l.text.c_str() + p + strlen(key), nullptr, 10);
		return true;
	};
	uint64_t tid, seq;
	if (!num_after("tid=", tid) || !num_after("seq_no=", seq))
		return;
	for (auto &inst : instances)
		if (inst->tid == tid && inst->seq == seq && !inst->claimed && !inst->dropped) {
			inst->dropped = true;
			// The result's buffer reference must go with it: once the
			// user has closed the command buffer, its pages must be free
			// shortly after the announcement.
			if (!inst->cmd_open) {
				Instance *i = inst.get();
				sc_core::sc_spawn([this, i]() {
					sc_core::wait(sc_core::sc_time(1, sc_core::SC_MS));
					if (h.os.dma().is_live(i->cmd.paddr, 1))
						finding(Checker::drop_without_release,
							"result tid=" + std::to_string(i->tid) + " seq_no=" +
							std::to_string(i->seq) + " of " + i->thread +
							" was dropped but its command buffer is still allocated");
				});
			}
			break;
		}
}

void RunCtx::on_mmio(SimThread *t, uint64_t addr, bool write)
{
	(void)addr;
	(void)write;
	if (!t)
		return;
	// Merge accesses less than 20 us apart into one activity span.
	static constexpr uint64_t kGap = 20ull * 1000 * 1000;
	MmioSpan &sp = mmio_spans[t->tid];
	uint64_t now = now_ps();

	if (sp.open && now - sp.end <= kGap) {
		sp.end = now;
		return;
	}
	if (sp.open)
		emit_mmio_span(t->tid, sp);
	sp.open = true;
	sp.start = sp.end = now;
}

void RunCtx::emit_mmio_span(uint64_t tid, const MmioSpan &sp)
{
	TraceEvent e;

	e.ts_ps = sp.start;
	e.dur_ps = sp.end - sp.start;
	e.track = thread_track(tid);
	e.name = "mmio";
	trace(std::move(e));
}

void RunCtx::flush_mmio_spans()
{
	for (auto &kv : mmio_spans)
		if (kv.second.open) {
			emit_mmio_span(kv.first, kv.second);
			kv.second.open = false;
		}
}

// ---- setup -------------------------------------------------------------

static HostConfig host_config(const Scenario &s, const RunOptions &opt)
{
	HostConfig c;

	apply_platform(s.platform, c);
	c.os.seed = (opt.seed_given ? opt.seed : s.seed) + opt.schedule;
	c.os.perturb = opt.schedule ? s.perturb : 0.0;
	c.os.forced = opt.forced || (s.has_replay && !opt.schedule);
	c.os.forced_switches = opt.forced ? opt.forced_switches : s.replay_switches;
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

RunResult run_scenario(const Scenario &s, const RunOptions &opt)
{
	RunResult r;
	auto wall0 = std::chrono::steady_clock::now();

	r.name = s.name;
	r.file = s.file;
	r.seed = opt.seed_given ? opt.seed : s.seed;
	r.schedule = opt.schedule;
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);

	HostConfig hc = host_config(s, opt);
	auto *host = new Host(hc);  // immortal: SystemC objects live until exit
	auto *ctx = new RunCtx(s, opt, *host);
	RunCtx &rc = *ctx;

	rc.events.keep = !opt.trace_path.empty();
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

	// Faults that act when the drivers are probed are armed before boot.
	auto at_boot = [](const Fault &f) { return (fault_table()[f.kind].flags & TPUSIM_FAULT_AT_BOOT) != 0; };
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

	host->run();
	rc.flush_mmio_spans();
	rc.finish();
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
	if (fired == want) {
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

	r.sim_s = sc_core::sc_time_stamp().to_seconds();
	r.switches = host->os.switches();
	r.decisions = host->os.decisions();
	r.replayed = opt.forced;
	r.trace_hash = rc.events.hash();
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

// ---- serialization (one "key value" per line; strings escaped) -----------

static std::string esc(const std::string &s)
{
	std::string o;
	for (char c : s)
		o += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
	return o;
}

static std::string unesc(const std::string &s)
{
	std::string o;
	for (size_t i = 0; i < s.size(); i++) {
		if (s[i] == '\\' && i + 1 < s.size()) {
			o += s[i + 1] == 'n' ? '\n' : s[i + 1];
			i++;
		} else {
			o += s[i];
		}
	}
	return o;
}

std::string serialize_result(const RunResult &r)
{
	std::ostringstream os;

	os.precision(17);
	os << "name " << esc(r.name) << "\nfile " << esc(r.file) << "\nseed " << r.seed
	   << "\nschedule " << r.schedule << "\npass " << r.pass << "\nverdict " << esc(r.verdict)
	   << "\nsim " << r.sim_s << "\nwall " << r.wall_s << "\nhash " << r.trace_hash
	   << "\nsubmitted " << r.jobs_submitted << "\ncompleted " << r.jobs_completed
	   << "\ndescriptors " << r.descriptors << "\ntdma_busy " << r.tdma_busy_s
	   << "\ntiu_busy " << r.tiu_busy_s << "\nmax_queue " << r.max_queue
	   << "\nerror " << esc(r.error) << "\n";
	for (const auto &f : r.findings)
		os << "finding " << f.when_s << " " << esc(f.checker) << " " << esc(f.message) << "\n";
	for (const auto &c : r.fired)
		os << "fired " << esc(c) << "\n";
	os << "replayed " << r.replayed << "\ndecisions " << r.decisions << "\n";
	for (uint64_t k : r.switches)
		os << "switch " << k << "\n";
	for (const auto &b : r.coverage)
		os << "cov " << esc(b) << "\n";
	for (const auto &j : r.jobs)
		os << "job " << j.seq << " " << j.submit_s << " " << j.start_s << " " << j.end_s << " "
		   << j.claim_s << " " << esc(j.thread) << "\n";
	return os.str();
}

bool parse_result(const std::string &text, RunResult &r)
{
	std::istringstream is(text);
	std::string line;
	bool any = false;

	while (std::getline(is, line)) {
		size_t sp = line.find(' ');
		std::string key = line.substr(0, sp), rest = sp == std::string::npos ? "" : line.substr(sp + 1);
		std::istringstream ls(rest);

		any = true;
		if (key == "name") r.name = unesc(rest);
		else if (key == "file") r.file = unesc(rest);
		else if (key == "seed") ls >> r.seed;
		else if (key == "schedule") ls >> r.schedule;
		else if (key == "pass") ls >> r.pass;
		else if (key == "verdict") r.verdict = unesc(rest);
		else if (key == "sim") ls >> r.sim_s;
		else if (key == "wall") ls >> r.wall_s;
		else if (key == "hash") ls >> r.trace_hash;
		else if (key == "submitted") ls >> r.jobs_submitted;
		else if (key == "completed") ls >> r.jobs_completed;
		else if (key == "descriptors") ls >> r.descriptors;
		else if (key == "tdma_busy") ls >> r.tdma_busy_s;
		else if (key == "tiu_busy") ls >> r.tiu_busy_s;
		else if (key == "max_queue") ls >> r.max_queue;
		else if (key == "error") r.error = unesc(rest);
		else if (key == "fired") r.fired.push_back(unesc(rest));
		else if (key == "replayed") ls >> r.replayed;
		else if (key == "decisions") ls >> r.decisions;
		else if (key == "cov") r.coverage.push_back(unesc(rest));
		else if (key == "switch") {
			uint64_t k;
			if (ls >> k)
				r.switches.push_back(k);
		}
		else if (key == "finding") {
			FindingOut f;
			ls >> f.when_s >> f.checker;
			std::string msg;
			std::getline(ls, msg);
			f.message = unesc(msg.empty() ? msg : msg.substr(1));
			r.findings.push_back(f);
		} else if (key == "job") {
			JobStat j;
			ls >> j.seq >> j.submit_s >> j.start_s >> j.end_s >> j.claim_s;
			std::string th;
			std::getline(ls, th);
			j.thread = unesc(th.empty() ? th : th.substr(1));
			r.jobs.push_back(j);
		}
	}
	return any;
}

} // namespace tpusim::scn
