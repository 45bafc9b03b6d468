/* SPDX-License-Identifier: Apache-2.0 */
/*
 * autoconf.h - the kernel configuration a module built against the layer
 * sees (Linux generates this file from .config).  Only the options the
 * layer implements are set; every other CONFIG_ is off.
 *
 * CONFIG_PM, CONFIG_PM_SLEEP: the harness drives system sleep (the
 * `suspend` scenario step calls each bound driver's dev_pm_ops suspend and
 * resume, docs/vendor-driver.md), so SIMPLE_DEV_PM_OPS fills the ops.
 */
#ifndef LX_GENERATED_AUTOCONF_H
#define LX_GENERATED_AUTOCONF_H

#define CONFIG_PM 1
#define CONFIG_PM_SLEEP 1

#endif /* LX_GENERATED_AUTOCONF_H */
