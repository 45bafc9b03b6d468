// SPDX-License-Identifier: Apache-2.0
//
// check_lockdep.cpp - the lockdep rules (harness/util/lockdep.h) on
// acquisition sequences whose verdict is known: an AB/BA order across two
// threads, consistent orders, a three-lock cycle, interrupt-context use
// against irqsave and plain acquisitions, and one report per problem.
#include <string>
#include <vector>

#include "lockdep.h"

#include "check_main.h"

using tpusim::Lockdep;

namespace {

struct Run {
	Lockdep ld;
	std::vector<Lockdep::Report> out;

	// One thread takes names in order (nested), then releases them all.
	void nest(const std::vector<std::string> &names, const std::string &who, bool in_irq = false,
		  bool irqs_on = true)
	{
		Lockdep::Held held;
		for (const auto &n : names)
			ld.acquire(held, ld.class_of(n), in_irq, irqs_on, {who, 0}, out);
		for (auto it = names.rbegin(); it != names.rend(); ++it)
			ld.release(held, ld.class_of(*it));
		ck_assert(held.empty());
	}
	size_t count(Lockdep::Problem p) const
	{
		size_t n = 0;
		for (const auto &r : out)
			n += r.problem == p;
		return n;
	}
};

} // namespace

START_TEST(ab_ba_is_a_cycle)
{
	Run r;

	r.nest({"A", "B"}, "worker");
	ck_assert_uint_eq(r.out.size(), 0);
	r.nest({"B", "A"}, "waiter");
	ck_assert_uint_eq(r.count(Lockdep::Problem::order), 1);
	const std::string &t = r.out[0].text;
	ck_assert_msg(t.find("waiter takes A while holding B") != std::string::npos &&
			      t.find("A -> B") != std::string::npos && t.find("first by worker") != std::string::npos,
		      "%s", t.c_str());
	r.nest({"B", "A"}, "waiter");       // the same pair again: no new report
	ck_assert_uint_eq(r.out.size(), 1);
}
END_TEST

START_TEST(consistent_orders_are_clean)
{
	Run r;

	r.nest({"A", "B", "C"}, "t1");
	r.nest({"A", "C"}, "t2");
	r.nest({"B", "C"}, "t3");
	r.nest({"A", "B"}, "t4");
	r.nest({"C"}, "t5");
	ck_assert_uint_eq(r.out.size(), 0);
}
END_TEST

START_TEST(three_lock_cycle)
{
	Run r;

	r.nest({"A", "B"}, "t1");
	r.nest({"B", "C"}, "t2");
	ck_assert_uint_eq(r.out.size(), 0);
	r.nest({"C", "A"}, "t3");
	ck_assert_uint_eq(r.count(Lockdep::Problem::order), 1);
	ck_assert_msg(r.out[0].text.find("A -> B -> C") != std::string::npos, "%s", r.out[0].text.c_str());
}
END_TEST

START_TEST(irq_lock_taken_with_irqs_on)
{
	Run r;

	r.nest({"irq_lock"}, "isr", true, false);
	r.nest({"irq_lock"}, "worker", false, false);   // irqsave: fine
	ck_assert_uint_eq(r.out.size(), 0);
	r.nest({"irq_lock"}, "ioctl", false, true);     // plain lock: the bug
	ck_assert_uint_eq(r.count(Lockdep::Problem::irq_unsafe), 1);
	ck_assert_msg(r.out[0].text.find("isr") != std::string::npos &&
			      r.out[0].text.find("ioctl") != std::string::npos,
		      "%s", r.out[0].text.c_str());
	r.nest({"irq_lock"}, "ioctl", false, true);
	ck_assert_uint_eq(r.out.size(), 1);
}
END_TEST

START_TEST(irq_unsafe_found_in_either_order)
{
	Run r;

	r.nest({"L"}, "ioctl", false, true);            // first with interrupts on
	ck_assert_uint_eq(r.out.size(), 0);
	r.nest({"L"}, "isr", true, false);              // then in a handler
	ck_assert_uint_eq(r.count(Lockdep::Problem::irq_unsafe), 1);
}
END_TEST

START_TEST(release_out_of_order)
{
	Run r;
	Lockdep::Held held;
	int a = r.ld.class_of("A"), b = r.ld.class_of("B");

	const std::string t = "t";

	r.ld.acquire(held, a, false, true, {t, 0}, r.out);
	r.ld.acquire(held, b, false, true, {t, 0}, r.out);
	r.ld.release(held, a);                          // A first, then B
	ck_assert_uint_eq(held.size(), 1);
	ck_assert_int_eq(held[0], b);
	r.ld.release(held, b);
	ck_assert(held.empty());
}
END_TEST

extern "C" Suite *test_suite(void)
{
	Suite *s = suite_create("lockdep");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, ab_ba_is_a_cycle);
	tcase_add_test(tc, consistent_orders_are_clean);
	tcase_add_test(tc, three_lock_cycle);
	tcase_add_test(tc, irq_lock_taken_with_irqs_on);
	tcase_add_test(tc, irq_unsafe_found_in_either_order);
	tcase_add_test(tc, release_out_of_order);
	suite_add_tcase(s, tc);
	return s;
}
