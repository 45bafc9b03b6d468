// SPDX-License-Identifier: Apache-2.0
//
// regbank.h - a register file driven by a generated tpu_reg_block table.
//
// Access rules (RW, RO, W1C, self-clearing pulse, reserved bits) are applied
// generically from the table masks, as QEMU's register API does; the engine
// models only add side effects in their write hooks.  Hardware-side updates
// (completed ids, status bits) bypass the software rules via set_hw().
#ifndef TPUSIM_MODEL_REGBANK_H
#define TPUSIM_MODEL_REGBANK_H

#include <cstdint>
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

class RegBank {
public:
	explicit RegBank(const tpu_reg_block &blk);

	// Software access. Return false (and change nothing) when no register
	// is defined at offset: the caller answers with a bus error.
	bool read(uint32_t offset, uint32_t &value) const;
	bool write(uint32_t offset, uint32_t value, RegWrite &w);

	// Hardware side: replace the bits in mask with value, whatever their
	// software access type.
	void set_hw(uint32_t offset, uint32_t mask, uint32_t value);
	uint32_t get(uint32_t offset) const;

	void reset();
	const tpu_reg_block &block() const { return blk_; }

private:
	int index_of(uint32_t offset) const;

	const tpu_reg_block &blk_;
	std::vector<int> index_;      // offset / 4 -> register index, -1 if none
	std::vector<uint32_t> value_; // current values, parallel to blk_.regs
};

} // namespace tpusim

#endif
