// SPDX-License-Identifier: Apache-2.0
//
// rtl_clock.h - the time stamp of an RTL waveform sample.
//
// All clock edges of a register access happen at one simulated instant;
// a VCD cannot hold two samples at the same time, so each sample takes
// the simulated time in ps, or 1 ps after the previous sample when that
// is later.  Waveforms stay aligned with tpusim's own VCD to within the
// few ps a burst of accesses needs.
#ifndef TPUSIM_MODEL_RTL_CLOCK_H
#define TPUSIM_MODEL_RTL_CLOCK_H

#include <cstdint>

namespace tpusim {

uint64_t rtl_clock_ps(uint64_t &last_ps);

} // namespace tpusim

#endif
