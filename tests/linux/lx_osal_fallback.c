/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lx_osal_fallback.c - weak stand-ins for os.h calls of the hosted-driver
 * block that a suite of the layer needs before the sim-OS implements
 * them; a strong definition in the sim-OS takes precedence.
 */
#include "tpu/os.h"

__attribute__((weak)) void osal_might_sleep(const char *what)
{
	(void)what;
}
