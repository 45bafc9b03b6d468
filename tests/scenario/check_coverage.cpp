// SPDX-License-Identifier: Apache-2.0
//
// check_coverage.cpp - the coverage universe and its exclusion table
// (harness/scenario/coverage.cpp): every exclusion pattern still names a
// bin (a renamed register would leave it matching nothing), a hit on an
// excluded bin is reported, and the reachable figure counts what it says.
#include <cstdio>
#include <set>
#include <string>

#include "coverage.h"

using namespace tpusim::scn;

static int failures;

#define CHECK(cond, ...)                                                                            \
	do {                                                                                        \
		if (!(cond)) {                                                                      \
			fprintf(stderr, "check_coverage: %s:%d: ", __FILE__, __LINE__);             \
			fprintf(stderr, __VA_ARGS__);                                              \
			fprintf(stderr, "\n");                                                     \
			failures++;                                                                 \
		}                                                                                   \
	} while (0)

int main()
{
	const std::vector<std::string> u = coverage_universe();
	const std::set<std::string> uni(u.begin(), u.end());

	CHECK(uni.size() == u.size(), "the universe has duplicate bins");
	for (const auto &p : unreachable_patterns()) {
		unsigned n = 0;
		for (const auto &b : u)
			n += bin_matches(p, b);
		CHECK(n > 0, "exclusion '%s' matches no bin of the universe", p.c_str());
	}
	// The read-only rule comes from the masks: SYNC_STATUS has no writable field.
	CHECK(unreachable_reason("reg:tdma.SYNC_STATUS:write"), "a read-only register's write bin is reachable");
	CHECK(!unreachable_reason("reg:tdma.SYNC_STATUS:read"), "a read-only register's read bin is excluded");
	CHECK(!unreachable_reason("reg:tdma.INT_MASK:write"), "INT_MASK write is excluded");
	CHECK(!unreachable_reason("ioctl:WAIT_DMABUF@running"), "an ioctl bin is excluded");

	Bins none;
	CoverageFigures f = coverage_figures(none);
	CHECK(f.total == u.size() && f.hit == 0 && f.reachable_hit == 0, "empty hit set miscounted");
	CHECK(f.reachable > 0 && f.unreachable > 0 && f.reachable + f.unreachable < f.total,
	      "reachable %u + unreachable %zu must leave the checker bins out of %u", f.reachable,
	      f.unreachable, f.total);

	Bins all(u.begin(), u.end());
	f = coverage_figures(all);
	CHECK(f.reachable_hit == f.reachable && f.reachable_percent() == 100.0, "all bins hit is not 100 %%");
	CHECK(f.excluded_but_hit.size() == f.unreachable, "every excluded bin hit must be reported (%zu of %zu)",
	      f.excluded_but_hit.size(), f.unreachable);

	Bins one = {"reg:tdma.CMD_ACCP3:write"};
	f = coverage_figures(one);
	CHECK(f.excluded_but_hit.size() == 1 && f.excluded_but_hit[0] == "reg:tdma.CMD_ACCP3:write",
	      "a hit on an excluded bin is not reported");
	CHECK(f.reachable_hit == 0, "an excluded bin counted as reachable");
	if (!failures)
		printf("check_coverage: %zu bins, %u reachable, %zu unreachable: ok\n", u.size(), f.reachable,
		       f.unreachable);
	return failures ? 1 : 0;
}
