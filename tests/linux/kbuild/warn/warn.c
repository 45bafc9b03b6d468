// SPDX-License-Identifier: Apache-2.0
/* warn.c - compiles with one -Wall warning (an unused variable). */
int warn_value(void);

int warn_value(void)
{
	int unused_on_purpose;

	return 1;
}
