// SPDX-License-Identifier: Apache-2.0
//
// bench_driver.cpp - how fast the whole machine simulates: the TPU driver
// on the model, through the sim-OS, driven by a simulated user thread.
//
//   bench_driver [--iters N | --quick]
//
// Without options every measurement repeats until it has taken 0.5 s of
// wall time (the 1000-job queue is repeated whole).  --iters N runs each
// once with N units: N round trips, N bridge reads, N raw TLM reads of
// each kind, a queue of N jobs.  --quick is --iters 100 (the smoke test).
//
// Prints, one figure per line with its unit:
//   1. MMIO accesses per wall-second through the bridge (driver
//      readl/writel -> SimOs -> TLM -> model register): a kernel thread
//      doing N osal_readl of a TDMA register on a freshly booted machine,
//      and again after the job measurements (SystemC's queue of timed
//      events has grown by then: docs/performance.md); next to it raw TLM
//      b_transport reads of the same register from a plain SC_THREAD
//      bound to tpu.bus.in, without the sim-OS (no wait, and with the
//      bridge's wait after every read), and the ratios;
//   2. wall time per SUBMIT+WAIT round trip of one small job (one user
//      thread submitting and waiting N times), round trips per
//      wall-second, and the MMIO accesses counted during them;
//   3. simulated seconds per wall-second for a queue of 1000 small jobs:
//      one thread submits them in batches of 64 (the driver's done list
//      holds 64 results; one more drops the oldest) and waits for each
//      batch before submitting the next; and jobs per wall-second;
//   4. (1) and (2) again with the sim-OS's TLM-2.0 quantum keeper on
//      (SimOsConfig::quantum = kQuantumNs): accesses accumulate local time
//      and wait once per quantum;
//   5. the targets of the bridge and the job path (docs/performance.md),
//      each with its ratio against the raw rates of this run and PASS or
//      MISS, and where a bridge access and a round trip spend their time.
//
// SystemC elaborates once per process, so each machine runs in a forked
// child: one bare TpuTop with the raw initiator, one tpusim::Host doing
// (1), (2) and (3) in sequence, one Host with the quantum on doing (4)
// (harness/util's fork pool).  Each
// child sends its figures back through its channel; the parent prints them.  Every job's result, every
// output and the host's shutdown checks are verified: any failure exits 1,
// so the bench cannot rot silently.  Wall-clock figures are for humans; no
// test asserts them.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <systemc>

#include "fork_pool.h"
#include "host.h"
#include "sim_time.h"
#include "test_job.h"
#include "tlm_port.h"
#include "tpu_top.h"

extern "C" {
#include "tpu/hwcfg.h"
#include "tpu/os.h"
#include "tpu/tdma_regs.h"
}

#ifndef TPUSIM_BUILD_TYPE
#define TPUSIM_BUILD_TYPE "unknown"
#endif

using namespace tpusim;
using sc_core::sc_time;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kTarget = 0.5;        // wall seconds per measurement (default mode)
constexpr unsigned kQueueJobs = 1000;  // default queue length
constexpr unsigned kBatch = 64;        // TPU_DONE_LIST_MAX (driver/tpu_drv.h)
constexpr unsigned kQuickIters = 100;  // --quick: a full batch and a partial one
constexpr double kQuantumNs = 10000;   // (4): 10 us, 200 register accesses of 50 ns

// The targets (docs/performance.md, "Bridge and sim-OS").
constexpr double kBridgeVsRawWait = 0.8;     // bridge readl / raw reads with wait
constexpr double kQuantumVsRaw = 0.5;        // bridge readl, quantum on / raw reads, no wait
constexpr double kRoundTripsPerSecond = 50e3;

double secs(Clock::time_point a, Clock::time_point b)
{
	return std::chrono::duration<double>(b - a).count();
}

// CPU time of this process (SystemC runs every simulated thread on one OS
// thread): next to the wall time, it shows when a loaded machine inflated
// the wall figures.
double cpu_now()
{
	timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// One measurement: n units (accesses, round trips, jobs), the MMIO
// accesses counted during them, wall, simulated and CPU seconds.
struct Span {
	uint64_t n = 0, mmio = 0;
	double wall = 0, sim = 0, cpu = 0;
};
// Each child fills its part and sends it to the parent, which prints all.
// raw TLM (child 1), with and without the wait after each read
struct RawFigures {
	Span raw, raw_wait;
};
// the whole machine (child 2): round trips, the bridge on a fresh machine
// and after the jobs, the queue (n: jobs per repetition)
struct HostFigures {
	Span rt, br, br2, q;
	uint64_t rt_tdma_desc, rt_tiu_desc, q_reps;
	// machine
	unsigned harts;
	bool cpu_cache;
	double mmio_latency_ns;
};
// the whole machine with the quantum keeper on (child 3)
struct QuantumFigures {
	Span qbr, qrt;
};
struct Figures : RawFigures, HostFigures, QuantumFigures {};

Figures g_figures;
Figures *const g_fig = &g_figures;
uint64_t g_iters;        // 0: time-targeted (default)
int g_failures;
enum class Mode { raw, host, quantum } g_mode;

void fail(const std::string &what)
{
	std::printf("FAIL: %s\n", what.c_str());
	std::fflush(stdout);
	g_failures++;
}

// Go on with a measurement: a fixed count with --iters, else until kTarget.
bool more(uint64_t done, double wall)
{
	return g_iters ? done < g_iters : done == 0 || wall < kTarget;
}

// ---- child 1: raw TLM reads, no sim-OS ------------------------------------

class RawInitiator : public sc_core::sc_module {
public:
	TlmPort port;

	SC_HAS_PROCESS(RawInitiator);
	RawInitiator(sc_core::sc_module_name name, TpuTop &top)
		: sc_module(name), port("port", top.bus.in, sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS))
	{
		SC_THREAD(run);
	}

private:
	uint32_t v_ = 0;

	bool read(sc_time &delay)
	{
		return port.transport(false, TDMA_BASE + TDMA_SYNC_STATUS_REG, &v_, sizeof(v_), delay) ==
		       tlm::TLM_OK_RESPONSE;
	}

	// LT, accumulate the delay, wait once at the end; then the bridge's
	// discipline: wait(delay + MMIO latency) after every read.
	void run()
	{
		const uint64_t chunk = g_iters ? g_iters : 1u << 16;

		uint64_t n = 0;
		double w = 0, c0 = cpu_now();
		sc_time d = sc_core::SC_ZERO_TIME;
		while (more(n, w)) {
			auto w0 = Clock::now();
			for (uint64_t i = 0; i < chunk; i++)
				if (!read(d))
					return fail("raw TLM read answered " + port.last_response());
			w += secs(w0, Clock::now());
			n += chunk;
		}
		wait(d);
		g_fig->raw = {n, 0, w, 0, cpu_now() - c0};

		n = 0, w = 0, c0 = cpu_now();
		const uint64_t chunk2 = g_iters ? g_iters : 1u << 12;
		while (more(n, w)) {
			auto w0 = Clock::now();
			for (uint64_t i = 0; i < chunk2; i++)
				if (port.access(false, TDMA_BASE + TDMA_SYNC_STATUS_REG, &v_) != tlm::TLM_OK_RESPONSE)
					return fail("raw TLM read answered " + port.last_response());
			w += secs(w0, Clock::now());
			n += chunk2;
		}
		g_fig->raw_wait = {n, 0, w, 0, cpu_now() - c0};
		sc_core::sc_stop();
	}
};

int run_raw()
{
	TpuTop top("tpu");
	RawInitiator init("raw", top);
	sc_core::sc_start();
	if (!top.hang_report().empty())
		fail(top.hang_report());
	return g_failures ? 1 : 0;
}

// ---- child 2: the whole machine --------------------------------------------

struct BridgeCtx {
	osal_completion_t *done = nullptr;
	osal_iomem_t base = 0;
	Span s;
	uint64_t bad = 0;
};

// Kernel thread: osal_readl of TDMA SYNC_STATUS in a loop.
int bridge_kthread(void *arg)
{
	auto *c = static_cast<BridgeCtx *>(arg);
	const uint64_t chunk = g_iters ? g_iters : 1024;
	double s0 = now_s(), c0 = cpu_now();
	auto w0 = Clock::now();

	while (more(c->s.n, c->s.wall)) {
		for (uint64_t i = 0; i < chunk; i++)
			c->bad += osal_readl(c->base, TDMA_SYNC_STATUS_REG) == 0xFFFFFFFFu;
		c->s.n += chunk;
		c->s.wall = secs(w0, Clock::now());
	}
	c->s.sim = now_s() - s0;
	c->s.cpu = cpu_now() - c0;
	osal_complete(c->done);
	return 0;
}

class Bench {
public:
	explicit Bench(Host &h) : h_(h) {}

	int main()
	{
		if (int rc = rt_dev_open(&dev_)) {
			fail("rt_dev_open: " + std::to_string(rc));
			return 1;
		}
		if (g_mode == Mode::quantum) {
			g_fig->qbr = bridge();
			g_fig->qrt = round_trips();
		} else {
			// The bridge first, on a machine that has run no job yet,
			// like the raw initiator's; then again after the jobs.
			g_fig->br = bridge();
			RoundTrips r = round_trips();
			g_fig->rt = r;
			g_fig->rt_tdma_desc = r.tdma_desc, g_fig->rt_tiu_desc = r.tiu_desc;
			queue();
			g_fig->br2 = bridge();
		}
		rt_dev_close(&dev_);
		return 0;
	}

private:
	Host &h_;
	rt_dev dev_{};

	uint64_t tdma_desc() { return h_.top.tdma.stats().descriptors; }
	uint64_t tiu_desc() { return h_.top.tiu.stats().descriptors; }

	bool clear_output(TestJob &j)
	{
		std::vector<uint8_t> z(j.bytes(), 0);
		return !rt_buf_write(&j.out, 0, z.data(), z.size()) &&
		       !rt_buf_flush(&dev_, &j.out, 0, z.size());
	}
	bool submit(TestJob &j, uint32_t seq)
	{
		int rc = rt_submit(&dev_, &j.cmd, seq);
		if (rc)
			fail("SUBMIT seq_no " + std::to_string(seq) + ": " + std::to_string(rc));
		return !rc;
	}
	bool wait(uint32_t seq)
	{
		int ret = 1, rc = rt_wait(&dev_, seq, &ret);
		if (rc || ret)
			fail("WAIT seq_no " + std::to_string(seq) + ": rc " + std::to_string(rc) +
			     ", job ret " + std::to_string(ret));
		return !rc && !ret;
	}

	struct RoundTrips : Span {
		uint64_t tdma_desc = 0, tiu_desc = 0;
	};

	// 2. one job, submitted and waited for N times by one thread.
	RoundTrips round_trips()
	{
		RoundTrips f;
		TestJob j;
		if (int rc = j.prepare(&dev_)) {
			fail("prepare: " + std::to_string(rc));
			return f;
		}
		// warm-up (also proves the job before timing it)
		if (!submit(j, 0) || !wait(0) || !j.output_ok(&dev_) || !clear_output(j)) {
			fail("round-trip warm-up job");
			j.release();
			return f;
		}

		uint64_t n = 0, m0 = h_.os.mmio_accesses(), d0 = tdma_desc(), t0 = tiu_desc();
		double s0 = now_s(), w = 0, c0 = cpu_now();
		auto w0 = Clock::now();
		while (more(n, w)) {
			uint32_t seq = static_cast<uint32_t>(n + 1);
			if (!submit(j, seq) || !wait(seq))
				break;
			n++;
			w = secs(w0, Clock::now());
		}
		f.n = n, f.wall = w, f.sim = now_s() - s0;
		f.cpu = cpu_now() - c0;
		f.mmio = h_.os.mmio_accesses() - m0;
		f.tdma_desc = tdma_desc() - d0, f.tiu_desc = tiu_desc() - t0;
		if (!j.output_ok(&dev_))
			fail("round-trip job output differs from the host reference");
		if (f.tdma_desc < 2 * n || f.tiu_desc < n)
			fail("round trips: fewer descriptors ran than jobs were submitted");
		j.release();
		return f;
	}

	// 1. a kernel thread doing osal_readl in a loop, the user thread
	// waiting for it to finish.
	Span bridge()
	{
		BridgeCtx c;
		uint64_t phys = 0, size = 0;

		if (osal_platform_get_resource("tdma", &phys, &size) || !(c.base = osal_ioremap(phys, size)))
			return fail("tdma register window"), Span();
		if (!(c.done = osal_completion_create("bench-readl")))
			return fail("completion"), Span();
		osal_thread_t *t = osal_kthread_run(bridge_kthread, &c, "bench-readl");
		if (!t)
			fail("kthread_run");
		else if (osal_wait_for_completion(c.done, OSAL_WAIT_FOREVER, false) != 1)
			fail("bridge kernel thread did not complete");
		if (t)
			osal_kthread_stop(t);  // reaps it (it has returned)
		osal_completion_destroy(c.done);
		osal_iounmap(c.base);
		if (c.bad)
			fail(std::to_string(c.bad) + " osal_readl(s) hit a bus error");
		return c.s;
	}

	// 3. a queue of jobs from one thread: batches of 64 submits, each
	// followed by its 64 waits.  A pool of 64 prepared jobs is reused, one
	// submission of each per batch.
	void queue()
	{
		const uint64_t jobs = g_iters ? g_iters : kQueueJobs;
		std::vector<TestJob> pool(std::min<uint64_t>(jobs, kBatch));
		for (size_t i = 0; i < pool.size(); i++) {
			pool[i].seed = static_cast<uint8_t>(i + 3);
			pool[i].addend = static_cast<uint8_t>(i % 7 + 1);
			if (int rc = pool[i].prepare(&dev_)) {
				fail("prepare: " + std::to_string(rc));
				for (auto &j : pool)
					j.release();
				return;
			}
		}

		uint64_t reps = 0, mmio = 0;
		double w = 0, sim = 0, cpu = 0;
		bool ok = true;
		// --iters: one queue of N jobs; else 1000-job queues until kTarget
		while (ok && (g_iters ? reps < 1 : reps == 0 || w < kTarget)) {
			for (auto &j : pool)
				if (!clear_output(j))
					ok = false, fail("clearing an output buffer");
			uint64_t m0 = h_.os.mmio_accesses(), d0 = tdma_desc(), t0 = tiu_desc();
			double s0 = now_s(), c0 = cpu_now();
			auto w0 = Clock::now();
			for (uint64_t b = 0; ok && b < jobs; b += kBatch) {
				uint64_t k = std::min<uint64_t>(kBatch, jobs - b);
				for (uint64_t i = 0; ok && i < k; i++)
					ok = submit(pool[i], static_cast<uint32_t>(b + i));
				for (uint64_t i = 0; ok && i < k; i++)
					ok = wait(static_cast<uint32_t>(b + i));
			}
			w += secs(w0, Clock::now());
			cpu += cpu_now() - c0;
			sim += now_s() - s0;
			mmio += h_.os.mmio_accesses() - m0;
			if (!ok)
				break;
			if (tdma_desc() - d0 < 2 * jobs || tiu_desc() - t0 < jobs)
				ok = false, fail("queue: fewer descriptors ran than jobs were submitted");
			for (size_t i = 0; ok && i < pool.size(); i++)
				if (!pool[i].output_ok(&dev_))
					ok = false, fail("queue job " + std::to_string(i) +
						      ": output differs from the host reference");
			reps++;
		}
		g_fig->q = {jobs, mmio, w, sim, cpu};
		g_fig->q_reps = reps;
		for (auto &j : pool)
			j.release();
	}
};

int run_host()
{
	HostConfig hc;
	if (g_mode == Mode::quantum)
		hc.os.quantum = sc_time(kQuantumNs, sc_core::SC_NS);
	Host h(hc);
	Bench b(h);

	g_fig->harts = h.os.config().harts;
	g_fig->cpu_cache = h.os.config().cpu_cache;
	g_fig->mmio_latency_ns = h.os.config().mmio_latency.to_seconds() * 1e9;
	h.thread(h.process("bench"), "main", [&b]() { return b.main(); });
	bool clean = h.run();
	if (h.probe_rc())
		fail("driver probe: " + std::to_string(h.probe_rc()));
	if (!h.shut_down())
		fail("the host did not shut down");
	if (!clean)
		fail("host findings:\n" + h.report());
	if (!h.top.hang_report().empty())
		fail(h.top.hang_report());
	return g_failures ? 1 : 0;
}

// ---- parent ----------------------------------------------------------------

// The part of *g_fig that mode's child fills.
std::pair<void *, size_t> part(Mode mode)
{
	if (mode == Mode::raw)
		return {static_cast<RawFigures *>(g_fig), sizeof(RawFigures)};
	if (mode == Mode::quantum)
		return {static_cast<QuantumFigures *>(g_fig), sizeof(QuantumFigures)};
	return {static_cast<HostFigures *>(g_fig), sizeof(HostFigures)};
}

// Runs the SystemC simulation for mode in a child and takes its figures;
// true when it exited 0.  The child's own output (FAIL lines) goes
// straight to stdout.
bool run_child(Mode mode, const char *what, int argc, char **argv)
{
	ForkPoolOptions o;
	o.capture_output = false;
	ForkPool pool(o);
	ForkResult r;
	auto [fig, len] = part(mode);

	if (!pool.start(0, [&, fig = fig, len = len](int channel) {
		    g_mode = mode;
		    int rc = sc_core::sc_elab_and_sim(argc, argv);
		    for (size_t off = 0; off < len;) {
			    ssize_t n = write(channel, static_cast<const char *>(fig) + off, len - off);
			    if (n <= 0)
				    return 1;
			    off += static_cast<size_t>(n);
		    }
		    return rc;
	    })) {
		std::perror("fork");
		return false;
	}
	pool.next(r);
	if (r.output.size() == len)
		std::memcpy(fig, r.output.data(), len);
	if (r.exited(0))
		return true;
	std::printf("FAIL: %s child: %s\n", what, r.describe().c_str());
	return false;
}

std::string cpu_model()
{
	FILE *f = std::fopen("/proc/cpuinfo", "r");
	char line[512];
	std::string m;

	if (!f)
		return m;
	while (m.empty() && std::fgets(line, sizeof(line), f))
		if (!std::strncmp(line, "model name", 10) && std::strchr(line, ':')) {
			m = std::strchr(line, ':') + 2;
			m.erase(m.find_last_not_of("\n") + 1);
		}
	std::fclose(f);
	return m;
}

double rate(const Span &s)
{
	return s.n && s.wall > 0 ? s.n / s.wall : 0;
}

// One target line: the figure, its ratio against the reference (or the
// absolute bound when ref is 0), PASS or MISS.
void target(const char *name, double value, double want, const char *ref_name, double ref)
{
	if (value <= 0 || (ref_name && ref <= 0))
		return;
	if (ref_name) {
		double ratio = value / ref;
		std::printf("target %s >= %.1f x %s: %.2f x  %s\n", name, want, ref_name, ratio,
			    ratio >= want ? "PASS" : "MISS");
	} else {
		std::printf("target %s >= %.0f: %.0f  %s\n", name, want, value,
			    value >= want ? "PASS" : "MISS");
	}
}

void print_figures(const Figures &f)
{
	double br = rate(f.br), br2 = rate(f.br2), raw = rate(f.raw), raw_wait = rate(f.raw_wait);
	double qbr = rate(f.qbr), rts = rate(f.rt);

	// 1. the bridge
	if (br > 0)
		std::printf("bridge_readl_per_wall_second %.0f access/s  (%llu osal_readl(TDMA "
			    "SYNC_STATUS) in a kernel thread, freshly booted machine: SimOs -> TLM -> "
			    "register, %.3f s wall, %.3f s CPU, %.3f ms simulated)\n",
			    br, (unsigned long long)f.br.n, f.br.wall, f.br.cpu, f.br.sim * 1e3);
	if (br2 > 0)
		std::printf("bridge_readl_after_jobs_per_wall_second %.0f access/s  (the same after "
			    "the round trips and the queue, %.3f s wall, %.3f s CPU)\n",
			    br2, f.br2.wall, f.br2.cpu);
	if (raw > 0)
		std::printf("raw_tlm_reads_per_wall_second %.0f access/s  (%llu b_transport reads of "
			    "TDMA SYNC_STATUS, plain SC_THREAD on tpu.bus.in, no sim-OS, LT, no wait, "
			    "%.3f s wall, %.3f s CPU)\n",
			    raw, (unsigned long long)f.raw.n, f.raw.wall, f.raw.cpu);
	if (raw_wait > 0)
		std::printf("raw_tlm_reads_with_wait_per_wall_second %.0f access/s  (%llu reads as "
			    "above, each followed by wait(delay + %u ns MMIO latency) as the bridge "
			    "does, %.3f s wall, %.3f s CPU)\n",
			    raw_wait, (unsigned long long)f.raw_wait.n, TPU_MMIO_LATENCY_NS,
			    f.raw_wait.wall, f.raw_wait.cpu);
	if (br > 0 && raw > 0)
		std::printf("bridge_overhead_factor %.1f x  (raw TLM reads, no wait / bridge readl)\n",
			    raw / br);
	if (br > 0 && raw_wait > 0)
		std::printf("bridge_overhead_factor_vs_waiting_initiator %.2f x  (raw TLM reads with "
			    "wait / bridge readl: the sim-OS's own share)\n",
			    raw_wait / br);
	// 2. round trips
	if (rts > 0) {
		std::printf("round_trip_wall_time %.2f us  (%llu SUBMIT+WAIT round trips of one job "
			    "[load 512 B, add, store], one user thread, %.3f s wall, %.3f s CPU)\n",
			    f.rt.wall / f.rt.n * 1e6, (unsigned long long)f.rt.n, f.rt.wall, f.rt.cpu);
		std::printf("round_trips_per_wall_second %.0f round trips/s\n", rts);
		std::printf("round_trip_simulated_time %.2f us  (virtual time per round trip)\n",
			    f.rt.sim / f.rt.n * 1e6);
		std::printf("round_trip_mmio_accesses %.1f accesses  (per round trip: %llu bridge "
			    "accesses, %llu TDMA + %llu TIU descriptors in all)\n",
			    (double)f.rt.mmio / f.rt.n, (unsigned long long)f.rt.mmio,
			    (unsigned long long)f.rt_tdma_desc, (unsigned long long)f.rt_tiu_desc);
		std::printf("round_trip_mmio_accesses_per_wall_second %.0f access/s  "
			    "(SimOs::mmio_accesses() during the round trips / their wall time)\n",
			    f.rt.mmio / f.rt.wall);
	}
	// 3. the queue
	if (f.q_reps && f.q.wall > 0) {
		double jobs = (double)f.q.n * f.q_reps;
		std::printf("queue_simulated_to_wall_ratio %.4g simulated s per wall s  (%llu x a "
			    "queue of %llu jobs, one thread, batches of %u submits then %u waits; "
			    "%.3f ms simulated in %.3f s wall, %.3f s CPU)\n",
			    f.q.sim / f.q.wall, (unsigned long long)f.q_reps,
			    (unsigned long long)f.q.n, kBatch, kBatch, f.q.sim * 1e3, f.q.wall, f.q.cpu);
		std::printf("queue_jobs_per_wall_second %.0f jobs/s\n", jobs / f.q.wall);
		std::printf("queue_simulated_time_per_job %.2f us\n", f.q.sim / jobs * 1e6);
		std::printf("queue_mmio_accesses_per_wall_second %.0f access/s  (%.1f per job)\n",
			    f.q.mmio / f.q.wall, f.q.mmio / jobs);
	}
	// 4. the quantum keeper
	if (qbr > 0)
		std::printf("bridge_readl_quantum_per_wall_second %.0f access/s  (as bridge_readl, "
			    "quantum %.0f ns: %llu reads, %.3f s wall, %.3f s CPU, %.3f ms simulated)\n",
			    qbr, kQuantumNs, (unsigned long long)f.qbr.n, f.qbr.wall, f.qbr.cpu,
			    f.qbr.sim * 1e3);
	if (f.qrt.n && f.qrt.wall > 0)
		std::printf("round_trips_quantum_per_wall_second %.0f round trips/s  (quantum %.0f "
			    "ns: %.2f us simulated and %.1f accesses per round trip, %.3f s wall, "
			    "%.3f s CPU)\n",
			    f.qrt.n / f.qrt.wall, kQuantumNs, f.qrt.sim / f.qrt.n * 1e6,
			    (double)f.qrt.mmio / f.qrt.n, f.qrt.wall, f.qrt.cpu);

	// 5. where the time goes, per access and per round trip (wall ns of
	// this run; differences of the rates above)
	if (br > 0 && raw > 0 && raw_wait > 0) {
		double t_tlm = 1e9 / raw, t_wait = 1e9 / raw_wait - t_tlm, t_br = 1e9 / br;
		std::printf("split_bridge_access %.0f ns  (b_transport through bus and register "
			    "block %.0f ns, wait() for the access's time %.0f ns, sim-OS %.0f ns: "
			    "scheduling point, payload, accounting)\n",
			    t_br, t_tlm, t_wait, t_br - t_tlm - t_wait);
		if (qbr > 0)
			std::printf("split_bridge_access_quantum %.0f ns  (b_transport %.0f ns, sim-OS "
				    "and the quantum keeper, one wait() per %.0f accesses amortized: "
				    "%.0f ns)\n",
				    1e9 / qbr, t_tlm, kQuantumNs / TPU_MMIO_LATENCY_NS,
				    1e9 / qbr - t_tlm);
		if (rts > 0) {
			double per = f.rt.wall / f.rt.n * 1e9, acc = (double)f.rt.mmio / f.rt.n;
			std::printf("split_round_trip %.2f us  (%.1f register accesses at the bridge's "
				    "%.0f ns: %.2f us; the rest, %.2f us: two ioctls and their copies, "
				    "locks, wake-ups and thread switches of the user thread, the worker "
				    "and the IRQ threads, the engines' descriptors and data)\n",
				    per / 1e3, acc, t_br, acc * t_br / 1e3, (per - acc * t_br) / 1e3);
		}
	}
	target("bridge_readl_per_wall_second", br, kBridgeVsRawWait,
	       "raw_tlm_reads_with_wait_per_wall_second", raw_wait);
	target("bridge_readl_quantum_per_wall_second", qbr, kQuantumVsRaw,
	       "raw_tlm_reads_per_wall_second", raw);
	target("round_trips_per_wall_second", rts, kRoundTripsPerSecond, nullptr, 0);

	double wall = 0, cpu = 0;
	for (const Span *s : {&f.raw, &f.raw_wait, &f.rt, &f.br, &f.br2, &f.q, &f.qbr, &f.qrt})
		wall += s->wall, cpu += s->cpu;
	if (wall > 0.2 && cpu < 0.9 * wall)
		std::printf("note: the bench got %.0f%% of a CPU while measuring (a loaded machine); "
			    "the wall figures are inflated by up to %.1fx\n",
			    100 * cpu / wall, wall / cpu);
}

std::string loadavg()
{
	FILE *f = std::fopen("/proc/loadavg", "r");
	char buf[64] = "";

	if (!f)
		return "";
	if (!std::fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	std::fclose(f);
	std::string s(buf);
	size_t sp = s.find(' ');
	return sp == std::string::npos ? "" : s.substr(0, sp);
}

} // namespace

int sc_main(int, char **)
{
	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	return g_mode == Mode::raw ? run_raw() : run_host();  // host and quantum
}

int main(int argc, char **argv)
{
	setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "--iters") && i + 1 < argc) {
			g_iters = std::strtoull(argv[++i], nullptr, 0);
		} else if (!std::strcmp(argv[i], "--quick")) {
			g_iters = kQuickIters;
		} else {
			std::fprintf(stderr, "usage: %s [--iters N | --quick]\n", argv[0]);
			return 2;
		}
	}
	if (argc > 1 && !g_iters) {
		std::fprintf(stderr, "%s: --iters needs N >= 1\n", argv[0]);
		return 2;
	}

	std::string cmd;
	for (int i = 0; i < argc; i++)
		cmd += (i ? " " : "") + std::string(argv[i]);
	std::printf("command: %s\n", cmd.c_str());
	std::printf("build: %s (%s), g++ %s\n", TPUSIM_BUILD_TYPE,
#ifdef NDEBUG
		    "NDEBUG",
#else
		    "assertions on",
#endif
		    __VERSION__);
	std::string model = cpu_model();
	std::string load = loadavg();
	std::printf("machine: nproc %ld%s%s%s%s\n", sysconf(_SC_NPROCESSORS_ONLN), model.empty() ? "" : ", ",
		    model.c_str(), load.empty() ? "" : ", load average ", load.c_str());
	if (g_iters)
		std::printf("iterations: %llu per measurement (fixed)\n", (unsigned long long)g_iters);
	else
		std::printf("iterations: each measurement repeats until %.1f s wall (queue: %u jobs "
			    "per repetition)\n", kTarget, kQueueJobs);

	auto w0 = Clock::now();
	bool ok = run_child(Mode::raw, "raw TLM", argc, argv);
	ok = run_child(Mode::host, "host", argc, argv) && ok;
	ok = run_child(Mode::quantum, "host with quantum", argc, argv) && ok;
	std::printf("sim-OS: %u hart(s), CPU cache model %s, MMIO latency %.0f ns\n", g_fig->harts,
		    g_fig->cpu_cache ? "on" : "off", g_fig->mmio_latency_ns);
	print_figures(*g_fig);
	std::printf("total_wall_time %.3f s  (three forked machines: raw TLM, the host, the host "
		    "with the quantum)\n",
		    secs(w0, Clock::now()));
	if (!ok)
		std::printf("FAIL: bench_driver found failures (see above)\n");
	return ok ? 0 : 1;
}
