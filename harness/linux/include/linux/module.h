/* SPDX-License-Identifier: Apache-2.0 */
/* module.h - module metadata: recorded nowhere, as in a built-in driver. */
#ifndef LX_LINUX_MODULE_H
#define LX_LINUX_MODULE_H

#include <linux/init.h>
#include <linux/types.h>

struct module;
#define THIS_MODULE ((struct module *)0)

#define MODULE_LICENSE(s)
#define MODULE_AUTHOR(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_VERSION(s)
#define MODULE_ALIAS(s)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_PARM_DESC(name, desc)
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#endif /* LX_LINUX_MODULE_H */
