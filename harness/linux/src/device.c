/* SPDX-License-Identifier: Apache-2.0 */
/* device.c - the dev_* log calls: "<driver> <device>: message" on osal_log. */
#include <linux/device.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tpu/os.h"


void lx_dev_printk(int level, const struct device *dev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The kernel adds the line's end; messages usually bring their own. */
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	if (level < OSAL_LOG_DEBUG || level > OSAL_LOG_ERR)
		level = OSAL_LOG_ERR;
	if (!dev)
		osal_log((enum osal_log_level)level, "(NULL device *): %s", msg);
	else
		/* dev_driver_string(): the driver, else the class, else the bus. */
		osal_log((enum osal_log_level)level, "%s %s: %s",
			 dev->driver && dev->driver->name ? dev->driver->name
			 : dev->class ? dev->class->name : "platform",
			 dev_name(dev), msg);
}
