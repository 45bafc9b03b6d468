// SPDX-License-Identifier: Apache-2.0
//
// test_job.h - one small job on the TPU as user space builds and runs it
// (harness/runtime), with its expected output known to the host: what the
// driver suites, the fuzzers and bench_driver submit.
#ifndef TPUSIM_TESTKIT_TEST_JOB_H
#define TPUSIM_TESTKIT_TEST_JOB_H

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" {
#include "rt_cmdbuf.h"
#include "rt_session.h"
}

namespace tpusim {

// Load a (1, 8, h, w) uint8 tensor from the input buffer into LMEM, add a
// constant on the TIU (saturating), store it to the output buffer.  Input
// bytes come from a seed, so every job's expected output is known to the
// host: min(255, in + addend).  Run from a simulated user thread.
struct TestJob {
	rt_buf cmd{}, in{}, out{};
	uint32_t h = 4, w = 16;
	uint8_t seed = 1, addend = 1;
	bool cached = false;        // input and output buffers cached
	bool flush_input = true;    // the runtime's flush of the input
	std::vector<uint8_t> input; // never 0 (cache tests tell stale zeros apart)

	size_t bytes() const { return 8u * h * w; }
	// Allocate the buffers, write the input, build and load the cmdbuf
	// (opts may be NULL).  0 or -errno.  The command buffer is always
	// cached, as rt_load_cmdbuf makes it (cviruntime builds it so).
	int prepare(rt_dev *dev, const rt_build_opts *opts = nullptr);
	// SUBMIT and WAIT; 0 when the job itself succeeded, else its error.
	int run(rt_dev *dev, uint32_t seq);
	// Read the output (after an invalidate unless told not to); true when
	// it equals the reference.
	bool output_ok(rt_dev *dev, bool invalidate = true);
	void release();
};

} // namespace tpusim

#endif
