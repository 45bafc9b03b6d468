/* SPDX-License-Identifier: Apache-2.0 */
/*
 * diag.h - error reporting and small allocation helpers for regsgen.
 *
 * Errors use the compiler format "file:line:col: error: message" so that
 * editors and CI logs jump straight to the offending YAML.  Errors are
 * counted rather than fatal: the loader keeps going to report as many
 * independent mistakes as it can in one run, and main() exits with status 1
 * if any were reported.
 */
#ifndef REGSGEN_DIAG_H
#define REGSGEN_DIAG_H

#include <stddef.h>

#include "model.h"

#if defined(__GNUC__)
#define REGSGEN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define REGSGEN_PRINTF(a, b)
#endif

void diag_error(const char *file, struct pos p, const char *fmt, ...) REGSGEN_PRINTF(3, 4);
unsigned diag_error_count(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

#endif /* REGSGEN_DIAG_H */
