// SPDX-License-Identifier: Apache-2.0
//
// check_cache.cpp - the CPU data-cache model for cached user mappings
// (harness/os/cache.h) and the coherence checker: jobs on cached ION
// buffers with and without the runtime's flush / invalidate, uncached
// buffers, the model switched off, and the cache operations themselves.
#include <cstring>
#include <functional>
#include <sstream>

#include "drv_tb.h"

#include "check_main.h"
#include "ck_host.h"

#include "cache.h"

extern "C" {
#include "rt_desc.h"
#include "tpu/hwcfg.h"
}

using namespace tpusim;

namespace {

// The driver suites' TestJob on cached or uncached data buffers, with the
// runtime's input flush optional.
struct CacheJob : TestJob {
	CacheJob()
	{
		seed = 3;
		addend = 5;
	}
	int prepare(rt_dev *dev, bool with_cache, bool flush)
	{
		cached = with_cache;
		flush_input = flush;
		return TestJob::prepare(dev);
	}
};

std::string hex(uint64_t v)
{
	std::ostringstream os;

	os << "0x" << std::hex << v;
	return os.str();
}

// At least one coherence finding holds every one of texts.
void expect_coherence(Host &h, std::initializer_list<std::string> texts)
{
	ck_assert_msg(findings_with(h, Checker::coherence, texts) >= 1, "findings:\n%s", h.report().c_str());
}

// What one CacheJob in thread "main" of process "app" did.
struct JobRun {
	bool clean = false;  // Host::run(): no finding
	int job = 1;         // the job's result
	int ok = -1;         // output_ok(): 1 right, 0 wrong, -1 never checked
	uint64_t in_pa = 0, out_pa = 0;
	size_t lines_left = 0;  // CPU cache lines once the job's buffers are gone
};

using JobStep = std::function<void(rt_dev *, CacheJob &)>;

// Runs h with one CacheJob (on cached buffers when cached, the input
// flushed when flush): before(dev, j) between prepare and the job,
// after(dev, j) once it has run; then the output is checked with or
// without the runtime's invalidate.
JobRun run_job(Host &h, bool cached, bool flush, bool invalidate, const JobStep &before,
	       const JobStep &after = nullptr)
{
	JobRun r;

	app_main(h, [&]() {
		rt_dev dev;
		CacheJob j;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(j.prepare(&dev, cached, flush), 0);
		r.in_pa = j.in.paddr;
		r.out_pa = j.out.paddr;
		if (before)
			before(&dev, j);
		r.job = j.run(&dev, 1);
		if (after)
			after(&dev, j);
		r.ok = j.output_ok(&dev, invalidate);
		j.release();
		if (SimOs::get().cpu_cache())
			r.lines_left = SimOs::get().cpu_cache()->lines();
		rt_dev_close(&dev);
	});
	r.clean = h.run();
	return r;
}

// The output read once before the job: its lines are now cached.
void read_output_early(rt_dev *, CacheJob &j)
{
	std::vector<uint8_t> early(j.bytes());

	ck_assert_int_eq(rt_buf_read(&j.out, 0, early.data(), early.size()), 0);
}

// The broken flows, used by the uncached and model-off tests: no flush of
// the input, and the output read once before the job and not invalidated
// after it.
JobRun broken_flows(Host &h, bool cached)
{
	JobRun r = run_job(h, cached, false, false, read_output_early);

	ck_assert_int_eq(r.job, 0);
	return r;
}

} // namespace

// (1) The runtime's flow on cached buffers: flush after writing the input,
// invalidate before reading the output.  Correct data, no finding; and the
// model was really in the way (the input sat dirty in the cache, DRAM still
// zero, until the flush).
START_TEST(cached_job_with_maintenance_is_clean)
{
	Host h;
	bool dirty_before = false, dram_stale = false, clean_after = false;
	JobRun r = run_job(h, true, false, true, [&](rt_dev *dev, CacheJob &j) {
		CpuCache *c = SimOs::get().cpu_cache();
		uint8_t first = 0xEE;

		dirty_before = c->dirty(j.in.paddr);
		SimOs::get().top().dram.read(j.in.paddr, &first, 1);
		dram_stale = first == 0;
		ck_assert_int_eq(rt_buf_flush(dev, &j.in, 0, j.bytes()), 0);
		clean_after = c->cached(j.in.paddr) && !c->dirty(j.in.paddr) && c->dirty_lines() == 0;
	});

	ck_assert(dirty_before);
	ck_assert(dram_stale);
	ck_assert(clean_after);
	ck_assert_int_eq(r.job, 0);
	ck_assert_int_eq(r.ok, 1);
	ck_assert_uint_eq(r.lines_left, 0);  // unmapped: nothing left cached
	ck_assert(h.shut_down());
	ck_assert_clean(h, r.clean);
}
END_TEST

// (2) No flush of the input: the TDMA load reads stale DRAM (zeros), the
// output is wrong, and the checker names the engine, the line and the
// process.
START_TEST(missing_flush_tdma_reads_stale_input)
{
	Host h;
	JobRun r = run_job(h, true, false, true, nullptr);

	ck_assert_int_eq(r.job, 0);
	ck_assert_msg(r.ok == 0, "the TDMA saw data the CPU never flushed");
	ck_assert(!r.clean);
	ck_assert_uint_ge(h.os.findings().count(tpusim::Checker::coherence), 1);
	expect_coherence(h, {"DMA read of a line the CPU wrote but never flushed", "TDMA", hex(r.in_pa),
			     "process app"});
	// Nothing else is wrong with the run.
	ck_assert_uint_eq(h.os.findings().list().size(), h.os.findings().count(tpusim::Checker::coherence));
}
END_TEST

// (3) The output read once before the job (its lines are now cached),
// then read again after the job without an invalidate: the CPU gets the
// stale cached bytes, and the checker says so.
START_TEST(missing_invalidate_cpu_reads_stale_output)
{
	Host h;
	bool stale_zero = false;
	JobRun r = run_job(h, true, true, false, read_output_early, [&](rt_dev *, CacheJob &j) {
		std::vector<uint8_t> late(j.bytes());

		ck_assert_int_eq(rt_buf_read(&j.out, 0, late.data(), late.size()), 0);
		stale_zero = late == std::vector<uint8_t>(j.bytes(), 0);
	});

	ck_assert_int_eq(r.job, 0);
	ck_assert_msg(stale_zero, "the CPU read fresh data through lines it never invalidated");
	ck_assert_int_eq(r.ok, 0);
	ck_assert(!r.clean);
	expect_coherence(h, {"CPU read of DMA-written data never invalidated", hex(r.out_pa), "process app",
			     "TDMA"});
	ck_assert_uint_eq(h.os.findings().list().size(), h.os.findings().count(tpusim::Checker::coherence));
}
END_TEST

// The output buffer written by the CPU (dirty, never flushed) before the
// TDMA stores the result into it: a finding at the store, and the later
// invalidate (write back + invalidate, T-Head dcache.cipa) puts the CPU's
// bytes over the device's result.
START_TEST(dma_write_to_dirty_line_is_clobbered)
{
	Host h;
	JobRun r = run_job(h, true, true, true, [](rt_dev *, CacheJob &j) {
		std::vector<uint8_t> junk(j.bytes(), 0xAB);

		ck_assert_int_eq(rt_buf_write(&j.out, 0, junk.data(), junk.size()), 0);
	});

	ck_assert_int_eq(r.job, 0);
	ck_assert_int_eq(r.ok, 0);
	ck_assert(!r.clean);
	expect_coherence(h, {"DMA write to a line dirty in the CPU cache", "TDMA write", hex(r.out_pa),
			     "process app"});
}
END_TEST

// (4) Uncached buffers: the same broken flows are correct and never a
// finding (only the command buffer is cached, and it is flushed).
START_TEST(uncached_buffers_never_report)
{
	Host h;
	JobRun r = broken_flows(h, false);

	ck_assert_int_eq(r.ok, 1);
	ck_assert(h.shut_down());
	ck_assert_clean(h, r.clean);
	ck_assert_uint_eq(h.os.cpu_cache()->findings_made(), 0);
}
END_TEST

// (5) The model switched off: cached buffers behave as uncached, the
// broken flows give the right data and no finding.
START_TEST(model_off_never_reports)
{
	HostConfig cfg;
	cfg.os.cpu_cache = false;
	Host h(cfg);

	ck_assert_ptr_null(h.os.cpu_cache());
	JobRun r = broken_flows(h, true);
	ck_assert_int_eq(r.ok, 1);
	ck_assert(h.shut_down());
	ck_assert_clean(h, r.clean);
}
END_TEST

// Control for (4) and (5): the same broken flows on cached buffers with the
// model on are wrong and reported (both checks).
START_TEST(broken_flows_cached_report)
{
	Host h;

	ck_assert_int_eq(broken_flows(h, true).ok, 0);
	ck_assert_uint_ge(findings_with(h, Checker::coherence, {"never flushed"}), 1);
	ck_assert_uint_ge(findings_with(h, Checker::coherence, {"never invalidated"}), 1);
}
END_TEST

// The cache operations: write-allocate into dirty lines, clean keeps the
// lines, invalidate drops them, munmap writes dirty lines back; the
// kernel's mapping sees cached bytes.
START_TEST(cache_operations)
{
	Host h;
	bool done = false;

	app_main(h, [&]() {
		rt_dev dev;
		rt_buf b;
		Dram &dram = SimOs::get().top().dram;
		CpuCache *c = SimOs::get().cpu_cache();
		uint8_t v = 0x5A, d = 0xEE, k = 0;
		std::vector<uint8_t> line(kCpuCacheLine);

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(rt_buf_alloc(&dev, 4096, true, &b), 0);
		size_t base = c->lines();  // the ioctl scratch is heap, not cached

		// Store: one dirty line, DRAM untouched; the kernel sees it.
		ck_assert_int_eq(rt_buf_write(&b, 100, &v, 1), 0);
		ck_assert_uint_eq(c->lines(), base + 1);
		ck_assert(c->dirty(b.paddr + 64));
		ck_assert_int_eq(dram.read(b.paddr + 100, &d, 1), 0);
		ck_assert_uint_eq(d, 0);
		ck_assert_int_eq(osal_dma_read(b.paddr + 100, &k, 1), 0);
		ck_assert_uint_eq(k, 0x5A);

		// Clean: written back, kept.
		ck_assert_int_eq(rt_buf_flush(&dev, &b, 100, 1), 0);
		ck_assert_int_eq(dram.read(b.paddr + 100, &d, 1), 0);
		ck_assert_uint_eq(d, 0x5A);
		ck_assert(c->cached(b.paddr + 64) && !c->dirty(b.paddr + 64));

		// Load of a line not cached: filled clean.
		ck_assert_int_eq(rt_buf_read(&b, 1024, line.data(), line.size()), 0);
		ck_assert(c->cached(b.paddr + 1024) && !c->dirty(b.paddr + 1024));

		// Invalidate: write back dirty lines, drop all in the range.
		v = 0x77;
		ck_assert_int_eq(rt_buf_write(&b, 101, &v, 1), 0);
		ck_assert_int_eq(rt_buf_invalidate(&dev, &b, 0, 4096), 0);
		ck_assert_uint_eq(c->lines(), base);
		ck_assert_int_eq(dram.read(b.paddr + 101, &d, 1), 0);
		ck_assert_uint_eq(d, 0x77);

		// munmap: dirty lines written back and dropped.
		v = 0x99;
		ck_assert_int_eq(rt_buf_write(&b, 4000, &v, 1), 0);
		ck_assert_int_eq(hx_munmap(b.uaddr), 0);
		ck_assert_uint_eq(c->lines(), base);
		ck_assert_int_eq(dram.read(b.paddr + 4000, &d, 1), 0);
		ck_assert_uint_eq(d, 0x99);
		b.uaddr = 0;
		ck_assert_int_eq(rt_buf_free(&b), 0);
		rt_dev_close(&dev);
		done = true;
	});
	bool clean = h.run();
	ck_assert(done);
	ck_assert_clean(h, clean);
}
END_TEST

// A broken job touching many dirty lines in many accesses makes at most
// kMaxCoherenceFindings findings.
START_TEST(findings_are_capped)
{
	Host h;

	app_main(h, [&]() {
		rt_dev dev;
		rt_buf b;
		std::vector<uint8_t> data(4096, 1);

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(rt_buf_alloc(&dev, 4096, true, &b), 0);
		ck_assert_int_eq(rt_buf_write(&b, 0, data.data(), data.size()), 0);
		// Each line read separately by the engine: 64 bad accesses.
		for (uint64_t off = 0; off < 4096; off += kCpuCacheLine) {
			uint8_t x[kCpuCacheLine];
			SimOs::get().top().dram.read(b.paddr + off, x, sizeof(x), DramInitiator::tdma);
		}
		rt_buf_free(&b);
		rt_dev_close(&dev);
	});
	h.run();
	ck_assert_uint_eq(h.os.findings().count(tpusim::Checker::coherence), kMaxCoherenceFindings);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("cache");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cached_job_with_maintenance_is_clean);
	tcase_add_test(tc, missing_flush_tdma_reads_stale_input);
	tcase_add_test(tc, missing_invalidate_cpu_reads_stale_output);
	tcase_add_test(tc, dma_write_to_dirty_line_is_clobbered);
	tcase_add_test(tc, uncached_buffers_never_report);
	tcase_add_test(tc, model_off_never_reports);
	tcase_add_test(tc, broken_flows_cached_report);
	tcase_add_test(tc, cache_operations);
	tcase_add_test(tc, findings_are_capped);
	suite_add_tcase(s, tc);
	return s;
}
