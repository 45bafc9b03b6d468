/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_regs_cxx.cpp - the generated headers must be usable from the C++17
 * SystemC model: this compiles all of them together under the project's
 * -Werror flags, checks a few constants at compile time and links the C
 * register tables through their extern "C" declarations.
 */
#include <cstdio>
#include <cstring>

#include "tpu/rstc_regs.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_regs.h"

static_assert(TDMA_INT_MASK_REG == 0x008, "TDMA INT_MASK offset");
static_assert(TDMA_ARRAYBASE_L_REG(7) == 0x08C, "TDMA ARRAYBASE7_L offset");
static_assert(TIU_BD_CTRL_CMD_ID_MASK == 0x003FFFC0u, "TIU BD_CTRL cmd id");
static_assert(TDMA_DESC_SIZE == sizeof(uint32_t) * 16, "TDMA descriptor size");
static_assert(TIU_DESC_SIZE == 112, "TIU descriptor size");
static_assert(TIU_DESC_OPD1_W_BIT == 444, "TIU opd1_w position");

int main()
{
	tiu_desc d;
	tiu_desc e;
	uint8_t raw[TIU_DESC_SIZE];

	tiu_desc_reset(&d);
	d.opd1_w = 0xFFF;
	tiu_desc_pack(&d, raw);
	tiu_desc_unpack(&e, raw);
	if (std::memcmp(&d, &e, sizeof(d)) != 0) {
		std::puts("tiu_desc pack/unpack mismatch in C++");
		return 1;
	}
	if (tpu_regblk_tiu.base != TIU_BASE || tpu_reg_lookup(&tpu_regblk_tdma, TDMA_CTRL_REG) == nullptr) {
		std::puts("register tables not linked correctly");
		return 1;
	}
	return 0;
}
