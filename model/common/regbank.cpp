// SPDX-License-Identifier: Apache-2.0
//
// regbank.cpp - the register bank a machine's configuration asks for.
#include "regbank.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>

#include "regfile.h"
#include "rtl_bank.h"

namespace tpusim {

RegBank::RegBank(const tpu_reg_block &blk) : blk_(blk), index_(blk.size / 4, -1)
{
	for (size_t i = 0; i < blk.nregs; i++) {
		/* the generator rejects misaligned or out-of-window offsets */
		assert(blk.regs[i].offset % 4 == 0 && blk.regs[i].offset < blk.size);
		index_[blk.regs[i].offset / 4] = static_cast<int>(i);
	}
}

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
