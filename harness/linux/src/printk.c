// SPDX-License-Identifier: Apache-2.0
/* printk.c - kernel log lines onto the driver log (osal_log). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/printk.h>
#include <tpu/os.h>

#include "lx_host.h"

int lx_debug_output = -1;

int lx_debug_output_init(void)
{
	const char *e = lx_host_getenv("TPUSIM_LX_DEBUG");

	lx_debug_output = e && *e && strcmp(e, "0") != 0;
	return lx_debug_output;
}

void lx_set_debug_output(bool on)
{
	lx_debug_output = on;
}

/* The osal level of a kernel log level digit; the default (no prefix) is
 * MESSAGE_LOGLEVEL_DEFAULT, warning. */
static enum osal_log_level level_of(char c)
{
	if (c >= '0' && c <= '3')
		return OSAL_LOG_ERR;
	if (c == '4' || c == 'd')
		return OSAL_LOG_WARN;
	if (c == '5' || c == '6')
		return OSAL_LOG_INFO;
	return OSAL_LOG_DEBUG;
}

int printk(const char *fmt, ...)
{
	char buf[512];
	enum osal_log_level lvl = OSAL_LOG_WARN;
	va_list ap;
	int n;
	size_t len;

	/* KERN_CONT and repeated prefixes: the last level wins. */
	while (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] != 'c')
			lvl = level_of(fmt[1]);
		fmt += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	len = strlen(buf);
	/* A log line is one line: the kernel's closing newline goes. */
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	osal_log(lvl, "%s", buf);
	return n;
}
