/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_main.h - how every Check suite runs.
 *
 * A suite file defines test_suite(); the main() in check_main.c (CMake
 * target tpu_check_main) runs it with run_suite().  A program with its own
 * main() calls run_suite() directly.
 */
#ifndef TPUSIM_TESTS_CHECK_MAIN_H
#define TPUSIM_TESTS_CHECK_MAIN_H

#include <check.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The suite of this test program. */
Suite *test_suite(void);

/*
 * Runs every test of s in a forked child of its own, whatever the CK_FORK
 * environment variable says: SystemC elaborates once per process, and
 * per-test counters ("this test compared some cases") stay per test only
 * in fork mode.  Returns the exit status for main(): 0 when every test
 * passed, else 1.
 */
int run_suite(Suite *s);

#ifdef __cplusplus
}
#endif

#endif
