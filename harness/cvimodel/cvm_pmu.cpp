// SPDX-License-Identifier: Apache-2.0
//
// cvm_pmu.cpp - command buffers with a PMU buffer (cvm_pmu.h).
#include "cvm_pmu.h"

#include <cerrno>
#include <cstddef>

#include "tpu/dmabuf.h"

namespace tpusim::cvm {

int pmu_load_cmdbuf(rt_dev *dev, const rt_cmdbuf *cb, const uint64_t arraybase[TPU_NUM_ARRAYBASE], rt_buf *out)
{
	rt_build_opts opts = {};
	const long pmu = rt_pmubuf_size(cb), img = rt_dmabuf_size(cb);
	int rc;

	if (pmu < 0)
		return static_cast<int>(pmu);
	if (img < 0)
		return static_cast<int>(img);
	opts.pmubuf_size = static_cast<uint32_t>(pmu);
	if ((rc = rt_load_cmdbuf_opts(dev, cb, arraybase, &opts, out)))
		return rc;
	const std::vector<uint8_t> zeros(static_cast<size_t>(pmu), 0);
	if ((rc = rt_buf_write(out, static_cast<uint64_t>(img), zeros.data(), zeros.size())) ||
	    (rc = rt_buf_flush(dev, out, static_cast<uint64_t>(img), zeros.size())))
		rt_buf_free(out);
	return rc;
}

int pmu_read(rt_dev *dev, const rt_buf &cmd, PmuCapture &out)
{
	tpu_dma_hdr hdr;
	int rc;

	if ((rc = rt_buf_invalidate(dev, &cmd, 0, sizeof(hdr))) || (rc = rt_buf_read(&cmd, 0, &hdr, sizeof(hdr))))
		return rc;
	if (!hdr.pmubuf_offset || !hdr.pmubuf_size)
		return -EINVAL;
	out.clk_hz = hdr.tpu_clk_rate;
	out.buf.assign(hdr.pmubuf_size, 0);
	if ((rc = rt_buf_invalidate(dev, &cmd, hdr.pmubuf_offset, hdr.pmubuf_size)) ||
	    (rc = rt_buf_read(&cmd, hdr.pmubuf_offset, out.buf.data(), out.buf.size())))
		return rc;
	return 0;
}

} // namespace tpusim::cvm
