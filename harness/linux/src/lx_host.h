/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lx_host.h - the few C library calls the layer's bookkeeping needs, from
 * a translation unit of their own (host.c): <stdlib.h> brings in
 * <sys/types.h>, whose dev_t and loff_t clash with the kernel's.
 */
#ifndef LX_HOST_H
#define LX_HOST_H

#include <stddef.h>

/* Zeroed memory of the host's heap (the layer's own tables, not the
 * driver's memory); aborts when the host is out of memory. */
void *lx_host_zalloc(size_t size);
void lx_host_free(void *p);
const char *lx_host_getenv(const char *name);

#endif /* LX_HOST_H */
