// SPDX-License-Identifier: Apache-2.0
//
// cvm_pmu.h - a routine's command buffer with a PMU buffer, as the vendor
// runtime builds it with TPU_ENABLE_PMU=1 (silicon-timing 4.1): the buffer
// (rt_pmubuf_size) follows the dmabuf, the header's pmubuf_offset/size
// name it and the driver turns the PMU on for the job.  After the run the
// application reads the records and the header's tpu_clk_rate back
// (docs/pmu.md).
#ifndef TPUSIM_CVM_PMU_H
#define TPUSIM_CVM_PMU_H

#include <cstdint>
#include <vector>

extern "C" {
#include "rt_session.h"
}

namespace tpusim::cvm {

struct PmuCapture {
	std::vector<uint8_t> buf;   // the whole PMU buffer, records first
	uint32_t clk_hz = 0;        // header tpu_clk_rate, written by the driver after the run
};

// rt_load_cmdbuf with the PMU buffer, which is then zeroed (the stream ends
// at the first zero record) and flushed.  0 or a negative errno.
int pmu_load_cmdbuf(rt_dev *dev, const rt_cmdbuf *cb, const uint64_t arraybase[TPU_NUM_ARRAYBASE], rt_buf *out);

// After the run: invalidate and read the header and the PMU buffer.
int pmu_read(rt_dev *dev, const rt_buf &cmd, PmuCapture &out);

} // namespace tpusim::cvm

#endif
