// SPDX-License-Identifier: Apache-2.0
//
// test_job.cpp - TestJob (test_job.h).
#include "test_job.h"

#include <cerrno>

extern "C" {
#include "rt_desc.h"
#include "tpu/hwcfg.h"
}

namespace tpusim {

int TestJob::prepare(rt_dev *dev, const rt_build_opts *opts)
{
	uint64_t base[8] = {0};
	rt_tensor gin, gout, la, lb;
	tdma_desc ld, st;
	tiu_desc add;
	rt_tiu_eltwise_args e = {};
	int rc;

	input.resize(bytes());
	for (size_t i = 0; i < input.size(); i++)
		input[i] = static_cast<uint8_t>(seed * 31 + i * 7 + 1) | 1;
	if ((rc = rt_buf_alloc(dev, bytes(), cached, &in)) ||
	    (rc = rt_buf_alloc(dev, bytes(), cached, &out)))
		return rc;
	if ((rc = rt_buf_write(&in, 0, input.data(), input.size())))
		return rc;
	if (flush_input && (rc = rt_buf_flush(dev, &in, 0, input.size())))
		return rc;

	// Global tensors relative to array bases 2 (input) and 3 (output), as
	// the runtime's run_cmdbuf_ex places model inputs and outputs.
	rt_tensor_global(&gin, 0, 2, 1, 8, h, w);
	rt_tensor_global(&gout, 0, 3, 1, 8, h, w);
	rt_tensor_local(&la, 0, 1, 8, h, w, TPU_CV181X_LANES, true);
	rt_tensor_local(&lb, rt_tensor_local_lane_bytes(&la), 1, 8, h, w, TPU_CV181X_LANES, true);
	rt_tdma_tensor_copy(&ld, TDMA_DESC_TRANS_DIR_G2L, &gin, &la);
	e.op = TIU_DESC_TSK_EU_TYP_ADD;
	e.res = &lb;
	e.a = &la;
	e.b_is_const = true;
	e.b_const = addend;
	rt_tiu_eltwise(&add, &e);
	rt_tdma_tensor_copy(&st, TDMA_DESC_TRANS_DIR_L2G, &lb, &gout);

	rt_cmdbuf *cb = rt_cmdbuf_create();
	if (!cb)
		return -ENOMEM;
	if ((rc = rt_cmdbuf_tdma(cb, &ld)) < 0 || (rc = rt_cmdbuf_tiu(cb, &add)) < 0 ||
	    (rc = rt_cmdbuf_tdma(cb, &st)) < 0) {
		rt_cmdbuf_destroy(cb);
		return rc;
	}
	base[2] = in.paddr;
	base[3] = out.paddr;
	rc = rt_load_cmdbuf_opts(dev, cb, base, opts, &cmd);
	rt_cmdbuf_destroy(cb);
	return rc;
}

int TestJob::run(rt_dev *dev, uint32_t seq)
{
	int ret = 1, rc = rt_submit(dev, &cmd, seq);

	if (!rc)
		rc = rt_wait(dev, seq, &ret);
	return rc ? rc : ret;
}

bool TestJob::output_ok(rt_dev *dev, bool invalidate)
{
	std::vector<uint8_t> got(bytes());

	if (invalidate && rt_buf_invalidate(dev, &out, 0, got.size()))
		return false;
	if (rt_buf_read(&out, 0, got.data(), got.size()))
		return false;
	for (size_t i = 0; i < got.size(); i++) {
		unsigned want = input[i] + addend;

		if (got[i] != (want > 255 ? 255 : want))
			return false;
	}
	return true;
}

void TestJob::release()
{
	for (rt_buf *b : {&cmd, &in, &out})
		if (b->size && b->fd >= 0)
			rt_buf_free(b);
}

} // namespace tpusim
