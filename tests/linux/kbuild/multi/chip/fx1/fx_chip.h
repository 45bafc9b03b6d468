/* SPDX-License-Identifier: Apache-2.0 */
/* fx_chip.h - chip fx1, found through -I$(src)/chip/$(CHIPVAR). */
#ifndef FIXTURE_FX_CHIP_H
#define FIXTURE_FX_CHIP_H

#define FX_CHIP_ID 1

#endif
