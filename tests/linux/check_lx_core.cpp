// SPDX-License-Identifier: Apache-2.0
//
// check_lx_core.cpp - the Linux API layer's threads, waits, time and
// memory (harness/linux, docs/vendor-driver.md) on the sim-OS: each test
// boots a machine without drivers, runs kernel-style programs
// (check_lx_core_kern.c) on simulated user and kernel threads, and judges
// what they saw and which findings the run made.
#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "drv_tb.h"

#include "check_main.h"

#include "check_lx_core_kern.h"
#include "irqc.h"

using namespace tpusim;

namespace {

HostConfig machine(unsigned harts = 1)
{
	HostConfig cfg;

	cfg.probe_drivers = false;
	cfg.os.harts = harts;
	return cfg;
}

uint64_t now_ns()
{
	return static_cast<uint64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9 + 0.5);
}

constexpr long kErestartsys = -512;

// The first i with got[i] != want[i], as "what[i] = got, want w"; empty
// when every value is as wanted.  The test asserts on it.
template <typename T> std::string first_mismatch(const char *what, const T *got, std::initializer_list<T> want)
{
	size_t i = 0;

	for (T w : want) {
		if (got[i] != w)
			return std::string(what) + "[" + std::to_string(i) + "] = " +
			       std::to_string((long long)got[i]) + ", want " + std::to_string((long long)w);
		i++;
	}
	return "";
}

} // namespace

// The waiter evaluates its condition (stale) while, on the other hart, the
// waker sets it and wakes the queue: the wake-up must not be lost, or the
// waiter sleeps for ever (a deadlock finding, and it never returns).
START_TEST(wakeup_between_check_and_sleep_is_not_lost)
{
	Host h(machine(2));
	Process *p = h.process("app");
	int raced = -1;
	uint64_t returned_at = 0;

	user_thread(h, p, "waiter", [&]() {
		raced = kt_lost_wakeup_waiter();
		returned_at = now_ns();
	});
	user_thread(h, p, "waker", kt_lost_wakeup_waker);
	run_clean(h);
	ck_assert_int_eq(raced, 1);  // the race the test is about did happen
	ck_assert_uint_gt(returned_at, 0);
	ck_assert_uint_lt(returned_at, 100000);
}
END_TEST

// wake_up() wakes an uninterruptible wait_event_timeout() (ticks left
// over); wake_up_interruptible() does not: it sees the condition only at
// its timeout and returns 1.
START_TEST(wake_up_interruptible_skips_uninterruptible_sleeper)
{
	Host h(machine());
	Process *p = h.process("app");
	long r = -9;
	int interruptible_only = _i;

	user_thread(h, p, "waiter", [&r]() { r = kt_uninterruptible_waiter(); });
	user_thread(h, p, "waker", [interruptible_only]() { kt_wake(interruptible_only); });
	run_clean(h);
	if (interruptible_only)
		ck_assert_int_eq(r, 1);
	else
		ck_assert_int_ge(r, 6);
}
END_TEST

// A signal ends wait_event_interruptible() of a user thread with
// -ERESTARTSYS, unless the condition is already true; the system call
// return turns -ERESTARTSYS into -EINTR and delivers the signal.
START_TEST(signal_ends_interruptible_wait_of_user_thread)
{
	Host h(machine());
	Process *p = h.process("app");
	int rc = 1, rc_true = 1;
	long sys_rc = 0;
	bool still_pending = true;
	SimThread *w = user_thread(h, p, "waiter", [&]() {
		rc = kt_wait_interruptible(0);
		// Still pending (Linux delivers it on the way back to user
		// space): a second wait ends at once, the condition first.
		rc_true = kt_wait_interruptible(1);
		sys_rc = h.os.syscall_exit(h.os.current(), rc);
		still_pending = h.os.current()->signal_pending;
	});
	user_thread(h, p, "killer", [&]() {
		hx_usleep(100);
		h.os.send_signal(w);
	});
	run_clean(h);
	ck_assert_int_eq(rc, kErestartsys);
	ck_assert_int_eq(rc_true, 0);
	ck_assert_int_eq(sys_rc, -EINTR);
	ck_assert(!still_pending);
}
END_TEST

// kthread_stop() is no signal: a kernel thread in
// wait_for_completion_interruptible_timeout() sleeps on until its timeout
// (0, not -ERESTARTSYS), and kthread_stop() waits for it and returns the
// thread's value.
START_TEST(kthread_stop_does_not_interrupt_completion_wait)
{
	long r = 1;
	int stop_rc = 0;
	unsigned long stop_j = 0;

	run_clean_app([&]() { r = kt_stop_during_completion(0, &stop_rc, &stop_j); }, machine());
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(stop_rc, 7);
	// Stopped about 3 ticks in, the 25-tick wait ran on to its end.
	ck_assert_uint_ge(stop_j, 19);
}
END_TEST

START_TEST(kthread_completion_then_stop)
{
	long r = -1;
	int stop_rc = 0;
	unsigned long stop_j = 99;

	run_clean_app([&]() { r = kt_stop_during_completion(40, &stop_rc, &stop_j); }, machine());
	// Completed about 14 ticks into a 25-tick wait: the jiffies left.
	ck_assert_int_ge(r, 1);
	ck_assert_int_le(r, 13);
	ck_assert_int_eq(stop_rc, 7);
	ck_assert_uint_le(stop_j, 1);
}
END_TEST

// A wait_event_interruptible() whose condition includes
// kthread_should_stop() ends with 0 when the thread is stopped.
START_TEST(kthread_stop_wakes_wait_event)
{
	int wait_rc = 1, rc = 0;

	run_clean_app([&]() { rc = kt_stop_wait_event(&wait_rc); }, machine());
	ck_assert_int_eq(rc, 5);
	ck_assert_int_eq(wait_rc, 0);
}
END_TEST

// A kthread_create()d thread runs nothing until woken; stopped before, it
// returns -EINTR.  Its pid is set when kthread_create returns.
START_TEST(kthread_stopped_before_wake_up)
{
	int ran = -1, pid = 0, rc = 0;

	run_clean_app([&]() { rc = kt_stop_unwoken(&ran, &pid); }, machine());
	ck_assert_int_eq(rc, -EINTR);
	ck_assert_int_eq(ran, 0);
	ck_assert_int_gt(pid, 0);
}
END_TEST

START_TEST(completion_return_values)
{
	Host h(machine());
	Process *p = h.process("app");
	long out[8] = {-9, -9, -9, -9, -9, -9, -9, -9};
	long intr = 0;
	SimThread *w = user_thread(h, p, "main", [&]() {
		kt_completion_values(out);
		intr = kt_completion_interruptible();
	});
	user_thread(h, p, "killer", [&]() {
		hx_usleep(300000);
		h.os.send_signal(w);
	});
	run_clean(h);
	// Done before the wait: all 25 left; timed out (0) after the 25
	// ticks; completed by a timer 5 ticks in (20 left); complete_all (10),
	// which stays done; completion_done 1, then 0 after reinit_completion.
	const std::string bad = first_mismatch("completion", out, {25L, 0L, 25L, 20L, 10L, 10L, 1L, 0L});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
	ck_assert_int_eq(intr, kErestartsys);
}
END_TEST

// for_each_process() with a spinlock held: each live process once, by its
// leader (pid == tgid), kernel threads included, the second thread of a
// process not; no sleep or yield (the run stays clean).
START_TEST(for_each_process_visits_leaders_once)
{
	Host h(machine());
	Process *p1 = h.process("p1");
	Process *p2 = h.process("p2");
	std::vector<int> pids(64, 0);
	int n = 0, bad = -1, tgid_b = 0, pid_b = 0, stable = 0;

	SimThread *a = user_thread(h, p1, "p1-leader", [&]() { hx_usleep(5000); });
	SimThread *b = user_thread(h, p1, "p1-second", [&]() {
		hx_usleep(100);
		n = kt_processes(pids.data(), 64, &bad);
		pid_b = kt_current_pid();
		tgid_b = kt_current_tgid();
		stable = kt_current_stable();
	});
	SimThread *c = user_thread(h, p2, "p2", [&]() { hx_usleep(5000); });
	run_clean(h);
	ck_assert_int_ge(n, 2);
	ck_assert_int_le(n, 64);
	pids.resize(static_cast<size_t>(n));
	std::set<int> seen(pids.begin(), pids.end());
	ck_assert_uint_eq(seen.size(), pids.size());   // each once
	ck_assert(std::is_sorted(pids.begin(), pids.end()));
	ck_assert_int_eq(bad, 0);                      // leaders only
	ck_assert(seen.count(static_cast<int>(a->tid)));
	ck_assert(seen.count(static_cast<int>(c->tid)));
	ck_assert(!seen.count(static_cast<int>(b->tid)));
	ck_assert_int_eq(pid_b, static_cast<int>(b->tid));
	ck_assert_int_eq(tgid_b, static_cast<int>(a->tid));
	ck_assert_int_eq(stable, 1);
}
END_TEST

START_TEST(timer_fires_off_its_queue)
{
	long out[6] = {-9, -9, -9, -9, -9, -9};

	run_clean_app([&]() { kt_timer_basic(out); }, machine());
	// mod_timer of an idle timer (0), pending once armed, fired once, not
	// pending in its callback, in interrupt (softirq) context, at the tick
	// it was armed for.
	const std::string bad = first_mismatch("timer_basic", out, {0L, 1L, 1L, 0L, 1L, 10L});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
}
END_TEST

START_TEST(timer_zero_filled_add_timer)
{
	long out[2] = {-9, -9};

	run_clean_app([&]() { kt_timer_zero_filled(out); }, machine());
	const std::string bad = first_mismatch("timer_zero_filled", out, {1L, 3L});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
}
END_TEST

START_TEST(mod_timer_moves_pending_timer)
{
	long out[4] = {-9, -9, -9, -9};
	long del[2] = {-9, -9};

	run_clean_app(
		[&]() {
			kt_timer_move(out);
			kt_timer_del(del);
		},
		machine());
	// The second mod_timer found it pending; fired once, not twice, at
	// the new time.
	const std::string bad = first_mismatch("timer_move", out, {0L, 1L, 1L, 20L});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
	// del_timer of a pending timer; fired only by kt_timer_move.
	const std::string bad_del = first_mismatch("timer_del", del, {1L, 1L});
	ck_assert_msg(bad_del.empty(), "%s", bad_del.c_str());
}
END_TEST

// On two harts, del_timer_sync() called while the callback runs on the
// other one returns only after the callback has.
START_TEST(del_timer_sync_waits_for_callback)
{
	long out[4] = {-9, -9, -9, -9};

	run_clean_app([&]() { kt_timer_del_sync(out); }, machine(2));
	// Called while the callback ran, not pending any more, returned after
	// the callback.
	const std::string bad = first_mismatch("timer_del_sync", out, {0L, 0L, 1L, 0L});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
}
END_TEST

// A periodic timer still pending when the drivers are gone: reported and
// cancelled at shutdown, so the run ends (it would re-arm for ever).
START_TEST(timer_pending_after_removal)
{
	Host h(machine());

	app_main(h, kt_timer_left_running);
	h.run();
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"still pending after driver removal"}), 1);
	ck_assert_uint_eq(h.os.findings().list().size(), 1);
	ck_assert(h.shut_down());
}
END_TEST

// msleep(ms) sleeps msecs_to_jiffies(ms) + 1 ticks, as Linux does.
START_TEST(msleep_takes_ticks_plus_one)
{
	unsigned long dj[2] = {0, 0};
	unsigned long long dns[2] = {0, 0};

	run_clean_app(
		[&]() {
			kt_msleep(20, &dj[0], &dns[0]);
			hx_usleep(1500);  // start the next one mid-tick
			kt_msleep(1, &dj[1], &dns[1]);
		},
		machine());
	ck_assert_uint_eq(dj[0], 6);  // msecs_to_jiffies(20) + 1
	ck_assert_uint_gt(dns[0], 20000000ull);
	ck_assert_uint_le(dns[0], 24000000ull);
	ck_assert_uint_eq(dj[1], 2);
	ck_assert_uint_gt(dns[1], 4000000ull);
	ck_assert_uint_le(dns[1], 8000000ull);
}
END_TEST

START_TEST(jiffies_and_clocks)
{
	unsigned long long out[10] = {};
	uint64_t at = 0;

	run_clean_app(
		[&]() {
			hx_usleep(10000);
			at = now_ns();
			kt_jiffies(out);
		},
		machine());
	// Jiffies at HZ = 250 from INITIAL_JIFFIES, the conversions, time_after
	// and time_before across the wrap, the fixed boot wall time, the
	// clock, do_div's quotient and remainder.
	const std::string bad = first_mismatch<unsigned long long>(
		"jiffies", out, {at / 4000000, 1, 1, 2, 1000, 1, 0, 1704067200ull, at, 1000000ull * 10000 + 7});
	ck_assert_msg(bad.empty(), "%s", bad.c_str());
}
END_TEST

// A zero-filled spinlock_t (never spin_lock_init()ed) excludes: two
// threads on two harts, no overlap, no finding.  A lock in uninitialised
// (poisoned) memory is reported.
START_TEST(zero_filled_spinlock_works)
{
	Host h(machine(2));
	Process *p = h.process("app");
	int counter = 0, overlap = -1;

	user_thread(h, p, "t1", [&]() { kt_zero_lock_worker(50); });
	user_thread(h, p, "t2", [&]() {
		kt_zero_lock_worker(50);
		hx_usleep(1000);
		kt_zero_lock_result(&counter, &overlap);
	});
	run_clean(h);
	ck_assert_int_eq(counter, 100);
	ck_assert_int_eq(overlap, 0);
}
END_TEST

START_TEST(uninitialised_spinlock_reported)
{
	Host h(machine());

	app_main(h, kt_garbage_lock);
	h.run();
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"uninitialised"}), 1);
	ck_assert_uint_eq(h.os.findings().list().size(), 1);
}
END_TEST

// spin_lock() in an interrupt handler.  Held with irqsave by the thread
// the interrupt arrives on, the handler waits for the restore and takes
// it: clean.  Held with plain spin_lock() (which does not mask
// interrupts), the handler spins on its own hart's lock: irq-deadlock.
static Host *g_isr_host;
static int g_isr_irq;

extern "C" void raise_spurious(void)
{
	g_isr_host->os.irqc().inject_spurious(g_isr_irq);
}

static void isr_case(int irqsave, int *count, Host &h)
{
	g_isr_host = &h;
	app_main(h, [irqsave, count]() {
		g_isr_irq = kt_isr_request();
		ck_assert_int_ge(g_isr_irq, 0);
		*count = kt_isr_hold(irqsave, raise_spurious);
		kt_isr_free(g_isr_irq);
	});
}

START_TEST(spin_lock_in_isr_with_irqsave_holder)
{
	Host h(machine());
	int count = 0;

	isr_case(1, &count, h);
	run_clean(h);
	ck_assert_int_eq(count, 1);
}
END_TEST

START_TEST(spin_lock_does_not_mask_interrupts)
{
	Host h(machine());
	int count = 0;

	isr_case(0, &count, h);
	h.run();
	ck_assert_uint_ge(h.os.findings().count(Checker::irq_deadlock), 1);
	ck_assert_int_eq(count, 1);
}
END_TEST

// A sleeping call with a spinlock held (or in a timer callback) is a
// sleep-in-atomic finding naming it (msleep sleeps in schedule_timeout); the same call unlocked is clean, and
// kmalloc(GFP_ATOMIC) is clean either way.
static const char *const kSleepNames[KT_SLEEP_KINDS] = {
	"vmalloc", "mutex_lock", "schedule_timeout", "kmalloc(GFP_KERNEL)", "", "vmalloc"};

START_TEST(sleeping_call_in_atomic_context)
{
	int which = _i / 2;
	bool locked = _i % 2;
	Host h(machine());

	app_main(h, [which, locked]() { kt_sleeping_call(which, locked); });
	h.run();
	bool expect = (locked || which == KT_SLEEP_TIMER) && which != KT_SLEEP_KMALLOC_ATOMIC;
	size_t n = findings_with(h, Checker::sleep_in_atomic, {kSleepNames[which]});
	if (expect)
		ck_assert_msg(n >= 1, "case %d locked %d: no sleep-in-atomic for %s:\n%s", which, locked,
			      kSleepNames[which], h.report().c_str());
	else
		ck_assert_msg(h.os.findings().empty(), "case %d locked %d:\n%s", which, locked,
			      h.report().c_str());
}
END_TEST

// The proof of checker kernel-api: a second list_del() of an entry finds
// the poison the first one left and is reported (CONFIG_DEBUG_LIST); one
// list_del() is clean and leaves LIST_POISON1.
START_TEST(double_list_del_is_kernel_api)
{
	Host h(machine());
	unsigned long next = 0;

	app_main(h, [&next]() { kt_list_del(1, &next); });
	h.run();
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"LIST_POISON1"}), 1);
	ck_assert_uint_eq(h.os.findings().list().size(), 1);
	ck_assert_uint_eq(next, 0xdead000000000100ul);
}
END_TEST

START_TEST(single_list_del_is_clean)
{
	Host h(machine());
	unsigned long next = 0;
	int empty = 0;

	app_main(h, [&next, &empty]() {
		empty = kt_list_del(0, &next);
		kt_list_double_add();
	});
	h.run();
	ck_assert_int_eq(empty, 1);
	ck_assert_uint_eq(next, 0xdead000000000100ul);
	// Only the double add is reported.
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"double add"}), 1);
	ck_assert_uint_eq(h.os.findings().list().size(), 1);
}
END_TEST

START_TEST(kref_put_below_zero)
{
	Host h(machine());
	int released = -1;

	app_main(h, [&released]() { released = kt_kref(3); });
	h.run();
	ck_assert_int_eq(released, 1);
	ck_assert_uint_eq(findings_with(h, Checker::kernel_api, {"underflow"}), 1);
}
END_TEST

START_TEST(allocations_poisoned_or_zeroed)
{
	int bad = -1;

	run_clean_app([&bad]() { bad = kt_memory_poison(); }, machine());
	ck_assert_int_eq(bad, 0);
}
END_TEST

// pr_debug evaluates its arguments only when debug output is on.
START_TEST(pr_debug_evaluates_nothing_when_off)
{
	Host h(machine());
	int off = -1, on = -1;

	app_main(h, [&off, &on]() {
		off = kt_printk(0);
		on = kt_printk(1);
	});
	run_clean(h);
	ck_assert_int_eq(off, 0);
	ck_assert_int_eq(on, 1);
	size_t errs = 0;
	for (const auto &l : h.os.log_lines())
		errs += l.level == OSAL_LOG_ERR && l.text == "kt error 42";
	ck_assert_uint_eq(errs, 2);  // level from KERN_ERR, newline gone
}
END_TEST

START_TEST(kstrtox_parses_as_linux)
{
	unsigned int u = 0;
	int i = 0;

	ck_assert_int_eq(kstrtouint("1\n", 0, &u), 0);
	ck_assert_uint_eq(u, 1);
	ck_assert_int_eq(kstrtouint("0x1f", 0, &u), 0);
	ck_assert_uint_eq(u, 31);
	ck_assert_int_eq(kstrtouint("017", 0, &u), 0);
	ck_assert_uint_eq(u, 15);
	ck_assert_int_eq(kstrtouint("+2", 10, &u), 0);
	ck_assert_uint_eq(u, 2);
	ck_assert_int_eq(kstrtouint("4294967296", 0, &u), -ERANGE);
	ck_assert_int_eq(kstrtouint("1 ", 0, &u), -EINVAL);
	ck_assert_int_eq(kstrtouint("", 0, &u), -EINVAL);
	ck_assert_int_eq(kstrtouint("-1", 0, &u), -EINVAL);
	ck_assert_int_eq(kstrtouint("1\n\n", 0, &u), -EINVAL);
	ck_assert_int_eq(kstrtoint("-2147483648", 0, &i), 0);
	ck_assert_int_eq(i, -2147483647 - 1);
	ck_assert_int_eq(kstrtoint("2147483648", 0, &i), -ERANGE);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("lx_core");
	TCase *tc = tcase_create("lx_core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, wakeup_between_check_and_sleep_is_not_lost);
	tcase_add_loop_test(tc, wake_up_interruptible_skips_uninterruptible_sleeper, 0, 2);
	tcase_add_test(tc, signal_ends_interruptible_wait_of_user_thread);
	tcase_add_test(tc, kthread_stop_does_not_interrupt_completion_wait);
	tcase_add_test(tc, kthread_completion_then_stop);
	tcase_add_test(tc, kthread_stop_wakes_wait_event);
	tcase_add_test(tc, kthread_stopped_before_wake_up);
	tcase_add_test(tc, completion_return_values);
	tcase_add_test(tc, for_each_process_visits_leaders_once);
	tcase_add_test(tc, timer_fires_off_its_queue);
	tcase_add_test(tc, timer_zero_filled_add_timer);
	tcase_add_test(tc, mod_timer_moves_pending_timer);
	tcase_add_test(tc, del_timer_sync_waits_for_callback);
	tcase_add_test(tc, timer_pending_after_removal);
	tcase_add_test(tc, msleep_takes_ticks_plus_one);
	tcase_add_test(tc, jiffies_and_clocks);
	tcase_add_test(tc, zero_filled_spinlock_works);
	tcase_add_test(tc, uninitialised_spinlock_reported);
	tcase_add_test(tc, spin_lock_in_isr_with_irqsave_holder);
	tcase_add_test(tc, spin_lock_does_not_mask_interrupts);
	tcase_add_loop_test(tc, sleeping_call_in_atomic_context, 0, 2 * KT_SLEEP_KINDS);
	tcase_add_test(tc, double_list_del_is_kernel_api);
	tcase_add_test(tc, single_list_del_is_clean);
	tcase_add_test(tc, kref_put_below_zero);
	tcase_add_test(tc, allocations_poisoned_or_zeroed);
	tcase_add_test(tc, pr_debug_evaluates_nothing_when_off);
	tcase_add_test(tc, kstrtox_parses_as_linux);
	suite_add_tcase(s, tc);
	return s;
}
