// SPDX-License-Identifier: Apache-2.0
//
// fuzz_abi.cpp - seeded random system-call sequences against the real
// drivers (/dev/cvi-tpu0, /dev/ion, ION buffer fds) on the model, with every
// sim-OS checker on.
//
//   fuzz_abi [--seed S] [--cases N] [--threads T] [--procs P] [--ops K]
//            [--jobs J] [--timeout SEC] [--relax-ns NS] [--verbose] [--no-fork]
//            [--no-oracle] [--ignore-checker NAME]... [--avoid CLASS]...
//            [--allow-job-result N]...
//
// Case i runs with seed S + i in a forked child (SystemC elaborates once
// per process): one tpusim::Host, P processes x T user threads, each doing
// K (default: random 50..200) operations drawn from open / close / dup /
// ioctl / mmap / munmap / read / write / user-memory / sleep / process
// exit, with random and boundary arguments (null, wild, too-short and
// valid argument buffers; random, closed and foreign fds; garbage, valid
// and mutated command buffers); the operations are abi_ops.h, shared with
// tests/libfuzzer/fuzz_abi_seq.  When every fuzz thread has ended, a
// final process runs two valid jobs (TestJob, harness/testkit/test_job.h): A
// drains whatever garbage is still queued (its WAIT must succeed), B runs
// on a quiet machine, closes its command buffer right after SUBMIT and
// must succeed with the right output.
//
// A case passes when the simulation ends with the host shut down, job B
// succeeds with the right output, every call returned 0 or an
// errno its ABI allows, every call returned what the ABI model
// (abi_model.h; off with --no-oracle) predicts for the state it ran in, and
// the findings hold nothing but what garbage legitimately causes (see
// expected_checker()); during job B nothing at all may be found.  The parent reports failing seeds with the command
// that replays one case, and the rate in cases/second.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "abi_ops.h"
#include "checkers.h"
#include "drv_tb.h"
#include "fuzz_cases.h"
#include "rng.h"
#include "wait_retry.h"

#include "cache.h"
#include "vfs.h"

extern "C" {
#include "tpu/hwcfg.h"
}

using namespace tpusim;
using namespace tpusim::fuzz;

namespace {

// ---- options ------------------------------------------------------------

struct Options : tpusim::fuzz::CaseArgs {
	unsigned threads = 2;     // user threads per fuzzed process
	unsigned procs = 2;       // fuzzed processes
	unsigned ops = 0;         // per thread; 0 = random 50..200
	// One osal_cpu_relax step.  The sim-OS default (100 ns) makes the
	// driver's TIU poll, which spins for up to 10 s when the TIU stalls
	// without raising ERR, cost ~6.7e7 MMIO reads (minutes of wall time);
	// garbage command buffers stall the TIU that way in a few % of cases.
	uint64_t relax_ns = 50000;
	bool oracle = true;       // check every result against the ABI model
	// --ignore-checker: findings of these checkers do not fail a case (the
	// known findings of a hosted driver, docs/vendor-driver.md).
	std::vector<std::string> ignored;
	// --avoid: input classes not generated (abi_ops.h TPUSIM_FUZZ_AVOID),
	// to search past a known finding.
	std::vector<std::string> avoided;
	unsigned avoid = 0;
	// --allow-job-result: a hosted driver's documented job results
	// (vendor P3: -1 for a bad header magic).
	std::vector<int> job_results_ok;
};

// Child exit codes, in the order of verdict_name()'s names.
enum : int {
	kPass = 0,
	kSanitizer = 1,    // ASan/UBSan's own exit code
	kFindings = 2,     // a checker finding that garbage does not explain
	kValidJob = 3,     // a final valid job failed or gave wrong data
	kAbi = 4,          // a call returned something its ABI does not allow
	kNoFinish = 5,     // the simulation did not shut down
};

const char *verdict_name(int code)
{
	static const char *const names[] = {"pass", "sanitizer report (or other exit 1)", "unexpected checker finding",
					    "valid job failed", "ABI contract broken", "simulation did not finish"};
	return code >= kPass && code <= kNoFinish ? names[code] : "unknown exit code";
}

struct Case {
	Host *h = nullptr;
	std::vector<std::unique_ptr<PState>> procs;
	std::vector<std::unique_ptr<TState>> threads;
	std::vector<SimThread *> fuzz_threads;
	fuzz::AbiRun run;                 // stats, ABI errors, the oracle
	// Final jobs.
	int job_a = 1, job_b = 1;   // A: drain (not judged), B: the check
	bool data_a = false, data_b = false;
	std::string final_error;
	size_t findings_before_b = 0;
	bool b_started = false;
	uint64_t b_bad_dma = 0;
	std::string b_bad_dma_first;
	uint64_t hangs = 0;
};

Case *g_case;

// A fuzz thread's operations, each with the end of its share of
// r.below(1000): op_open for 0..49, op_close for 50..99, and so on; past
// them, op_exit (985 and 986, in the second half of the thread's
// operations) or nothing.
const std::pair<unsigned, void (*)(TState &)> kOps[] = {
	{50, op_open}, {100, op_close}, {130, op_dup}, {230, op_ion_alloc}, {290, op_ion_misc},
	{380, op_mmap}, {420, op_munmap}, {520, op_write_mapping}, {540, op_read_mapping}, {840, op_tpu_ioctl},
	{870, op_rw}, {900, op_heap}, {960, op_sleep}, {980, op_valid_job}, {985, op_burst},
};

int fuzz_thread(TState &t)
{
	Choices &r = t.r;

	t.tid = hx_gettid();
	while (t.done_ops < t.ops && !t.ps->dying) {
		unsigned k = r.below(1000);
		auto op = std::find_if(std::begin(kOps), std::end(kOps), [k](const auto &o) { return k < o.first; });

		if (op != std::end(kOps)) {
			op->second(t);
		} else if (k < 987 && t.done_ops > t.ops / 2) {
			t.done_ops++;
			op_exit(t);
			return 0;
		}
		t.done_ops++;
		bump("ops");
	}
	return 0;
}

// ---- the final valid jobs ------------------------------------------------------

int final_thread(Case &c)
{
	for (SimThread *s : c.fuzz_threads)
		join(s);

	rt_dev dev;
	int rc = rt_dev_open(&dev);
	if (rc) {
		c.final_error = std::string("final: rt_dev_open ") + errname(rc);
		return 0;
	}

	// A drains the queue: it runs after every garbage job still queued
	// (one FIFO worker).  Only its WAIT must succeed: the garbage that
	// runs before it may DMA anywhere, into A's freshly allocated buffers
	// too (live pages: no finding), so its result and data are not
	// judged.
	{
		TestJob a;
		a.seed = 7;
		a.addend = 3;
		rc = a.prepare(&dev);
		if (!rc)
			rc = rt_submit(&dev, &a.cmd, 1);
		// Up to ~2.8 h of virtual time behind queued garbage.
		if (!rc)
			rc = wait_retry(&dev, 1, &c.job_a, 1000);
		if (rc)
			c.final_error = std::string("final job A (drain): ") + errname(rc);
		c.data_a = !rc && !c.job_a && a.output_ok(&dev);
		a.release();
	}

	// B: a quiet machine.  Nothing may be found from here on; DMA
	// accesses are checked by an uncapped hook of our own (the sim-OS
	// checker stops reporting after 32).
	SimOs &os = SimOs::get();
	c.findings_before_b = os.findings().list().size();
	c.b_started = true;
	DmaAllocator *dma = &os.dma();
	CpuCache *cache = os.cpu_cache();
	os.top().dram.set_access_hook([&c, dma, cache](DramInitiator who, bool w, uint64_t addr, size_t len) {
		if (cache)
			cache->dma_access(who, w, addr, len);
		if (!dma->is_live(addr, len)) {
			if (!c.b_bad_dma++) {
				char buf[160];
				snprintf(buf, sizeof(buf), "%s %s of 0x%zx bytes at 0x%" PRIx64 " outside live DMA buffers",
					 who == DramInitiator::tiu ? "TIU" : "TDMA", w ? "write" : "read", len, addr);
				c.b_bad_dma_first = buf;
			}
		}
		return true;
	});
	{
		TestJob b;
		b.seed = 11;
		b.addend = 200;  // saturates some bytes
		b.h = 9;
		rc = b.prepare(&dev);
		if (!rc)
			rc = rt_submit(&dev, &b.cmd, 2);
		// Only the job's reference keeps the command buffer now.
		if (!rc)
			rc = rt_buf_free(&b.cmd);
		if (!rc)
			rc = wait_retry(&dev, 2, &c.job_b, 3);
		if (rc && c.final_error.empty())
			c.final_error = std::string("final job B: ") + errname(rc);
		c.data_b = !rc && !c.job_b && b.output_ok(&dev);
		b.release();
	}
	rt_dev_close(&dev);
	return 0;
}

// ---- one case in this process ---------------------------------------------------

struct HangCounter : TpuObserver {
	void hang(const std::string &) override { g_case->hangs++; }
};

int run_case(const Options &opt, uint64_t seed)
{
	static Case c;
	static HangCounter hc;
	Rng r(seed);

	g_case = &c;
	c.run.verbose = opt.verbose;
	c.run.oracle = opt.oracle;
	c.run.avoid = opt.avoid;
	c.run.job_results_ok = opt.job_results_ok;
	set_abi_run(&c.run);

	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);

	HostConfig cfg;
	cfg.os.seed = seed;
	cfg.os.harts = r.chance(70) ? 1 : 2;
	cfg.os.perturb = r.pick<double>({0.0, 0.05, 0.2, 0.5});
	cfg.os.cpu_cache = r.chance(85);
	cfg.os.relax_step = sc_core::sc_time(static_cast<double>(opt.relax_ns), sc_core::SC_NS);
	// A small DRAM sometimes, so that ALLOC runs out (-ENOMEM).
	if (r.chance(20))
		cfg.tpu.dram_size = 32ull << 20;
	// Never destroyed: SystemC elaborates once per process.
	c.h = new Host(cfg);
	Host &h = *c.h;
	h.top.observers().add(&hc);
	c.run.model.reset(TPU_DRAM_BASE, cfg.tpu.dram_size);

	for (unsigned p = 0; p < opt.procs; p++) {
		auto ps = std::make_unique<PState>();
		ps->index = static_cast<int>(p);
		ps->proc = h.process("fuzz" + std::to_string(p));
		c.run.model.add_process(ps->proc);
		for (unsigned i = 0; i < opt.threads; i++) {
			auto ts = std::make_unique<TState>();
			ts->ps = ps.get();
			ts->index = static_cast<int>(i);
			ts->r = Choices(seed * 1000003 + p * 101 + i + 1);
			ts->ops = opt.ops ? opt.ops : 50 + r.below(151);
			TState *tp = ts.get();
			SimThread *st = h.thread(ps->proc, "fuzz" + std::to_string(p) + "." + std::to_string(i),
						 [tp]() { return fuzz_thread(*tp); });
			ps->threads.push_back(st);
			c.fuzz_threads.push_back(st);
			c.threads.push_back(std::move(ts));
		}
		c.procs.push_back(std::move(ps));
	}
	h.thread(h.process("final"), "final", [&]() { return final_thread(c); });

	printf("case seed %" PRIu64 ": %u harts, perturb %.2f, cache %s, DRAM %" PRIu64 " MiB, %u x %u threads\n",
	       seed, cfg.os.harts, cfg.os.perturb, cfg.os.cpu_cache ? "on" : "off", cfg.tpu.dram_size >> 20,
	       opt.procs, opt.threads);
	// Until no events remain: every wait in the driver is bounded, so a
	// run that never ends is a bug (the parent's wall-clock timeout).
	h.run();

	int verdict = kPass;
	std::string why;
	const auto &fl = h.os.findings().list();
	std::map<std::string, unsigned> by_checker, unexpected;
	for (size_t i = 0; i < fl.size(); i++) {
		by_checker[fl[i].checker]++;
		bool in_b = c.b_started && i >= c.findings_before_b;
		if (std::find(opt.ignored.begin(), opt.ignored.end(), fl[i].checker) != opt.ignored.end())
			continue;
		if (in_b || !expected_checker(fl[i].checker)) {
			unexpected[fl[i].checker]++;
			if (verdict == kPass) {
				verdict = kFindings;
				why = std::string(in_b ? "during final job B: " : "") + fl[i].checker + ": " +
				      fl[i].message;
			}
		}
	}
	if (c.b_bad_dma && verdict == kPass) {
		verdict = kFindings;
		why = "during final job B: " + std::to_string(c.b_bad_dma) + " DMA access(es), first: " +
		      c.b_bad_dma_first;
	}
	if (verdict == kPass && !c.run.abi_errors.empty()) {
		verdict = kAbi;
		why = c.run.abi_errors[0];
	}
	if (verdict == kPass && (!c.final_error.empty() || c.job_b || !c.data_b)) {
		verdict = kValidJob;
		why = "final jobs: A ret " + std::to_string(c.job_a) + (c.data_a ? " data ok" : " data BAD") +
		      ", B ret " + std::to_string(c.job_b) + (c.data_b ? " data ok" : " data BAD") +
		      (c.final_error.empty() ? "" : " (" + c.final_error + ")");
	}
	if (!h.shut_down() && verdict != kFindings) {
		verdict = kNoFinish;
		why = "the host did not shut down (virtual time " + sc_core::sc_time_stamp().to_string() + ")";
	}

	// Stats for the parent: "@@stat key value".
	c.run.stats["findings.total"] += fl.size();
	for (auto &kv : by_checker)
		c.run.stats["finding." + kv.first] += kv.second;
	c.run.stats["hangs"] += c.hangs;
	c.run.stats["oracle.wait_must_claim"] += c.run.model.must_claims;
	c.run.stats["oracle.wait_must_drop"] += c.run.model.must_drops;
	c.run.stats["jobs.tdma_descriptors"] += h.top.tdma.stats().descriptors;
	c.run.stats["jobs.tiu_descriptors"] += h.top.tiu.stats().descriptors;
	c.run.stats["virtual_ms"] += static_cast<uint64_t>(sc_core::sc_time_stamp().to_seconds() * 1000);
	c.run.stats["driver.log_warnings"] += log_count(h, "");
	c.run.stats["driver.throttled"] += log_count(h, "too many tasks");
	c.run.stats["driver.done_dropped"] += log_count(h, "dropping oldest");
	c.run.stats["driver.job_timeouts"] += log_count(h, "timeout");
	for (auto &kv : c.run.stats)
		printf("@@stat %s %" PRIu64 "\n", kv.first.c_str(), kv.second);

	if (verdict != kPass) {
		printf("FAIL (%s): %s\n", verdict_name(verdict), why.c_str());
		printf("findings:\n%s", h.report().c_str());
		for (auto &kv : unexpected)
			printf("  unexpected %s x%u\n", kv.first.c_str(), kv.second);
		for (const auto &e : c.run.abi_errors)
			printf("  abi: %s\n", e.c_str());
		printf("last operations of each thread:\n");
		for (const auto &ts : c.threads)
			for (const auto &l : ts->log)
				printf("  %s\n", l.c_str());
		printf("blocked threads:\n%s\n", h.os.blocked_report().c_str());
	}
	fflush(stdout);
	return verdict;
}

// ---- the parent: fork per case, collect, report -----------------------------------

void usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [--seed S] [--cases N] [--threads T] [--procs P] [--ops K] [--jobs J]\n"
		"          [--timeout SEC] [--relax-ns NS] [--verbose] [--no-fork] [--no-oracle]\n"
		"          [--ignore-checker NAME]... [--avoid CLASS]... [--allow-job-result N]...\n"
		"Case i uses seed S+i; replay one case with --seed <its seed> --cases 1.\n"
		"--avoid CLASS keeps the generated calls out of an input class (a known finding):\n%s",
		argv0, avoid_classes_help().c_str());
	exit(2);
}

std::string replay_cmd(const char *argv0, const Options &o, uint64_t seed)
{
	std::string s = std::string(argv0) + " --seed " + std::to_string(seed) + " --cases 1";
	if (o.threads != 2)
		s += " --threads " + std::to_string(o.threads);
	if (o.procs != 2)
		s += " --procs " + std::to_string(o.procs);
	if (o.ops)
		s += " --ops " + std::to_string(o.ops);
	if (o.relax_ns != Options().relax_ns)
		s += " --relax-ns " + std::to_string(o.relax_ns);
	if (!o.oracle)
		s += " --no-oracle";
	for (const auto &c : o.ignored)
		s += " --ignore-checker " + c;
	for (const auto &c : o.avoided)
		s += " --avoid " + c;
	for (int r : o.job_results_ok)
		s += " --allow-job-result " + std::to_string(r);
	return s;
}

} // namespace

int main(int argc, char **argv)
{
	Options o;

	read_args(argc, argv, usage, [&](const std::string &a, const ArgValue &val) {
		if (a == "--threads")
			o.threads = static_cast<unsigned>(strtoul(val(), nullptr, 0));
		else if (a == "--procs")
			o.procs = static_cast<unsigned>(strtoul(val(), nullptr, 0));
		else if (a == "--ops")
			o.ops = static_cast<unsigned>(strtoul(val(), nullptr, 0));
		else if (a == "--relax-ns")
			o.relax_ns = std::max<uint64_t>(1, strtoull(val(), nullptr, 0));
		else if (a == "--no-oracle")
			o.oracle = false;
		else if (a == "--ignore-checker") {
			const std::string name = val();
			tpusim::Checker c;
			if (!tpusim::checker_by_name(name, c)) {
				fprintf(stderr, "--ignore-checker '%s': no such checker\n", name.c_str());
				exit(2);
			}
			o.ignored.push_back(name);
		} else if (a == "--avoid") {
			const std::string name = val();
			Avoid k;
			if (!avoid_by_name(name, k)) {
				fprintf(stderr, "--avoid '%s': no such input class; the classes:\n%s", name.c_str(),
					avoid_classes_help().c_str());
				exit(2);
			}
			o.avoided.push_back(name);
			o.avoid |= 1u << static_cast<unsigned>(k);
		} else if (a == "--allow-job-result") {
			o.job_results_ok.push_back(static_cast<int>(strtol(val(), nullptr, 0)));
		} else {
			return case_arg(a, val, o);
		}
		return true;
	});
	if (!o.threads || !o.procs)
		usage(argv[0]);

	return tpusim::fuzz::case_main(
		"fuzz_abi", o, kPass, [&](uint64_t seed) { return run_case(o, seed); },
		[](int v) { return std::string(verdict_name(v)); },
		[&](uint64_t seed) { return replay_cmd(argv[0], o, seed); },
		[](const tpusim::fuzz::Totals &totals) {
			printf("totals:");
			for (auto &kv : totals)
				printf(" %s=%" PRIu64, kv.first.c_str(), kv.second);
			printf("\n");
		});
}
