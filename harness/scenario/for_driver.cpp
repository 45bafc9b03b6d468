// SPDX-License-Identifier: Apache-2.0
//
// for_driver.cpp - a scenario as it runs on one driver: the per-driver
// expectations (expect: and took: {<driver>: ...} on a step,
// expect.<driver> at the end) resolved once, before the run, so that nothing else in the runner
// knows there are several drivers.
#include "scenario.h"

namespace tpusim::scn {

namespace {

void resolve(std::vector<Step> &steps, const std::string &driver)
{
	for (Step &st : steps) {
		if (!st.expect_by_driver.empty()) {
			auto it = st.expect_by_driver.find(driver);
			if (it == st.expect_by_driver.end())
				it = st.expect_by_driver.find("default");
			st.expect = it != st.expect_by_driver.end() ? it->second : Expect{};
			if (it == st.expect_by_driver.end())
				st.expect.mark = st.mark;
		}
		if (!st.took_by_driver.empty()) {
			auto it = st.took_by_driver.find(driver);
			if (it == st.took_by_driver.end())
				it = st.took_by_driver.find("default");
			st.took_min_ms = it != st.took_by_driver.end() ? it->second.first : -1;
			st.took_max_ms = it != st.took_by_driver.end() ? it->second.second : -1;
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
