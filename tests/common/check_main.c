/* SPDX-License-Identifier: Apache-2.0 */
/* check_main.c - the main() of every suite that only defines test_suite(). */
#include "check_main.h"

int main(void)
{
	return run_suite(test_suite());
}
