// SPDX-License-Identifier: Apache-2.0
//
// for_driver.cpp - a scenario as it runs on one driver: the per-driver
// expectations (expect: and took: {<driver>: ...} on a step,
// expect.<driver> at the end) resolved once, before the run, so that nothing else in the runner
// knows there are several drivers.
#include "scenario.h"

namespace tpusim::scn {

namespace {

// The entry for `driver`, else the "default" one, else none.
template <class V> const V *pick(const std::map<std::string, V> &m, const std::string &driver)
{
	auto it = m.find(driver);
	if (it == m.end())
		it = m.find("default");
	return it != m.end() ? &it->second : nullptr;
}

void resolve(std::vector<Step> &steps, const std::string &driver)
{
	for (Step &st : steps) {
		if (!st.expect_by_driver.empty()) {
			const Expect *e = pick(st.expect_by_driver, driver);
			st.expect = e ? *e : Expect{};
			if (!e)
				st.expect.mark = st.mark;
		}
		if (!st.took_by_driver.empty()) {
			const auto *b = pick(st.took_by_driver, driver);
			st.took_min_ms = b ? b->first : -1;
			st.took_max_ms = b ? b->second : -1;
		}
		resolve(st.body, driver);
	}
}

} // namespace

Scenario for_driver(const Scenario &s, const std::string &driver)
{
	Scenario r = s;
	for (Process &p : r.processes)
		for (Thread &t : p.threads)
			resolve(t.steps, driver);
	auto it = r.expect_by_driver.find(driver);
	if (it != r.expect_by_driver.end())
		r.expect = it->second;
	return r;
}

} // namespace tpusim::scn
