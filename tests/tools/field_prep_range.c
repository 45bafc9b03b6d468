/* SPDX-License-Identifier: Apache-2.0 */
/*
 * field_prep_range.c - compiled only by check_field_prep.cmake, with VALUE
 * (and VIA_INLINE) on the command line: VALUE goes into a 2-bit field,
 * either directly or through an inline function as driver code does.
 */
#include "tpu/bits.h"

#define MASK 0x00000300u

static inline uint32_t prep(unsigned v)
{
	return FIELD_PREP(MASK, v);
}

uint32_t field_prep_case(unsigned runtime_value);

uint32_t field_prep_case(unsigned runtime_value)
{
#ifdef VIA_INLINE
	return prep(VALUE) | prep(runtime_value);
#else
	return FIELD_PREP(MASK, VALUE) | FIELD_PREP(MASK, runtime_value);
#endif
}
