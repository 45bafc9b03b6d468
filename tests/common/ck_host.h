// SPDX-License-Identifier: Apache-2.0
//
// ck_host.h - the Check assertion of suites that run a whole simulated
// machine (tpusim::Host): its run must end without findings, and when it
// does not, the failure shows every finding, not just "false".
#ifndef TPUSIM_TESTS_CK_HOST_H
#define TPUSIM_TESTS_CK_HOST_H

#include <check.h>

// clean: Host::run()'s result; h: the Host (its report() lists findings).
#define ck_assert_clean(h, clean) ck_assert_msg((clean), "findings:\n%s", (h).report().c_str())

#endif
