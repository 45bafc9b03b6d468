// SPDX-License-Identifier: Apache-2.0
/* host.c - C library calls for the layer's bookkeeping (lx_host.h). */
#include <stdlib.h>

#include "lx_host.h"

void *lx_host_zalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

void lx_host_free(void *p)
{
	free(p);
}

const char *lx_host_getenv(const char *name)
{
	return getenv(name);
}
