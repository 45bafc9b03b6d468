// SPDX-License-Identifier: Apache-2.0
/*
 * check_kbuild_modules.c - the fixture modules hello and fx2_multi, each
 * built by the kernel dir (harness/linux/Makefile) from its own kbuild
 * file into an archive linked whole into this program: the layer's module
 * loader finds both module_init records, runs the inits in link order and
 * the exits in reverse, and the composite module was built with its board
 * variables (chip object and header of CHIPVAR=fx2, KBUILD_BASENAME).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lx_module.h"
#include "tpu/os.h"

extern int multi_chip_seen;
extern const char *multi_basename;

static char events[256];
static int failures;

/* Called by the modules' init and exit functions. */
void kbuild_fixture_note(const char *module, const char *event);
void kbuild_fixture_note(const char *module, const char *event)
{
	size_t n = strlen(events);

	snprintf(events + n, sizeof(events) - n, "%s:%s ", module, event);
}

/* module.c reports a failed init through the OS interface. */
void osal_log(enum osal_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	(void)lvl;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void expect_str(const char *what, const char *got, const char *want)
{
	if (!got || strcmp(got, want)) {
		fprintf(stderr, "FAIL %s: got \"%s\", want \"%s\"\n", what, got ? got : "(null)", want);
		failures++;
	}
}

static void expect_int(const char *what, long got, long want)
{
	if (got != want) {
		fprintf(stderr, "FAIL %s: got %ld, want %ld\n", what, got, want);
		failures++;
	}
}

int main(void)
{
	expect_int("module_init records linked", (long)lx_nr_modules(), 2);
	expect_str("before loading", events, "");

	expect_int("lx_load_modules", lx_load_modules(), 0);
	expect_str("inits, in link order", events, "hello:init fx2_multi:init ");
	expect_int("chip object of CHIPVAR=fx2", multi_chip_seen, 2);
	expect_str("KBUILD_BASENAME of the init's object", multi_basename, "multi_main");

	events[0] = '\0';
	lx_unload_modules();
	expect_str("exits, last loaded first", events, "fx2_multi:exit hello:exit ");

	if (!failures)
		printf("kbuild modules: 2 loaded and unloaded\n");
	return failures ? 1 : 0;
}
