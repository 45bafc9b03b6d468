// SPDX-License-Identifier: Apache-2.0
//
// posix_driver_test.cpp - the drivers on the POSIX host (harness/posix):
// real user threads in several processes submitting and waiting for small
// jobs (TestJob, harness/testkit) in parallel with the worker and the
// interrupt thread, early closes, a stress run, and the host's lockdep.
//
//   posix_driver_test <case> [threads] [jobs]
//
// One case per process (SystemC elaborates once).  Exit 0 when every
// check held and the host made no finding the case did not expect; under
// ThreadSanitizer a reported race makes the exit code 66.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "posix_host.h"
#include "test_job.h"
#include "tpu/hx_sys.h"
#include "tpu/os.h"

using tpusim::TestJob;
using tpusim::posix::Host;
using tpusim::posix::Process;

namespace {

std::atomic<int> g_failures{0};
std::atomic<uint64_t> g_jobs{0};

#define EXPECT(c)                                                                        \
	do {                                                                              \
		if (!(c)) {                                                               \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
			g_failures++;                                                     \
		}                                                                         \
	} while (0)

struct Opts {
	int threads = 4;
	int jobs = 8;
};

// n jobs on the calling user thread, depth of them in flight at a time
// (SUBMIT all, then WAIT in reverse order), each output checked.
void job_loop(int n, int depth, uint8_t seed)
{
	rt_dev dev;

	if (rt_dev_open(&dev)) {
		EXPECT(!"rt_dev_open");
		return;
	}
	uint32_t seq = 1;
	for (int done = 0; done < n; done += depth) {
		int k = std::min(depth, n - done);
		std::vector<TestJob> jobs(static_cast<size_t>(k));

		for (int i = 0; i < k; i++) {
			jobs[i].seed = static_cast<uint8_t>(seed + done + i);
			jobs[i].addend = static_cast<uint8_t>(1 + (done + i) % 7);
			EXPECT(jobs[i].prepare(&dev) == 0);
		}
		for (int i = 0; i < k; i++)
			EXPECT(rt_submit(&dev, &jobs[i].cmd, seq + i) == 0);
		bool lost = false;
		for (int i = k - 1; i >= 0; i--) {
			int ret = 1, rc = rt_wait(&dev, seq + i, &ret);
			EXPECT(rc == 0);
			if (rc) {
				// One lost result is enough: do not wait 10 s for
				// each of the rest.
				lost = true;
				break;
			}
			EXPECT(ret == 0);
			EXPECT(jobs[i].output_ok(&dev));
			g_jobs++;
		}
		if (lost) {
			// Jobs may still be queued: leave their buffers to process
			// exit rather than free pages the engines may still use.
			return;
		}
		for (auto &j : jobs)
			j.release();
		seq += k;
	}
	EXPECT(rt_dev_close(&dev) == 0);
}

// threads user threads over procs processes, each running body(index).
void run_threads(Host &h, int threads, int procs, const std::function<void(int)> &body)
{
	std::vector<Process *> ps;
	std::vector<uint64_t> ts;

	for (int i = 0; i < procs; i++)
		ps.push_back(h.create_process("proc" + std::to_string(i)));
	for (int i = 0; i < threads; i++)
		ts.push_back(h.spawn(ps[i % procs], "user" + std::to_string(i), [body, i]() { body(i); }));
	for (uint64_t t : ts)
		h.join(t);
	for (Process *p : ps)
		h.exit_process(p);
}

// ---- cases with the drivers -------------------------------------------------------

void case_smoke(Host &h, const Opts &)
{
	run_threads(h, 1, 1, [](int) { job_loop(3, 1, 1); });
}

// Threads in separate processes and sharing processes, one job at a time.
void case_threads(Host &h, const Opts &o)
{
	run_threads(h, o.threads, (o.threads + 1) / 2,
		    [&o](int i) { job_loop(o.jobs, 1, static_cast<uint8_t>(10 * i + 1)); });
}

// Several jobs in flight per thread, waited for newest first.
void case_pipeline(Host &h, const Opts &o)
{
	run_threads(h, o.threads, 2, [&o](int i) { job_loop(o.jobs, 4, static_cast<uint8_t>(7 * i + 3)); });
}

// The stress run: threads x jobs, four threads per process, two in flight.
void case_stress(Host &h, const Opts &o)
{
	run_threads(h, o.threads, (o.threads + 3) / 4,
		    [&o](int i) { job_loop(o.jobs, 2, static_cast<uint8_t>(13 * i + 5)); });
}

// Closes racing the worker and other threads: the command buffer closed
// and unmapped right after SUBMIT (the job holds its own reference), the
// device closed and reopened before WAIT (results are keyed by thread),
// a result never claimed, and a thread of the same process opening,
// dup-ing and closing the device meanwhile.
void case_close(Host &h, const Opts &o)
{
	Process *p = h.create_process("closer");
	std::atomic<bool> busy{true};
	std::vector<uint64_t> ts;

	for (int i = 0; i < o.threads; i++)
		ts.push_back(h.spawn(p, "user" + std::to_string(i), [i, &o]() {
			rt_dev dev;
			if (rt_dev_open(&dev)) {
				EXPECT(!"rt_dev_open");
				return;
			}
			for (int n = 0; n < o.jobs; n++) {
				TestJob a, b;
				a.seed = static_cast<uint8_t>(i * 17 + n);
				b.seed = static_cast<uint8_t>(i * 17 + n + 100);
				EXPECT(a.prepare(&dev) == 0);
				EXPECT(b.prepare(&dev) == 0);
				uint32_t sa = 2 * n + 1, sb = 2 * n + 2;
				EXPECT(rt_submit(&dev, &a.cmd, sa) == 0);
				EXPECT(rt_buf_free(&a.cmd) == 0);       // closed while queued
				EXPECT(rt_submit(&dev, &b.cmd, sb) == 0);
				EXPECT(rt_dev_close(&dev) == 0);        // device closed too
				EXPECT(rt_dev_open(&dev) == 0);
				int ret = 1;
				EXPECT(rt_wait(&dev, sb, &ret) == 0);
				EXPECT(ret == 0);
				EXPECT(b.output_ok(&dev));
				if (n % 2 == 0) {
					// a ran before b (one worker, FIFO): claim it.
					ret = 1;
					EXPECT(rt_wait(&dev, sa, &ret) == 0);
					EXPECT(ret == 0);
					EXPECT(a.output_ok(&dev));
				}  // else a's result stays unclaimed until remove
				a.release();
				b.release();
				g_jobs += 2;
			}
			EXPECT(rt_dev_close(&dev) == 0);
		}));
	uint64_t churn = h.spawn(p, "churn", [&busy]() {
		while (busy.load()) {
			int fd = hx_open(TPU_DEV_PATH);
			EXPECT(fd >= 0);
			int d = hx_dup(fd);
			EXPECT(d >= 0);
			EXPECT(hx_close(fd) == 0);
			EXPECT(hx_close(d) == 0);
		}
	});
	for (uint64_t t : ts)
		h.join(t);
	busy = false;
	h.join(churn);
	h.exit_process(p);
}

// ---- lockdep cases (os.h only, no driver probed) -----------------------------------

// A -> B on one thread, B -> A on another (never at the same time: no
// deadlock happens, the order is still wrong).
void case_lockdep_cycle(Host &h, const Opts &)
{
	osal_spinlock_t *a = nullptr, *b = nullptr;

	h.join(h.spawn_kernel("setup", [&]() {
		a = osal_spin_create("test.A");
		b = osal_spin_create("test.B");
	}));
	h.join(h.spawn_kernel("ab", [&]() {
		unsigned long f = osal_spin_lock_irqsave(a);
		osal_spin_lock(b);
		osal_spin_unlock(b);
		osal_spin_unlock_irqrestore(a, f);
	}));
	h.join(h.spawn_kernel("ba", [&]() {
		unsigned long f = osal_spin_lock_irqsave(b);
		osal_spin_lock(a);
		osal_spin_unlock(a);
		osal_spin_unlock_irqrestore(b, f);
	}));
	h.join(h.spawn_kernel("teardown", [&]() {
		osal_spin_destroy(a);
		osal_spin_destroy(b);
	}));
}

// Sleeping with a spinlock held, and a mutex taken in interrupt context.
void case_lockdep_sleep(Host &h, const Opts &)
{
	osal_spinlock_t *s = nullptr;
	osal_mutex_t *m = nullptr;

	h.join(h.spawn_kernel("t", [&]() {
		s = osal_spin_create("test.S");
		m = osal_mutex_create("test.M");
		osal_spin_lock(s);
		osal_msleep(1);
		osal_spin_unlock(s);
	}));
	h.run_in_irq_context([&]() {
		osal_mutex_lock(m);
		osal_mutex_unlock(m);
	});
	h.join(h.spawn_kernel("teardown", [&]() {
		osal_spin_destroy(s);
		osal_mutex_destroy(m);
	}));
}

// A spinlock taken by an interrupt handler and, elsewhere, with
// interrupts enabled.
void case_lockdep_irq(Host &h, const Opts &)
{
	osal_spinlock_t *s = nullptr;

	h.join(h.spawn_kernel("t", [&]() {
		s = osal_spin_create("test.I");
		osal_spin_lock(s);
		osal_spin_unlock(s);
	}));
	h.run_in_irq_context([&]() {
		osal_spin_lock(s);
		osal_spin_unlock(s);
	});
	h.join(h.spawn_kernel("teardown", [&]() { osal_spin_destroy(s); }));
}

// The same locks used correctly: one order, irqsave outside the handler,
// sleeping only with nothing held.  No finding.
void case_lockdep_clean(Host &h, const Opts &)
{
	osal_spinlock_t *a = nullptr, *b = nullptr;
	osal_mutex_t *m = nullptr;

	h.join(h.spawn_kernel("setup", [&]() {
		a = osal_spin_create("test.A");
		b = osal_spin_create("test.B");
		m = osal_mutex_create("test.M");
	}));
	for (int i = 0; i < 2; i++)
		h.join(h.spawn_kernel("ab", [&]() {
			osal_mutex_lock(m);
			unsigned long f = osal_spin_lock_irqsave(a);
			osal_spin_lock(b);
			osal_spin_assert_held(b);
			osal_spin_unlock(b);
			osal_spin_unlock_irqrestore(a, f);
			osal_mutex_unlock(m);
			osal_msleep(1);
		}));
	h.run_in_irq_context([&]() {
		osal_spin_lock(a);
		osal_spin_unlock(a);
	});
	h.join(h.spawn_kernel("teardown", [&]() {
		osal_spin_destroy(a);
		osal_spin_destroy(b);
		osal_mutex_destroy(m);
	}));
}

struct Case {
	void (*fn)(Host &, const Opts &);
	bool driver;
	std::vector<std::string> expected;  // finding kinds that must appear
	Opts defaults;
};

const std::map<std::string, Case> &cases()
{
	static const std::map<std::string, Case> c = {
		{"smoke", {case_smoke, true, {}, {1, 3}}},
		{"threads", {case_threads, true, {}, {6, 10}}},
		{"pipeline", {case_pipeline, true, {}, {4, 12}}},
		{"close", {case_close, true, {}, {4, 6}}},
		{"stress", {case_stress, true, {}, {16, 40}}},
		{"lockdep_cycle", {case_lockdep_cycle, false, {"lock-cycle"}, {}}},
		{"lockdep_sleep", {case_lockdep_sleep, false, {"sleep-in-atomic"}, {}}},
		{"lockdep_irq", {case_lockdep_irq, false, {"irq-unsafe-lock"}, {}}},
		{"lockdep_clean", {case_lockdep_clean, false, {}, {}}},
	};
	return c;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 2 || !cases().count(argv[1])) {
		fprintf(stderr, "usage: %s <case> [threads] [jobs]\ncases:", argv[0]);
		for (const auto &c : cases())
			fprintf(stderr, " %s", c.first.c_str());
		fprintf(stderr, "\n");
		return 2;
	}
	const Case &c = cases().at(argv[1]);
	Opts o = c.defaults;
	if (argc > 2)
		o.threads = atoi(argv[2]);
	if (argc > 3)
		o.jobs = atoi(argv[3]);

	tpusim::posix::HostOptions ho;
	if (const char *e = getenv("TPUSIM_POSIX_ASSERT_HELD"))
		ho.assert_held = strcmp(e, "0") != 0;
	auto t0 = std::chrono::steady_clock::now();
	Host h(ho);
	if (c.driver) {
		int rc = h.probe();
		EXPECT(rc == 0);
		if (rc == 0) {
			c.fn(h, o);
			h.remove();
		}
	} else {
		c.fn(h, o);
	}
	uint64_t mmio = h.mmio_accesses(), irqs = h.irqs_handled(), sim_ns = h.sim_time_ns();
	h.shutdown();
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

	int unexpected = 0;
	for (const auto &f : h.findings()) {
		bool ok = false;
		for (const auto &k : c.expected)
			ok = ok || f.kind == k;
		unexpected += !ok;
	}
	for (const auto &k : c.expected)
		if (!h.count(k)) {
			fprintf(stderr, "expected a %s finding, got none\n", k.c_str());
			g_failures++;
		}
	printf("posix %s: %d thread(s), %llu job(s), %llu MMIO accesses, %llu interrupts, "
	       "%.3f ms virtual, %.2f s wall, %d failed check(s), %d unexpected finding(s)\n",
	       argv[1], c.driver ? o.threads : 0, (unsigned long long)g_jobs.load(),
	       (unsigned long long)mmio, (unsigned long long)irqs, sim_ns / 1e6, wall,
	       g_failures.load(), unexpected);
	return g_failures.load() || unexpected ? 1 : 0;
}
