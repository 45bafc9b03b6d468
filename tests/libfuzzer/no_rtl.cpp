// SPDX-License-Identifier: Apache-2.0
//
// no_rtl.cpp - the libFuzzer build has no Verilated RTL (model/rtl): every
// register bank is a RegFile, and a machine configured for RTL banks
// stops in make_reg_bank.
#include "rtl_bank.h"

namespace tpusim {

std::unique_ptr<RegBank> make_rtl_bank(const tpu_reg_block &)
{
	return nullptr;
}

} // namespace tpusim
