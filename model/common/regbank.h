// SPDX-License-Identifier: Apache-2.0
//
// regbank.h - what an engine and the bus see of a register block.
//
// Two implementations obey the same rules, both derived from the generated
// tpu_reg_block table: RegFile (regfile.h), plain C++, and RtlRegBank
// (model/rtl), the SystemVerilog block regsgen emits, run under Verilator.
// Which one a machine gets is TpuConfig::regs; runs must not differ
// between them, which is what `tpusim run --regs cpp,rtl` checks.
//
// Access rules (RW, RO, W1C, self-clearing pulse, reserved bits) are
// applied generically from the table masks, as QEMU's register API does;
// the engine models only add side effects in their write hooks.
// Hardware-side updates (completed ids, status bits) bypass the software
// rules via set_hw(), and touch only the bits hardware owns (RO and W1C).
#ifndef TPUSIM_MODEL_REGBANK_H
#define TPUSIM_MODEL_REGBANK_H

#include <cstdint>
#include <memory>
#include <vector>

#include "tpu/regdesc.h"

namespace tpusim {

struct RegWrite {
	uint32_t offset;
	uint32_t old_value;  // value before the write
	uint32_t new_value;  // value after the access rules
	uint32_t written;    // raw value the initiator wrote
	uint32_t pulses;     // self-clearing bits written as 1
};

enum class RegImpl { cpp, rtl };

class RegBank {
public:
	virtual ~RegBank() = default;

	// Software access. Return false (and change nothing) when no register
	// is defined at offset: the caller answers with a bus error.
	virtual bool read(uint32_t offset, uint32_t &value) = 0;
	virtual bool write(uint32_t offset, uint32_t value, RegWrite &w) = 0;

	// Hardware side: replace the bits in mask with value; mask may only
	// cover hardware-owned (RO, W1C) bits.
	virtual void set_hw(uint32_t offset, uint32_t mask, uint32_t value) = 0;
	virtual uint32_t get(uint32_t offset) const = 0;
	// Level of the block's interrupt line (irq_when in the YAML); false
	// for a block without one.
	virtual bool irq() const = 0;

	virtual void reset() = 0;
	const tpu_reg_block &block() const { return blk_; }

protected:
	explicit RegBank(const tpu_reg_block &blk);

	// The table index of the register at offset, -1 when none is there
	// (misaligned or outside the window included).
	int index_of(uint32_t offset) const
	{
		return offset % 4 == 0 && offset / 4 < index_.size() ? index_[offset / 4] : -1;
	}

	const tpu_reg_block &blk_;

private:
	std::vector<int> index_;  // offset / 4 -> register index, -1 if none
};

std::unique_ptr<RegBank> make_reg_bank(const tpu_reg_block &blk, RegImpl impl);

} // namespace tpusim

#endif
