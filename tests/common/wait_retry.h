// SPDX-License-Identifier: Apache-2.0
//
// wait_retry.h - WAIT as cviruntime issues it: the ioctl gives up after the
// driver's timeout, and the runtime asks again while it answers -ETIMEDOUT.
#ifndef TPUSIM_TESTS_WAIT_RETRY_H
#define TPUSIM_TESTS_WAIT_RETRY_H

#include <cerrno>
#include <cstdint>

extern "C" {
#include "rt_session.h"
}

namespace tpusim {

// At most `tries` WAITs for seq; the last rt_wait() result (0 with the
// job's result in *ret, or -errno).
inline int wait_retry(rt_dev *dev, uint32_t seq, int *ret, int tries = 4)
{
	int rc = -ETIMEDOUT;

	while (tries-- > 0 && (rc = rt_wait(dev, seq, ret)) == -ETIMEDOUT)
		;
	return rc;
}

} // namespace tpusim

#endif
