/* SPDX-License-Identifier: Apache-2.0 */
/*
 * diag.c - error printing, the error counter, allocation wrappers and the
 * small model helpers (masks, reset values) shared by all emitters.
 *
 * Allocation failure exits immediately: regsgen is a short-lived build tool
 * and cannot do anything useful without memory.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"

static unsigned n_errors;

const char *const access_names[ACC_COUNT] = { "rw", "ro", "w1c", "sc" };

void diag_error(const char *file, struct pos p, const char *fmt, ...)
{
	va_list ap;

	if (p.line)
		fprintf(stderr, "%s:%u:%u: error: ", file, p.line, p.col);
	else
		fprintf(stderr, "%s: error: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	n_errors++;
}

unsigned diag_error_count(void)
{
	return n_errors;
}

static void oom(void)
{
	fprintf(stderr, "regsgen: error: out of memory\n");
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);

	memcpy(d, s, n);
	return d;
}

char *upper_dup(const char *s)
{
	char *d = xstrdup(s);
	char *p;

	for (p = d; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return d;
}

uint32_t reg_resval(const struct reg *r)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < r->nfields; i++)
		v |= ((uint32_t)r->fields[i].resval << r->fields[i].lsb) & field_mask(&r->fields[i]);
	return v;
}

uint32_t reg_access_mask(const struct reg *r, enum access a)
{
	uint32_t m = 0;
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].access == a)
			m |= field_mask(&r->fields[i]);
	return m;
}

uint32_t reg_defined_mask(const struct reg *r)
{
	uint32_t m = 0;
	size_t i;

	for (i = 0; i < r->nfields; i++)
		m |= field_mask(&r->fields[i]);
	return m;
}

uint32_t irq_status_mask(const struct irq_when *w)
{
	uint32_t m = 0;
	size_t i;

	for (i = 0; i < w->nstatus; i++)
		m |= field_mask(w->status[i].field);
	return m;
}
