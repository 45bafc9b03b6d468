/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bug.h - BUG and WARN.  Both become a finding of checker kernel-api
 * (osal_kernel_bug) naming the file and line; Linux would oops on BUG, the
 * simulation goes on so that the run can end and be reported.
 */
#ifndef LX_LINUX_BUG_H
#define LX_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <tpu/os.h>

#define BUG() osal_kernel_bug("kernel BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)                    \
	do {                            \
		if (unlikely(cond))     \
			BUG();          \
	} while (0)

#define WARN_ON(cond)                                                                   \
	({                                                                              \
		int __ret_warn_on = !!(cond);                                           \
		if (unlikely(__ret_warn_on))                                            \
			osal_kernel_bug("WARNING at %s:%d: %s", __FILE__, __LINE__,     \
					#cond);                                         \
		unlikely(__ret_warn_on);                                                \
	})

#define WARN(cond, fmt, ...)                                                            \
	({                                                                              \
		int __ret_warn_on = !!(cond);                                           \
		if (unlikely(__ret_warn_on))                                            \
			osal_kernel_bug("WARNING at %s:%d: " fmt, __FILE__, __LINE__,   \
					##__VA_ARGS__);                                 \
		unlikely(__ret_warn_on);                                                \
	})

#define WARN_ON_ONCE(cond)                                              \
	({                                                              \
		static bool __warned;                                   \
		int __ret_warn_once = !!(cond);                         \
		if (unlikely(__ret_warn_once && !__warned)) {           \
			__warned = true;                                \
			WARN_ON(1);                                     \
		}                                                       \
		unlikely(__ret_warn_once);                              \
	})

#define WARN_ONCE(cond, fmt, ...)                                       \
	({                                                              \
		static bool __warned;                                   \
		int __ret_warn_once = !!(cond);                         \
		if (unlikely(__ret_warn_once && !__warned)) {           \
			__warned = true;                                \
			WARN(1, fmt, ##__VA_ARGS__);                    \
		}                                                       \
		unlikely(__ret_warn_once);                              \
	})

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_MSG(cond, msg) _Static_assert(!(cond), msg)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))

#endif /* LX_LINUX_BUG_H */
