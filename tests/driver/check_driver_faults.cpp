// SPDX-License-Identifier: Apache-2.0
//
// check_driver_faults.cpp - the driver under injected faults: a hung
// engine, interrupt registration failure (polling fallback), a lost and a
// spurious interrupt, a TDMA error status.  After each, the next job must
// pass and the machine must shut down clean.
#include "drv_tb.h"

#include "check_main.h"
#include "ck_host.h"
#include "wait_retry.h"

#include "irqc.h"

extern "C" {
#include "tpu/tdma_regs.h"
}

using namespace tpusim;

// Runs one job; returns its job result (or the WAIT error), data checked
// into *ok.
static int run_job(rt_dev *dev, uint32_t seq, bool *ok, uint64_t bad_input_base = 0)
{
	TestJob j;
	int ret = 1, rc;

	ck_assert_int_eq(j.prepare(dev), 0);
	if (bad_input_base) {
		// Re-point the input array base outside DRAM: the TDMA load
		// faults with BUSERR.
		uint32_t lo = static_cast<uint32_t>(bad_input_base);
		rt_buf_write(&j.cmd, 32 + 8 * 2, &lo, sizeof(lo));
		rt_buf_flush(dev, &j.cmd, 0, 64);  // the command buffer is cached
	}
	ck_assert_int_eq(rt_submit(dev, &j.cmd, seq), 0);
	rc = wait_retry(dev, seq, &ret);
	if (ok)
		*ok = !rc && !ret && j.output_ok(dev);
	j.release();
	return rc ? rc : ret;
}

START_TEST(engine_hang_times_out_then_recovers)
{
	Host h;
	int first = 0, second = 1;
	bool ok = false;

	// The driver resets the TPU at the start of every job, so the hang is
	// injected once the first job is on the TIU.
	h.thread(h.process("fault"), "injector", [&]() {
		while (h.top.tiu.state() == EngineState::idle)
			hx_usleep(1);
		h.top.tiu.inject_hang(sc_core::SC_ZERO_TIME);  // until reset
		return 0;
	});
	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		first = run_job(&dev, 1, nullptr);
		second = run_job(&dev, 2, &ok);
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(first, -ETIMEDOUT);
	ck_assert_int_eq(second, 0);
	ck_assert(ok);
	ck_assert_clean(h, clean);
}
END_TEST

START_TEST(irq_registration_failure_polls)
{
	Host h;
	int rc[3] = {1, 1, 1};
	bool ok[3] = {};

	h.os.faults().fail_request_irq = 1;
	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		for (int i = 0; i < 3; i++)
			rc[i] = run_job(&dev, static_cast<uint32_t>(i), &ok[i]);
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(rc[i], 0);
		ck_assert(ok[i]);
	}
	ck_assert(!h.os.irqc().registered(TDMA_IRQ));
	ck_assert_uint_ge(log_count(h, "poll"), 1);
	ck_assert_clean(h, clean);
}
END_TEST

START_TEST(lost_irq_is_recovered)
{
	Host h;
	int rc = 1, rc2 = 1;
	bool ok = false, ok2 = false;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		SimOs::get().faults().drop_irq = 1;
		rc = run_job(&dev, 1, &ok);
		rc2 = run_job(&dev, 2, &ok2);
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	// The job completed on the hardware; the driver sees it after its
	// completion timeout by reading the status register.
	ck_assert_int_eq(rc, 0);
	ck_assert(ok);
	ck_assert_int_eq(rc2, 0);
	ck_assert(ok2);
	ck_assert_uint_eq(h.os.irqc().stats(TDMA_IRQ)->dropped, 1);
	ck_assert_clean(h, clean);
}
END_TEST

START_TEST(spurious_irq_is_harmless)
{
	Host h;
	int rc = 1;
	bool ok = false;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		SimOs::get().irqc().inject_spurious(TDMA_IRQ);
		hx_usleep(100);
		rc = run_job(&dev, 1, &ok);
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(rc, 0);
	ck_assert(ok);
	ck_assert_uint_eq(h.os.irqc().stats(TDMA_IRQ)->spurious, 1);
	ck_assert_clean(h, clean);
}
END_TEST

START_TEST(tdma_error_status_is_eio)
{
	Host h;
	int rc = 0, rc2 = 1;
	bool ok2 = false;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		rc = run_job(&dev, 1, nullptr, 0x10000000ull);
		rc2 = run_job(&dev, 2, &ok2);
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(rc, -EIO);
	ck_assert_int_eq(rc2, 0);
	ck_assert(ok2);
	ck_assert_uint_ge(h.top.tdma.stats().errors, 1);
	ck_assert_clean(h, clean);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("driver_faults");
	TCase *tc = tcase_create("faults");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, engine_hang_times_out_then_recovers);
	tcase_add_test(tc, irq_registration_failure_polls);
	tcase_add_test(tc, lost_irq_is_recovered);
	tcase_add_test(tc, spurious_irq_is_harmless);
	tcase_add_test(tc, tdma_error_status_is_eio);
	suite_add_tcase(s, tc);
	return s;
}
