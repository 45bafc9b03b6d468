/* SPDX-License-Identifier: Apache-2.0 */
/* lx_module.h - the layer's module loader (module.c). */
#ifndef LX_MODULE_H
#define LX_MODULE_H

#include <stddef.h>

/* Number of module_init records linked into this program. */
size_t lx_nr_modules(void);
/* Run every module's init in link order, as insmod of one after another;
 * a failed init unloads the ones loaded before it.  0 or its -errno. */
int lx_load_modules(void);
/* Run the exits of the loaded modules, last loaded first. */
void lx_unload_modules(void);

#endif /* LX_MODULE_H */
