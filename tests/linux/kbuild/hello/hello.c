// SPDX-License-Identifier: Apache-2.0
/*
 * hello.c - a single-file module: its init and exit say that they ran
 * (check_kbuild_modules.c records and judges).  The checks below fail the
 * compile when the kernel dir did not build it as kbuild builds a module
 * against this layer.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/version.h>

#if !defined(__KERNEL__) || !defined(MODULE)
#error "a module is compiled with __KERNEL__ and MODULE defined"
#endif
/* The host's <linux/version.h> has the host kernel's version. */
#if LINUX_VERSION_CODE != KERNEL_VERSION(5, 10, 0)
#error "<linux/version.h> did not come from harness/linux/include"
#endif

void kbuild_fixture_note(const char *module, const char *event);

static int __init hello_init(void)
{
	kbuild_fixture_note(KBUILD_MODNAME, "init");
	return 0;
}

static void __exit hello_exit(void)
{
	kbuild_fixture_note(KBUILD_MODNAME, "exit");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
