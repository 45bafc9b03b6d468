// SPDX-License-Identifier: Apache-2.0
//
// vendor_seq.h - the register sequences with which the TPU driver runs a
// command segment (driver/tpu_hw.c, after the vendor's
// cvi_tpu_run_dmabuf), for programs that play the driver's part on the
// bare model: the model benches, the demo, fuzz_model and bench_model.
// They exercise the model exactly as the driver does, so a model change
// that would break the driver breaks them too.  driver/tpu_hw.c stays the
// reference; it cannot share code with the host side.
#ifndef TPUSIM_TESTKIT_VENDOR_SEQ_H
#define TPUSIM_TESTKIT_VENDOR_SEQ_H

#include <cstdint>

namespace tpusim {

// TDMA_CTRL for a run of count descriptors on cv181x: the vendor's
// 0x2723 | count << 16 (ENABLE, MODESEL, FORCE_1ARRAY, BURSTLEN 16 beats,
// 64BYTE_ALIGN_EN, INTRA_CMD_OFF, DESNUM).  count keeps its low 16 bits.
uint32_t tdma_ctrl_desc_run(uint32_t count);

// Mix in and provide the 32-bit register access; the sequences issue
// exactly the driver's reads and writes, in its order.
class VendorSeq {
public:
	virtual ~VendorSeq() = default;
	virtual uint32_t rd(uint64_t addr) = 0;
	virtual void wr(uint64_t addr, uint32_t value) = 0;

	// tpu_hw_resync_ids: both id counters to 0, both statuses cleared.
	void resync();
	// ARRAYBASE i: the low word, and the high byte in its ARRAYBASE_H
	// (read-modify-write of the shared register).
	void set_arraybase(unsigned i, uint64_t base);
	// tpu_hw_fire_tiu: run the TIU chain at desc_addr until cmd_end.
	void fire_tiu(uint64_t desc_addr);
	// tpu_hw_fire_tdma: run count descriptors from desc_addr (64-byte
	// aligned; the register holds address >> 6).
	void fire_tdma(uint64_t desc_addr, uint32_t count);
};

} // namespace tpusim

#endif
