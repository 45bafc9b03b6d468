/* SPDX-License-Identifier: Apache-2.0 */
/*
 * module.c - loading and unloading the modules linked into this program.
 *
 * module_init()/module_exit() (include/linux/init.h) leave one record each
 * in the sections lx_modinit and lx_modexit; the linker brackets every
 * such section with __start_/__stop_ symbols.  Weak references keep a
 * program without modules linkable (the sections are then absent).  A
 * module's exit is found by the source file its init came from, since
 * module_init and module_exit sit in one file.
 */
#include <linux/init.h>
#include <linux/types.h>
#include <string.h>

#include "lx_module.h"
#include "tpu/os.h"

extern const struct lx_modcall __start_lx_modinit[] __attribute__((weak));
extern const struct lx_modcall __stop_lx_modinit[] __attribute__((weak));
extern const struct lx_modcall __start_lx_modexit[] __attribute__((weak));
extern const struct lx_modcall __stop_lx_modexit[] __attribute__((weak));

static size_t lx_nr_loaded;  /* inits that succeeded, in link order */

static void lx_exit_of(const struct lx_modcall *init)
{
	const struct lx_modcall *e;

	if (!__start_lx_modexit)
		return;
	for (e = __start_lx_modexit; e < __stop_lx_modexit; e++)
		if (!strcmp(e->file, init->file))
			e->exit();
}

size_t lx_nr_modules(void)
{
	return __start_lx_modinit ? (size_t)(__stop_lx_modinit - __start_lx_modinit) : 0;
}

int lx_load_modules(void)
{
	size_t i, n = lx_nr_modules();
	int ret;

	for (i = 0; i < n; i++) {
		ret = __start_lx_modinit[i].init();
		if (ret) {
			osal_err("module %s: init failed: %d", __start_lx_modinit[i].file, ret);
			lx_unload_modules();
			return ret;
		}
		lx_nr_loaded = i + 1;
	}
	return 0;
}

void lx_unload_modules(void)
{
	while (lx_nr_loaded) {
		lx_nr_loaded--;
		lx_exit_of(&__start_lx_modinit[lx_nr_loaded]);
	}
}
