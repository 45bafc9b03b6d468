// SPDX-License-Identifier: Apache-2.0
//
// checkers.cpp - the oracles that watch the driver from the outside.
//
// The driver is a black box: these checkers see only what a user and the
// hardware see — which jobs completed on the engines, what each WAIT
// returned and when, the output bytes, and the driver's warnings (a
// dropped result must be announced by a warning naming tid= and seq_no=;
// docs/checkers.md).  Together with the sim-OS and host findings (leaks,
// storms, deadlocks, DMA use-after-free, ...) they make every run judge
// itself.
#include <sstream>

#include "dma_alloc.h"
#include "run_ctx.h"

extern "C" {
#include "tpu/contract.h"
}

namespace tpusim::scn {


unsigned RunCtx::unclaimed_results(const Instance *except)
{
	unsigned n = 0;

	for (size_t k = 0; k < open_instances.size();) {
		Instance *i = open_instances[k];

		if (i->claimed || i->dropped) {
			open_instances[k] = open_instances.back();
			open_instances.pop_back();
			continue;
		}
		n += i != except && i->hw_done;
		k++;
	}
	return n;
}

const DriverContract &driver_contract(const std::string &driver)
{
	static const DriverContract project{TPU_SPEC_DONE_LIST_MAX, TPU_SPEC_WAIT_TIMEOUT_NS};
	static const DriverContract vendor{TPU_VENDOR_SPEC_DONE_LIST_MAX, TPU_VENDOR_SPEC_WAIT_TIMEOUT_NS};
	return driver == "vendor" ? vendor : project;
}

static std::string who(const Instance *i)
{
	return i->thread + " seq_no=" + std::to_string(i->seq);
}

void RunCtx::on_job_finished(Instance *inst)
{
	// When a job completes, the driver has published every earlier result:
	// more than the bound still unclaimed and never announced as dropped
	// means the done list grew past it.
	unsigned n = unclaimed_results(inst);

	if (contract.done_list_max && n > contract.done_list_max && !overflow_reported) {
		overflow_reported = true;
		finding(Checker::done_list_overflow, std::to_string(n) +
			" finished results unclaimed and none announced as dropped when " + who(inst) +
			" completed (bound " + std::to_string(contract.done_list_max) + ")");
	}
}

// docs/driver.md: a job is given back (result, buffer reference) only when
// no engine works on it any more; after a failure that takes a reset.
void RunCtx::check_engines_left(Instance *inst)
{
	for (Engine e : {Engine::tdma, Engine::tiu}) {
		const int i = static_cast<int>(e);
		const EngineBase &eng = h.top.engine(e);
		EngineState st = eng.state();

		if (engine_job[i] != inst || st == EngineState::idle || eng.resets() != engine_job_resets[i])
			continue;
		finding(Checker::engine_busy_at_result,
			"WAIT delivered the result of " + who(inst) + " while the " + engine_name(e) +
				" was still " + engine_state_name(st) +
				" in its descriptors (no reset after the job)");
	}
}

void RunCtx::check_wait(ThreadCtx &tc, Instance *inst, uint32_t seq, int rc, int ret, double t0)
{
	double now = sc_core::sc_time_stamp().to_seconds();

	(void)tc;
	(void)seq;
	if (rc == -ETIMEDOUT)
		saw_timeout = true;
	if (!inst)
		return;
	if (rc == 0) {
		inst->claimed = true;
		inst->claim_s = now;
		if (ret != 0)
			check_engines_left(inst);
		if (!inst->hw_done && ret == 0) {
			finding(Checker::wrong_thread, "WAIT of " + who(inst) +
				" returned success before that job completed on the hardware: "
				"a result of another thread or job was delivered");
			return;
		}
		if (ret == 0 && inst->data_alive() && !inst->corrupted) {
			rt_dev d = tc.rt;
			for (const auto &kv : inst->cj->expected) {
				std::vector<uint8_t> got(kv.second.size());
				uint64_t off = inst->data_base() + inst->cj->offset.at(kv.first);

				if (!inst->job->build.has(BuildFlag::no_invalidate))
					rt_buf_invalidate(&d, &inst->data_buf(), off, got.size());
				// The application reads its outputs either way (the
				// cache model judges those reads); with no data
				// computed there is nothing to compare them with.
				if (rt_buf_read(&inst->data_buf(), off, got.data(), got.size()) || timing_only)
					continue;
				for (size_t i = 0; i < got.size(); i++)
					if (got[i] != kv.second[i]) {
						std::ostringstream os;
						os << "job " << inst->job->name << " of " << who(inst) << ": output "
						   << kv.first << "[" << i << "] = " << unsigned(got[i])
						   << ", host reference " << unsigned(kv.second[i]);
						finding(Checker::output_mismatch, os.str());
						break;
					}
			}
		} else if (ret == 0 && inst->corrupted && !timing_only) {
			finding(Checker::output_mismatch, "job " + inst->job->name + " of " + who(inst) +
				": output corrupted by an injected fault");
		}
		return;
	}
	if (rc != -ETIMEDOUT || !inst->hw_done || inst->claimed || inst->dropped || inst->end_s > now)
		return;
	(void)t0;
	// The job finished but its WAIT timed out and nothing announced a drop.
	if (overflow_reported || (contract.done_list_max && unclaimed_results(inst) >= contract.done_list_max))
		finding(Checker::drop_without_warning, "result of " + who(inst) +
			" vanished while the done list was full, without a warning");
	else
		finding(Checker::lost_completion, "job of " + who(inst) + " completed at " +
			std::to_string(inst->end_s) + " s but its WAIT timed out");
}

void RunCtx::finish()
{
	// A thread still inside a WAIT when the simulation ran out of events
	// sleeps forever (the deadlock finding says the same for all threads).
	for (const auto &tc : threads)
		if (!tc->ended && tc->current && tc->current->kind == Step::Kind::wait)
			finding(Checker::waiter_stuck, tc->name + " never returned from " +
				Diag{tc->current->mark, ""}.str() + "wait");

	for (const auto &want : s.expect.log_contains) {
		bool seen = false;
		for (const auto &l : h.os.log_lines())
			seen |= l.level >= OSAL_LOG_WARN && l.text.find(want) != std::string::npos;
		if (!seen)
			finding(Checker::log_missing, "no driver warning contains \"" + want + "\"");
	}
	for (const auto &b : s.expect.counters) {
		uint64_t v = counter_value(b.counter, h);
		if (v >= b.lo && v <= b.hi)
			continue;
		const std::string want = b.lo == b.hi ? std::to_string(b.lo)
				       : b.hi == UINT64_MAX ? "at least " + std::to_string(b.lo)
							    : std::to_string(b.lo) + ".." + std::to_string(b.hi);
		finding(Checker::counter, Diag{b.mark, ""}.str() + counter_table()[b.counter].key + " is " +
					  std::to_string(v) + ", expected " + want);
	}
	if (s.expect.max_sim_time_ms > 0 &&
	    sc_core::sc_time_stamp().to_seconds() * 1e3 > s.expect.max_sim_time_ms)
		finding(Checker::sim_time, "run took " + std::to_string(sc_core::sc_time_stamp().to_seconds()) +
			" s simulated, limit " + std::to_string(s.expect.max_sim_time_ms / 1e3) + " s");
}

} // namespace tpusim::scn
