// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_log.c - the driver's log lines on printk.
 *
 * The driver's messages carry their own "tpu: " / "ion: " prefix and no
 * newline.  Debug lines go through pr_debug, so dynamic debug turns them
 * on ("file osal_log.c +p"); printk itself is safe in interrupt context,
 * as os.h requires.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/printk.h>

#include "osal_linux.h"

void osal_log(enum osal_log_level lvl, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	switch (lvl) {
	case OSAL_LOG_DEBUG:
		pr_debug("%pV\n", &vaf);
		break;
	case OSAL_LOG_INFO:
		pr_info("%pV\n", &vaf);
		break;
	case OSAL_LOG_WARN:
		pr_warn("%pV\n", &vaf);
		break;
	case OSAL_LOG_ERR:
	default:
		pr_err("%pV\n", &vaf);
		break;
	}
	va_end(args);
}
