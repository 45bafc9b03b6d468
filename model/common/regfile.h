// SPDX-License-Identifier: Apache-2.0
//
// regfile.h - the C++ register bank: a value per register and the access
// rules applied from the generated masks.
#ifndef TPUSIM_MODEL_REGFILE_H
#define TPUSIM_MODEL_REGFILE_H

#include <vector>

#include "regbank.h"

namespace tpusim {

class RegFile final : public RegBank {
public:
	explicit RegFile(const tpu_reg_block &blk);

	bool read(uint32_t offset, uint32_t &value) override;
	bool write(uint32_t offset, uint32_t value, RegWrite &w) override;
	void set_hw(uint32_t offset, uint32_t mask, uint32_t value) override;
	uint32_t get(uint32_t offset) const override;
	bool irq() const override;
	void reset() override;

private:
	std::vector<uint32_t> value_; // current values, parallel to blk_.regs
};

} // namespace tpusim

#endif
