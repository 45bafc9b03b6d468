// SPDX-License-Identifier: Apache-2.0
//
// regfile.cpp - generic access rules for the generated register tables.
#include "regfile.h"

#include <cassert>

namespace tpusim {

RegFile::RegFile(const tpu_reg_block &blk) : RegBank(blk), value_(blk.nregs, 0)
{
	reset();
}

void RegFile::reset()
{
	for (size_t i = 0; i < blk_.nregs; i++)
		value_[i] = blk_.regs[i].resval & blk_.regs[i].defined_mask;
}

bool RegFile::read(uint32_t offset, uint32_t &value)
{
	int i = index_of(offset);

	if (i < 0)
		return false;
	value = value_[i];
	return true;
}

bool RegFile::write(uint32_t offset, uint32_t value, RegWrite &w)
{
	int i = index_of(offset);

	if (i < 0)
		return false;
	const tpu_reg_desc &r = blk_.regs[i];
	uint32_t old = value_[i];
	uint32_t next = (old & ~r.rw_mask) | (value & r.rw_mask);

	next &= ~(value & r.w1c_mask);
	next &= ~r.sc_mask;  // pulses never latch
	value_[i] = next;

	w.offset = offset;
	w.old_value = old;
	w.new_value = next;
	w.written = value;
	w.pulses = value & r.sc_mask;
	return true;
}

void RegFile::set_hw(uint32_t offset, uint32_t mask, uint32_t value)
{
	int i = index_of(offset);

	assert(i >= 0); /* hardware only updates registers it defines */
	assert(!(mask & ~(blk_.regs[i].ro_mask | blk_.regs[i].w1c_mask))); /* nor bits software owns */
	value_[i] = (value_[i] & ~mask) | (value & mask);
}

uint32_t RegFile::get(uint32_t offset) const
{
	int i = index_of(offset);

	assert(i >= 0); /* model code only reads registers it defines */
	return value_[i];
}

bool RegFile::irq() const
{
	const tpu_irq_logic *l = blk_.irq_logic;

	if (!l)
		return false;
	return tpu_irq_logic_level(l, get(l->status_offset), l->mask_mask ? get(l->mask_offset) : 0,
				   l->enable_mask ? get(l->enable_offset) : 0);
}

} // namespace tpusim
