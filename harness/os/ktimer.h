// SPDX-License-Identifier: Apache-2.0
//
// ktimer.h - the sim-OS's kernel timers (osal_timer_*, ktimer.cpp), seen
// from the host.
#ifndef TPUSIM_HARNESS_KTIMER_H
#define TPUSIM_HARNESS_KTIMER_H

#include <cstddef>

namespace tpusim {

// Dequeues every timer still pending and returns how many there were.
// After driver removal a pending timer would run its callback in freed
// module memory on Linux; here a periodic one would also keep the
// simulation from running out of events.
size_t cancel_pending_timers();

} // namespace tpusim

#endif
