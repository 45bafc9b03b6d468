// SPDX-License-Identifier: Apache-2.0
/* multi_chip.c - the chip object of fx2 (chip/$(CHIPVAR)/ in the Makefile). */
#include "fx_chip.h"
#include "multi.h"

#ifndef FIXTURE_PER_OBJECT
#error "CFLAGS_multi_chip.o did not reach this object"
#endif

int multi_chip_id(void)
{
	return FX_CHIP_ID;
}
