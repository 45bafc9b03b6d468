/* SPDX-License-Identifier: Apache-2.0 */
/*
 * printk.h - kernel log output onto the driver log (osal_log).
 *
 * The KERN_<level> prefix picks the log level: EMERG..ERR are errors,
 * WARNING warnings, NOTICE and INFO info, DEBUG debug; a message without
 * one has the default level, warning.  Safe in interrupt context.
 *
 * pr_debug (and the device layer's dev_dbg) evaluate their arguments only
 * when debug output is on, as Linux without DEBUG or with dynamic debug
 * off: a file that defines DEBUG before including this header always has
 * it on; otherwise lx_debug_output switches it for every call site (on
 * when the environment variable TPUSIM_LX_DEBUG is set to a value other
 * than 0, or when a program calls lx_set_debug_output()).
 */
#ifndef LX_LINUX_PRINTK_H
#define LX_LINUX_PRINTK_H

#include <linux/compiler.h>
#include <linux/types.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_ERR 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_DEBUG 7

int printk(const char *fmt, ...) __printf(1, 2);

/* Debug output switch (pr_debug, dev_dbg): -1 until first asked. */
extern int lx_debug_output;
int lx_debug_output_init(void);
void lx_set_debug_output(bool on);
#define lx_debug_on() \
	(unlikely(lx_debug_output > 0 || (lx_debug_output < 0 && lx_debug_output_init())))

/* Type-checks the format, evaluates nothing. */
#define no_printk(fmt, ...)                             \
	({                                              \
		if (0)                                  \
			printk(fmt, ##__VA_ARGS__);     \
		0;                                      \
	})

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning pr_warn
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

#ifdef DEBUG
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...)                                                     \
	do {                                                                   \
		if (lx_debug_on())                                             \
			printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__);         \
		else                                                           \
			no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__);      \
	} while (0)
#endif
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

#define printk_once(fmt, ...)                          \
	({                                             \
		static bool __print_once;              \
		bool __ret_print_once = !__print_once; \
		if (!__print_once) {                   \
			__print_once = true;           \
			printk(fmt, ##__VA_ARGS__);    \
		}                                      \
		unlikely(__ret_print_once);            \
	})
#define pr_err_once(fmt, ...) printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...) printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/* No rate limit: every message is kept (a run is short). */
#define pr_err_ratelimited(fmt, ...) pr_err(fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) pr_warn(fmt, ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) pr_info(fmt, ##__VA_ARGS__)

#endif /* LX_LINUX_PRINTK_H */
