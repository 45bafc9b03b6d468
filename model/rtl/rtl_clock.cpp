// SPDX-License-Identifier: Apache-2.0
//
// rtl_clock.cpp - waveform time from SystemC time.  Kept apart from the
// Verilated headers, which change meaning when SystemC is included first.
#include "rtl_clock.h"

#include <systemc>

namespace tpusim {

uint64_t rtl_clock_ps(uint64_t &last_ps)
{
	uint64_t now = sc_core::sc_time_stamp().value() / sc_core::sc_time(1, sc_core::SC_PS).value();

	last_ps = now > last_ps ? now : last_ps + 1;
	return last_ps;
}

} // namespace tpusim
