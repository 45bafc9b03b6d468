// SPDX-License-Identifier: Apache-2.0
//
// regbank.cpp - the register bank a machine's configuration asks for.
#include "regbank.h"

#include <cstdio>
#include <cstdlib>

#include "regfile.h"
#include "rtl_bank.h"

namespace tpusim {

std::unique_ptr<RegBank> make_reg_bank(const tpu_reg_block &blk, RegImpl impl)
{
	if (impl == RegImpl::cpp)
		return std::make_unique<RegFile>(blk);
	std::unique_ptr<RegBank> b = make_rtl_bank(blk);
	if (!b) {
		// regsgen emits RTL for every block it is given; a block without
		// it was added to the model but not to tools/CMakeLists.txt.
		std::fprintf(stderr, "tpusim: no RTL for register block '%s'\n", blk.name);
		std::abort();
	}
	return b;
}

} // namespace tpusim
