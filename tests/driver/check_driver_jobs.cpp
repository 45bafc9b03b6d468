// SPDX-License-Identifier: Apache-2.0
//
// check_driver_jobs.cpp - the driver on the model: jobs, results and
// their owners, the bounded done list, early closes, and recovery.
#include <chrono>
#include <memory>

#include "drv_tb.h"

#include "check_main.h"
#include "ck_host.h"

extern "C" {
#include "tpu/uapi/tpu_ioctl.h"
}

using namespace tpusim;

// Every test ends with the host's shutdown checks (ck_assert_clean): no
// findings at all (no leaks, no DMA use-after-free, no storms, no deadlock).

START_TEST(round_trip)
{
	Host h;
	int job_ret = 1, wait_rc = 1;
	bool data_ok = false;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;
		TestJob j;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(j.prepare(&dev), 0);
		ck_assert_int_eq(rt_submit(&dev, &j.cmd, 1), 0);
		wait_rc = rt_wait(&dev, 1, &job_ret);
		data_ok = j.output_ok(&dev);
		j.release();
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(wait_rc, 0);
	ck_assert_int_eq(job_ret, 0);
	ck_assert(data_ok);
	ck_assert(h.shut_down());
	ck_assert_clean(h, clean);
	ck_assert_uint_ge(h.top.tdma.stats().descriptors, 2);
	ck_assert_uint_ge(h.top.tiu.stats().descriptors, 1);
}
END_TEST

// Three threads in two processes use the same seq_no.  The first
// submitter's job is large and completes first (the worker is FIFO), but
// the other two start waiting before it does: a driver that matched on
// seq_no alone would hand that first result to a waiter whose own job has
// not run yet, and that waiter's output check would fail.
START_TEST(same_seq_no_own_results)
{
	Host h;
	struct Result { int wait_rc = 1, job_ret = 1; bool data_ok = false; } r[3];
	Process *p1 = h.process("app1"), *p2 = h.process("app2");
	auto body = [&](int i, uint32_t hh, uint32_t submit_at_us, uint32_t wait_after_us) {
		return [&, i, hh, submit_at_us, wait_after_us]() {
			rt_dev dev;
			TestJob j;

			j.h = hh;
			j.seed = static_cast<uint8_t>(10 + i);
			j.addend = static_cast<uint8_t>(i + 1);
			ck_assert_int_eq(rt_dev_open(&dev), 0);
			ck_assert_int_eq(j.prepare(&dev), 0);
			hx_usleep(submit_at_us);
			ck_assert_int_eq(rt_submit(&dev, &j.cmd, 7), 0);
			hx_usleep(wait_after_us);
			r[i].wait_rc = rt_wait(&dev, 7, &r[i].job_ret);
			r[i].data_ok = j.output_ok(&dev);
			j.release();
			rt_dev_close(&dev);
			return 0;
		};
	};
	h.thread(p1, "big", body(0, 256, 0, 100));
	h.thread(p1, "small", body(1, 1, 10, 0));
	h.thread(p2, "other", body(2, 2, 20, 0));
	bool clean = h.run();
	for (auto &x : r) {
		ck_assert_int_eq(x.wait_rc, 0);
		ck_assert_int_eq(x.job_ret, 0);
		ck_assert(x.data_ok);
	}
	ck_assert_clean(h, clean);
}
END_TEST

// 65 unclaimed results: exactly the oldest is dropped, with a warning, and
// its buffer reference released; its waiter times out, the others succeed.
START_TEST(done_list_drops_oldest)
{
	Host h;
	int rc0 = 0, fails = 0;
	size_t live_before = 0, live_after = 0;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;
		std::vector<TestJob> jobs(65);

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		for (uint32_t i = 0; i < jobs.size(); i++) {
			jobs[i].seed = static_cast<uint8_t>(i);
			ck_assert_int_eq(jobs[i].prepare(&dev), 0);
			ck_assert_int_eq(rt_submit(&dev, &jobs[i].cmd, i), 0);
			// Only the job's reference keeps the command buffer now.
			rt_buf_free(&jobs[i].cmd);
		}
		// Let every job finish before anyone waits.
		hx_usleep(200000);
		live_before = SimOs::get().dma().live_count();
		int ret = 0;
		rc0 = rt_wait(&dev, 0, &ret);
		for (uint32_t i = 1; i < jobs.size(); i++)
			if (rt_wait(&dev, i, &ret) || ret || !jobs[i].output_ok(&dev))
				fails++;
		live_after = SimOs::get().dma().live_count();
		for (auto &j : jobs)
			j.release();
		rt_dev_close(&dev);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(rc0, -ETIMEDOUT);
	ck_assert_int_eq(fails, 0);
	ck_assert_uint_eq(log_count(h, "dropping"), 1);
	ck_assert_uint_eq(log_count(h, "dropping", "seq_no=0 "), 1);
	// 65 in + 65 out buffers + 64 command buffers still held by results
	ck_assert_uint_eq(live_before, 65 + 65 + 64);
	ck_assert_uint_eq(live_after, 65 + 65);
	ck_assert_clean(h, clean);
}
END_TEST

// The buffer fd and the device fd are closed right after SUBMIT, before
// the job runs: the job still completes on live pages (the DMA checker
// would report a use-after-free otherwise), and the pages are freed once
// the result is claimed.
START_TEST(early_close)
{
	Host h;
	int wait_rc = 1, job_ret = 1;
	bool data_ok = false;
	size_t live_mid = 0, live_end = 0;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev, dev2;
		TestJob j, blocker;

		blocker.h = 512;  // keeps the worker busy while we close
		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(blocker.prepare(&dev), 0);
		ck_assert_int_eq(j.prepare(&dev), 0);
		ck_assert_int_eq(rt_submit(&dev, &blocker.cmd, 1), 0);
		ck_assert_int_eq(rt_submit(&dev, &j.cmd, 2), 0);
		ck_assert_int_eq(rt_buf_free(&j.cmd), 0);
		ck_assert_int_eq(rt_dev_close(&dev), 0);
		live_mid = SimOs::get().dma().live_count();
		// Jobs belong to the thread, not the fd: reopen and claim.
		ck_assert_int_eq(rt_dev_open(&dev2), 0);
		int r;
		ck_assert_int_eq(rt_wait(&dev2, 1, &r), 0);
		wait_rc = rt_wait(&dev2, 2, &job_ret);
		data_ok = j.output_ok(&dev2);
		live_end = SimOs::get().dma().live_count();
		j.release();
		blocker.release();
		rt_dev_close(&dev2);
		return 0;
	});
	bool clean = h.run();
	ck_assert_int_eq(wait_rc, 0);
	ck_assert_int_eq(job_ret, 0);
	ck_assert(data_ok);
	ck_assert_uint_eq(live_end, live_mid - 1);
	ck_assert_clean(h, clean);
}
END_TEST

// WAIT from a thread other than the submitter never matches: it times out
// after 10 s of virtual time (and costs far less wall time).
START_TEST(wait_from_other_thread_times_out)
{
	Host h;
	int rc = 0, own_rc = 1;
	double waited = 0;
	Process *p = h.process("app");
	rt_dev dev;
	bool submitted = false;
	auto wall0 = std::chrono::steady_clock::now();

	h.thread(p, "submitter", [&]() {
		TestJob j;

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		ck_assert_int_eq(j.prepare(&dev), 0);
		ck_assert_int_eq(rt_submit(&dev, &j.cmd, 5), 0);
		submitted = true;
		hx_usleep(11 * 1000 * 1000);
		int r;
		own_rc = rt_wait(&dev, 5, &r);
		j.release();
		rt_dev_close(&dev);
		return 0;
	});
	h.thread(p, "other", [&]() {
		while (!submitted)
			hx_usleep(10);
		int r;
		double t0 = now_s();
		rc = rt_wait(&dev, 5, &r);
		waited = now_s() - t0;
		return 0;
	});
	bool clean = h.run();
	double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
	ck_assert_int_eq(rc, -ETIMEDOUT);
	ck_assert_msg(waited >= 10.0 && waited < 10.1, "waited %f s virtual", waited);
	ck_assert_int_eq(own_rc, 0);  // the result was still there for its owner
	ck_assert_clean(h, clean);
	printf("other-thread WAIT: %.3f s virtual in %.3f s wall\n", waited, wall);
}
END_TEST

// Each bad input gets its errno and leaves the driver usable.
START_TEST(bad_inputs)
{
	Host h;
	bool all_ok = false;

	h.thread(h.process("app"), "main", [&]() {
		rt_dev dev;
		int fd = hx_open(RT_TPU_DEV_PATH);
		uint64_t arg = hx_umalloc(64);
		int ret;

		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(hx_ioctl(fd, 0xC0087099u, arg), -ENOTTY);          // unknown
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_SUBMIT_DMABUF, 0), -EFAULT);    // null
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_WAIT_DMABUF, 0xdead0000), -EFAULT); // wild
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_DMABUF_FLUSH, 8), -EFAULT);
		cvi_submit_dma_arg s = {1234, 1};                                   // bad fd
		hx_uwrite(arg, &s, sizeof(s));
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_SUBMIT_DMABUF, arg), -EBADF);
		s.fd = fd;                                                          // not an ION buffer
		hx_uwrite(arg, &s, sizeof(s));
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_SUBMIT_DMABUF, arg), -EBADF);
		int bad_fd = 999;
		hx_uwrite(arg, &bad_fd, sizeof(bad_fd));
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_DMABUF_FLUSH_FD, arg), -EBADF);
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_PIO_MODE, arg), 0);
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_LOAD_TEE, arg), -EOPNOTSUPP);
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_SUBMIT_TEE, arg), -EOPNOTSUPP);
		ck_assert_int_eq(hx_ioctl(fd, CVITPU_UNLOAD_TEE, arg), -EOPNOTSUPP);
		ck_assert_int_eq(hx_read(fd, arg, 8), 0);
		ck_assert_int_eq(hx_write(fd, arg, 8), 0);
		ck_assert_int_eq(hx_close(fd), 0);

		ck_assert_int_eq(rt_dev_open(&dev), 0);
		// bad magic: the job fails with -EINVAL, carried in ret
		TestJob bad;
		ck_assert_int_eq(bad.prepare(&dev), 0);
		uint16_t junk = 0x1234;
		rt_buf_write(&bad.cmd, 0, &junk, sizeof(junk));
		rt_buf_flush(&dev, &bad.cmd, 0, 64);
		ck_assert_int_eq(rt_submit(&dev, &bad.cmd, 1), 0);
		ck_assert_int_eq(rt_wait(&dev, 1, &ret), 0);
		ck_assert_int_eq(ret, -EINVAL);
		bad.release();

		// a dmabuf that is not 4 KiB aligned (the allocator is made to
		// break its contract once): -EINVAL before any register access
		rt_buf mis;
		uint16_t magic = 0xB5B5;
		SimOs::get().faults().dma_alloc_misalign = 1;
		ck_assert_int_eq(rt_buf_alloc(&dev, 4096, false, &mis), 0);
		ck_assert_msg(mis.paddr % 4096 != 0, "misalign fault did not apply");
		rt_buf_write(&mis, 0, &magic, sizeof(magic));
		ck_assert_int_eq(rt_submit(&dev, &mis, 2), 0);
		ck_assert_int_eq(rt_wait(&dev, 2, &ret), 0);
		ck_assert_int_eq(ret, -EINVAL);
		rt_buf_free(&mis);

		// still usable
		TestJob good;
		ck_assert_int_eq(good.prepare(&dev), 0);
		ck_assert_int_eq(rt_submit(&dev, &good.cmd, 3), 0);
		ck_assert_int_eq(rt_wait(&dev, 3, &ret), 0);
		ck_assert_int_eq(ret, 0);
		all_ok = good.output_ok(&dev);
		good.release();
		rt_dev_close(&dev);
		hx_ufree(arg);
		return 0;
	});
	bool clean = h.run();
	ck_assert(all_ok);
	ck_assert_clean(h, clean);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("driver_jobs");
	TCase *tc = tcase_create("jobs");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, same_seq_no_own_results);
	tcase_add_test(tc, done_list_drops_oldest);
	tcase_add_test(tc, early_close);
	tcase_add_test(tc, wait_from_other_thread_times_out);
	tcase_add_test(tc, bad_inputs);
	suite_add_tcase(s, tc);
	return s;
}
