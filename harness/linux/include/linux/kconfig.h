/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kconfig.h - forced into every unit of a module (scripts/Makefile.build),
 * as Linux's is: the kernel configuration the layer provides
 * (generated/autoconf.h) and the IS_ENABLED family over it.
 */
#ifndef LX_LINUX_KCONFIG_H
#define LX_LINUX_KCONFIG_H

#include <generated/autoconf.h>

/* IS_ENABLED(CONFIG_X): 1 when CONFIG_X is defined to 1 (y) or CONFIG_X_MODULE
 * is (m), else 0 (the kernel's placeholder trick). */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_ENABLED(option) (IS_BUILTIN(option) || IS_MODULE(option))

#endif /* LX_LINUX_KCONFIG_H */
