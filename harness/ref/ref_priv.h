/* SPDX-License-Identifier: Apache-2.0 */
/* ref_priv.h - shared by the reference library's own files only. */
#ifndef TPUSIM_REF_PRIV_H
#define TPUSIM_REF_PRIV_H

/* Record why a call fails, for ref_error(). */
void ref_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdint.h>

/* The byte strides {n, c, h, w} of a TIU operand of c x h x w one-byte
 * elements in stride mode `mode` (docs/datapath.md 3.2): 3 the given
 * ones, 2 one element a channel, else compact with channel planes rounded
 * up to 16 bytes. */
void ref_tiu_strides(unsigned mode, unsigned lanes, uint64_t c, uint64_t h, uint64_t w,
		     const uint32_t given[4], uint64_t s[4]);

#endif
