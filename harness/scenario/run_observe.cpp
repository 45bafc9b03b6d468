// SPDX-License-Identifier: Apache-2.0
//
// run_observe.cpp - what a run sees as it goes: the model's observer
// callbacks (descriptors, interrupt edges, register accesses, hangs), the
// sim-OS hooks (ioctls, driver log lines, MMIO activity), turned into trace
// events, coverage samples and the job bookkeeping the checkers judge by.
#include <cstring>

#include "coverage.h"
#include "dma_alloc.h"
#include "fault_arms.h"
#include "run_ctx.h"

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

	engine_job[static_cast<int>(e.engine)] = inst;
	engine_job_resets[static_cast<int>(e.engine)] = h.top.engine(e.engine).resets();
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
	if (!inst || e.stopped)
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

void RunCtx::reg_access(const tpu_reg_block &block, uint32_t offset, uint32_t value, bool is_write, bool ok)
{
	const uint64_t ts = now_ps();
	const uint64_t words[] = {ts, block.base + offset, value, (uint64_t)is_write << 1 | ok};

	for (uint64_t w : words)
		for (int i = 0; i < 8; i++) {
			reg_hash ^= (w >> (8 * i)) & 0xFF;
			reg_hash *= 1099511628211ull;
		}
	if (reg_log) {
		const tpu_reg_desc *d = tpu_reg_lookup(&block, offset);
		char where[16];

		snprintf(where, sizeof(where), "+0x%03x", offset);
		fprintf(reg_log, "%llu ps %s.%s %s 0x%08x%s\n", (unsigned long long)ts, block.name,
			d ? d->name : where, is_write ? "write" : "read", value, ok ? "" : " bus-error");
	}
	if (opt.coverage && ok)
		sample_reg_access(cov, block, offset, value, is_write);
}

void RunCtx::on_ioctl(const std::string &path, unsigned cmd)
{
	if (arms)
		arms->in_driver(h.os.current_or_null());
	if (!opt.coverage)
		return;
	unsigned unclaimed = unclaimed_results();
	bool dropped = false;

	for (const auto &i : instances)
		dropped |= i->dropped;
	std::vector<DriverState> states;
	if (path.empty())
		states.push_back(DriverState::fd_closed);
	if (queued)
		states.push_back(DriverState::queued);
	if (h.top.tdma.state() != EngineState::idle || h.top.tiu.state() != EngineState::idle)
		states.push_back(DriverState::running);
	if (contract.done_list_max && unclaimed >= contract.done_list_max)
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

} // namespace tpusim::scn
