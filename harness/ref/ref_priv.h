/* SPDX-License-Identifier: Apache-2.0 */
/* ref_priv.h - shared by the reference library's own files only. */
#ifndef TPUSIM_REF_PRIV_H
#define TPUSIM_REF_PRIV_H

/* Record why a call fails, for ref_error(). */
void ref_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
