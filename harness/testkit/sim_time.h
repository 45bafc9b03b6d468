// SPDX-License-Identifier: Apache-2.0
//
// sim_time.h - the virtual clock in seconds, for measuring how long a job
// or a WAIT took in simulated time (tests and bench_driver).
#ifndef TPUSIM_TESTKIT_SIM_TIME_H
#define TPUSIM_TESTKIT_SIM_TIME_H

#include <systemc>

namespace tpusim {

inline double now_s()
{
	return sc_core::sc_time_stamp().to_seconds();
}

} // namespace tpusim

#endif
