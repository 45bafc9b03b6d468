/* SPDX-License-Identifier: Apache-2.0 */
/*
 * init.h - module entry points.
 *
 * A module built against the layer is linked whole into a tpusim program
 * (docs/vendor-driver.md), so module_init/module_exit cannot be symbols of
 * fixed names: each records its function in a section of its own, and the
 * layer (src/module.c) runs every init at probe time, in link order, and
 * every exit in reverse at removal.  __init code stays resident.
 */
#ifndef LX_LINUX_INIT_H
#define LX_LINUX_INIT_H

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

struct lx_modcall {
	initcall_t init;
	exitcall_t exit;
	const char *file;  /* for messages: which module an init belongs to */
};

#define __init
#define __exit
#define __initdata
#define __exitdata
#define __devinit
#define __devexit

#define module_init(fn)                                                      \
	static const struct lx_modcall __lx_modinit_##fn                          \
	__attribute__((used, section("lx_modinit"), aligned(sizeof(void *)))) = { \
		.init = fn, .exit = 0, .file = __FILE__ }
#define module_exit(fn)                                                      \
	static const struct lx_modcall __lx_modexit_##fn                          \
	__attribute__((used, section("lx_modexit"), aligned(sizeof(void *)))) = { \
		.init = 0, .exit = fn, .file = __FILE__ }

#endif /* LX_LINUX_INIT_H */
