// SPDX-License-Identifier: Apache-2.0
//
// shrink.cpp - `tpusim shrink`: delta debugging over the switch points of a
// failing schedule: keep removing chunks while the run still fails with the
// same findings, then write what is left as a replay file.
#include <algorithm>
#include <cstdio>

#include "cli.h"
#include "replay.h"

namespace tpusim::cli {

using scn::RunResult;

int shrink(const Args &a, const std::vector<scn::Scenario> &scenarios)
{
	if (scenarios.size() != 1 || a.schedule < 0) {
		fprintf(stderr, "tpusim shrink: give one scenario file and --schedule K\n");
		return 2;
	}
	const scn::Scenario &s = scenarios[0];
	const unsigned k = static_cast<unsigned>(a.schedule);
	RunResult r0 = run_one(a, s, k, nullptr);
	if (r0.pass) {
		printf("%s schedule %d passes: nothing to shrink\n", s.name.c_str(), a.schedule);
		return 0;
	}
	auto same = [&](const RunResult &r) { return !r.pass && r.fired == r0.fired; };
	std::vector<uint64_t> cur = r0.switches;
	unsigned runs = 1;
	// Check that the recorded switches alone reproduce the failure.
	if (!same(run_one(a, s, k, &cur))) {
		printf("%s schedule %d: the recorded switches do not reproduce the failure alone\n",
		       s.name.c_str(), a.schedule);
		return 1;
	}
	runs++;
	size_t n = 2;
	while (cur.size() >= 1 && runs < 400) {
		size_t chunk = std::max<size_t>(1, cur.size() / n);
		bool reduced = false;
		for (size_t i = 0; i < cur.size(); i += chunk) {
			std::vector<uint64_t> cand(cur.begin(), cur.begin() + i);
			cand.insert(cand.end(), cur.begin() + std::min(cur.size(), i + chunk), cur.end());
			runs++;
			if (same(run_one(a, s, k, &cand))) {
				cur = cand;
				n = std::max<size_t>(n - 1, 2);
				reduced = true;
				break;
			}
		}
		if (!reduced) {
			if (chunk == 1)
				break;
			n = std::min(cur.size(), n * 2);
		}
	}
	scn::Replay r;
	r.scenario = s.name;
	// The sim-OS seed of schedule K is the run's seed + K, and the timing
	// perturbations a forced switch makes when no thread is ready are a
	// function of it: the replay, run at schedule 0, must carry seed + K
	// to repeat the shrunk run.
	r.seed = r0.seed + k;
	r.seed_given = true;
	r.switches = cur;
	std::string out = a.out.empty() ? s.name + ".replay" : a.out;
	char comment[256];
	snprintf(comment, sizeof(comment), "%s schedule %d shrunk from %zu to %zu switches in %u runs",
		 s.name.c_str(), a.schedule, r0.switches.size(), cur.size(), runs);
	if (!write_replay(out, r, comment)) {
		fprintf(stderr, "tpusim: cannot write %s\n", out.c_str());
		return 2;
	}
	printf("%s\nreplay: tpusim run %s --replay %s   (or add 'replay: %s' to the scenario)\n",
	       comment, s.file.c_str(), out.c_str(), out.c_str());
	return 1;
}

} // namespace tpusim::cli
