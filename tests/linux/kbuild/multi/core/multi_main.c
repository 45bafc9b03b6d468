// SPDX-License-Identifier: Apache-2.0
/*
 * multi_main.c - the entry points of the composite module: its init asks
 * the chip object (another directory, picked by $(CHIPVAR)) which chip it
 * was built for, and leaves the answer and its own KBUILD_BASENAME for
 * check_kbuild_modules.c.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/types.h>

#include "multi.h"

#ifndef FIXTURE_CHIP_FX2
#error "the parameter file included through $(PWD)/.. was not read with CHIP=FX2"
#endif
#ifdef FIXTURE_PER_OBJECT
#error "CFLAGS_multi_chip.o applied to another object"
#endif

void kbuild_fixture_note(const char *module, const char *event);

int multi_chip_seen;
const char *multi_basename;

static int __init multi_init(void)
{
	multi_chip_seen = multi_chip_id();
	multi_basename = KBUILD_BASENAME;
	kbuild_fixture_note(KBUILD_MODNAME, "init");
	return 0;
}

static void __exit multi_exit(void)
{
	kbuild_fixture_note(KBUILD_MODNAME, "exit");
}

module_init(multi_init);
module_exit(multi_exit);
MODULE_LICENSE("GPL");
