// SPDX-License-Identifier: Apache-2.0
//
// check_lx_dev.cpp - the device side of the Linux API layer on a whole
// simulated machine: the host entry point registers the TPU platform
// device and loads check_lx_dev_mod.c, a platform driver on the layer's
// headers, which probes it (MMIO, IRQ, clocks, a /dev and a /proc node);
// simulated user processes then use what it made.  Each test judges what
// the module recorded (lxt_rec) and what the sim-OS saw.
#include <cstring>
#include <functional>
#include <string>

#include "drv_tb.h"

#include "check_main.h"

#include "check_lx_dev.h"
#include "irqc.h"
#include "tpu/driver.h"
#include "tpu/uapi/ion.h"

using namespace tpusim;

namespace {

// An uncached ION buffer of len bytes whose first word is word; its fd.
int ion_buffer(uint64_t len, uint32_t word)
{
	int ion = hx_open(ION_DEV_PATH);
	ion_allocation_data a = {};
	uint64_t ua = hx_umalloc(sizeof(a)), map = 0;

	ck_assert_int_ge(ion, 0);
	a.len = len;
	a.heap_id_mask = ~0u;
	std::strcpy(a.name, "lxtest");
	ck_assert_int_eq(hx_uwrite(ua, &a, sizeof(a)), 0);
	ck_assert_int_eq(hx_ioctl(ion, ION_IOC_ALLOC, ua), 0);
	ck_assert_int_eq(hx_uread(ua, &a, sizeof(a)), 0);
	ck_assert_int_eq(hx_mmap(static_cast<int>(a.fd), len, 0, &map), 0);
	ck_assert_int_eq(hx_uwrite(map, &word, sizeof(word)), 0);
	ck_assert_int_eq(hx_munmap(map), 0);
	hx_close(ion);
	return static_cast<int>(a.fd);
}

// In a clean run: a 4 KiB ION buffer whose fd goes to ioctl cmd
// (LXT_IOC_PUT, LXT_IOC_KPUT) of the module's node, then after(buf), which
// closes the buffer's fd.  Returns the count of kernel allocations just
// before the ioctl.
size_t put_buffer_fd(uint32_t cmd, const std::function<void(int)> &after)
{
	size_t before = 0;

	run_clean_app([&]() {
		int buf = ion_buffer(4096, 1);
		int fd = hx_open(LXT_DEV_PATH);
		uint64_t ua = hx_umalloc(sizeof(int));

		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(hx_uwrite(ua, &buf, sizeof(buf)), 0);
		before = SimOs::get().kallocs().size();
		ck_assert_int_eq(hx_ioctl(fd, cmd, ua), 0);
		after(buf);
		hx_close(fd);
	});
	return before;
}

} // namespace

// Probe through the host entry point: the device's windows, its IRQ by
// index, its clocks; remove at shutdown leaves nothing behind (the
// shutdown checks: kernel allocations, files, clock enables).
START_TEST(probe_maps_reads_and_takes_the_irq)
{
	Host h;

	app_main(h, []() {});
	run_clean(h);
	ck_assert_int_eq(h.probe_rc(), 0);
	ck_assert_int_eq(lxt_rec.probed, 1);
	ck_assert_uint_eq(lxt_rec.int_mask_read, 0x20u);        // INT_MASK reset value
	ck_assert_uint_eq(lxt_rec.des_base_readback, 0x5a5a0000u);
	ck_assert_int_eq(lxt_rec.tdma_irq, 76);                 // index 1 = tdma_irq
	ck_assert_int_eq(lxt_rec.irq0, 75);                     // index 0 = tiu_irq
	ck_assert_int_eq(lxt_rec.irq2, -ENXIO);
	ck_assert_int_eq(lxt_rec.remap_busy, -EBUSY);           // the window is claimed
	ck_assert_int_eq(lxt_rec.remap_null, -EINVAL);
	ck_assert_int_ge(lxt_rec.irq_runs, 1);
	ck_assert_uint_eq(lxt_rec.irq_status >> 16 & 0x2u, 0x2u);  // BUSERR pending
	ck_assert_int_eq(lxt_rec.clk_missing, -ENOENT);
	ck_assert_uint_gt(lxt_rec.axi_rate, 0);
	ck_assert_int_eq(lxt_rec.removed, 1);
	ck_assert(!h.os.irqc().registered(76));                 // devres freed it
}
END_TEST

// A user process opens the node and runs an ioctl whose argument is
// copied in and out, passing an ION buffer fd the module imports and
// reads through ion_buffer->vaddr; a bad fd and a file that is no
// dma-buf give -EBADF and -EINVAL.
START_TEST(ioctl_copies_and_imports_a_dmabuf)
{
	lxt_xfer x = {};
	long bad_fd = 0, not_dmabuf = 0;

	run_clean_app([&]() {
		int buf = ion_buffer(8192, 0xC0FFEE01u);
		int fd = hx_open(LXT_DEV_PATH);
		uint64_t ua = hx_umalloc(sizeof(x));

		ck_assert_int_ge(fd, 0);
		x.in = 41;
		x.fd = buf;
		ck_assert_int_eq(hx_uwrite(ua, &x, sizeof(x)), 0);
		ck_assert_int_eq(hx_ioctl(fd, LXT_IOC_XFER, ua), 0);
		ck_assert_int_eq(hx_uread(ua, &x, sizeof(x)), 0);
		lxt_xfer y = {};
		y.fd = 99;
		hx_uwrite(ua, &y, sizeof(y));
		bad_fd = hx_ioctl(fd, LXT_IOC_XFER, ua);
		y.fd = fd;
		hx_uwrite(ua, &y, sizeof(y));
		not_dmabuf = hx_ioctl(fd, LXT_IOC_XFER, ua);
		hx_close(fd);
		hx_close(buf);
	});
	ck_assert_uint_eq(x.out, 42u);
	ck_assert_uint_eq(x.word, 0xC0FFEE01u);
	ck_assert_int_eq(bad_fd, -EBADF);
	ck_assert_int_eq(not_dmabuf, -EINVAL);
}
END_TEST

// copy_from_user on an address the process has not mapped: returns the
// whole count and zero-fills the destination (the module had filled it
// with 0xAA).
START_TEST(copy_from_user_fault_zero_fills)
{
	run_clean_app([]() {
		int fd = hx_open(LXT_DEV_PATH);

		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(hx_ioctl(fd, LXT_IOC_BADCOPY, 0x10), 0);
		hx_close(fd);
	});
	ck_assert_uint_eq(lxt_rec.badcopy_ret, 16);
	ck_assert_int_eq(lxt_rec.badcopy_zeroed, 1);
}
END_TEST

// readl one byte past the mapped TDMA window: a kernel-api finding (and
// the only finding), the read returns all ones.
START_TEST(readl_outside_every_mapping_is_a_finding)
{
	Host h;
	long v = 0;

	app_main(h, [&]() {
		int fd = hx_open(LXT_DEV_PATH);

		ck_assert_int_ge(fd, 0);
		v = hx_ioctl(fd, LXT_IOC_BADREAD, 0);
		hx_close(fd);
	});
	h.run();
	ck_assert_uint_eq(static_cast<uint32_t>(v), 0xFFFFFFFFu);
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"readl"}), 1);
	ck_assert_uint_eq(h.os.findings().list().size(), 1);
}
END_TEST

// dma_buf_put's final put is deferred to the return to user space: after
// the put the module still reads the object (its size; no reference of
// the kernel's left), and once the ioctl has returned the object and the file
// reference are gone (kernel allocations and the buffer fd's count back
// to what they were).
START_TEST(dma_buf_put_final_release_is_deferred)
{
	size_t after = 0;
	long closed = -1;
	size_t before = put_buffer_fd(LXT_IOC_PUT, [&](int buf) {
		after = SimOs::get().kallocs().size();
		closed = hx_close(buf);   // the fd's reference was the only one left
	});

	ck_assert_uint_eq(lxt_rec.put_size, 4096);
	ck_assert_int_eq(lxt_rec.put_count, 0);
	ck_assert_uint_eq(after, before);
	ck_assert_int_eq(closed, 0);
}
END_TEST

// A kernel thread's put goes to the layer's fput worker: the object is
// still alive when the ioctl (which waited for the thread) returns, and
// gone a few milliseconds later.
START_TEST(dma_buf_put_from_a_kernel_thread_runs_on_the_worker)
{
	size_t at_return = 0, later = 0;
	size_t before = put_buffer_fd(LXT_IOC_KPUT, [&](int buf) {
		at_return = SimOs::get().kallocs().size();
		hx_usleep(20000);
		later = SimOs::get().kallocs().size();
		hx_close(buf);
	});

	ck_assert_uint_eq(lxt_rec.kput_size, 4096);
	ck_assert_uint_gt(at_return, before);
	ck_assert_uint_eq(later, before);
}
END_TEST

// /proc/lxtest/value: a write parsed by kstrtouint_from_user, read back
// through seq_file; a write that is no number is -EINVAL.
START_TEST(proc_node_reads_and_writes)
{
	std::string text;
	long bad = 0;

	run_clean_app([&]() {
		uint64_t ua = hx_umalloc(64);
		char out[64] = {};
		int fd = hx_open(LXT_PROC_PATH);

		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(hx_uwrite(ua, "0x2a\n", 5), 0);
		ck_assert_int_eq(hx_write(fd, ua, 5), 5);
		ck_assert_int_eq(hx_uwrite(ua, "zz", 2), 0);
		bad = hx_write(fd, ua, 2);
		hx_close(fd);
		fd = hx_open(LXT_PROC_PATH);
		ck_assert_int_ge(fd, 0);
		long n = hx_read(fd, ua, sizeof(out) - 1);
		ck_assert_int_gt(n, 0);
		ck_assert_int_eq(hx_uread(ua, out, static_cast<size_t>(n)), 0);
		text.assign(out, static_cast<size_t>(n));
		ck_assert_int_eq(hx_read(fd, ua, sizeof(out) - 1), 0);   // end of file
		hx_close(fd);
	});
	ck_assert_str_eq(text.c_str(), "value=42\n");
	ck_assert_int_eq(bad, -EINVAL);
}
END_TEST

// System sleep through the host interface (tpu_drv_suspend/resume): the
// bound driver's suspend callback, then its resume, each with its device;
// a failing suspend is returned and resumes nothing (the only device is
// the one that failed).
START_TEST(system_sleep_runs_the_pm_callbacks)
{
	int s1 = 1, r1 = 1, s2 = 1, resumes_after_fail = -1;

	run_clean_app([&]() {
		s1 = tpu_drv_suspend();
		hx_usleep(1000);
		r1 = tpu_drv_resume();
		lxt_rec.suspend_ret = -EBUSY;
		s2 = tpu_drv_suspend();
		resumes_after_fail = lxt_rec.resumes;
		lxt_rec.suspend_ret = 0;
	});
	ck_assert_int_eq(s1, 0);
	ck_assert_int_eq(r1, 0);
	ck_assert_int_eq(s2, -EBUSY);
	ck_assert_int_eq(lxt_rec.suspends, 2);
	ck_assert_int_eq(resumes_after_fail, 1);
	ck_assert_int_eq(lxt_rec.pm_dev_ok, 3);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("linux layer: devices, files, memory and DMA");
	TCase *tc = tcase_create("lx_dev");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, probe_maps_reads_and_takes_the_irq);
	tcase_add_test(tc, ioctl_copies_and_imports_a_dmabuf);
	tcase_add_test(tc, copy_from_user_fault_zero_fills);
	tcase_add_test(tc, readl_outside_every_mapping_is_a_finding);
	tcase_add_test(tc, dma_buf_put_final_release_is_deferred);
	tcase_add_test(tc, dma_buf_put_from_a_kernel_thread_runs_on_the_worker);
	tcase_add_test(tc, proc_node_reads_and_writes);
	tcase_add_test(tc, system_sleep_runs_the_pm_callbacks);
	suite_add_tcase(s, tc);
	return s;
}
