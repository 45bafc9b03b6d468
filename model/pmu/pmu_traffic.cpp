// SPDX-License-Identifier: Apache-2.0
//
// pmu_traffic.cpp - bursts and beats of a TDMA descriptor (pmu_traffic.h).
#include "pmu_traffic.h"

#include "tpu/hwcfg.h"

namespace tpusim {

static constexpr uint64_t kBurstBeats = 16;
static constexpr uint64_t kBoundary = 4096;   // no burst crosses 4 KiB

PmuTraffic::Count PmuTraffic::run_count(uint64_t addr, uint64_t len)
{
	Count c;

	if (!len)
		return c;
	uint64_t lo = addr / TPU_AXI_BYTES * TPU_AXI_BYTES;
	const uint64_t hi = (addr + len + TPU_AXI_BYTES - 1) / TPU_AXI_BYTES * TPU_AXI_BYTES;

	c.beats = (hi - lo) / TPU_AXI_BYTES;
	while (lo < hi) {
		const uint64_t page_end = (lo / kBoundary + 1) * kBoundary;
		const uint64_t end = hi < page_end ? hi : page_end;
		const uint64_t beats = (end - lo) / TPU_AXI_BYTES;

		c.bursts += (beats + kBurstBeats - 1) / kBurstBeats;
		lo = end;
	}
	return c;
}

kmem_dram PmuTraffic::wrap(const kmem_dram &inner)
{
	inner_ = inner;
	ops_.read = inner.ops && inner.ops->read ? read_cb : nullptr;
	ops_.write = inner.ops && inner.ops->write ? write_cb : nullptr;
	ops_.probe = inner.ops && inner.ops->probe ? probe_cb : nullptr;
	ops_.touch = inner.ops && inner.ops->touch ? touch_cb : nullptr;
	return kmem_dram{&ops_, this};
}

void PmuTraffic::close(int write)
{
	Run &r = run_[write];

	if (!r.open)
		return;
	const Count c = run_count(r.start, r.end - r.start);
	side_[write].bursts += c.bursts;
	side_[write].beats += c.beats;
	r.open = false;
}

void PmuTraffic::finish()
{
	close(0);
	close(1);
}

void PmuTraffic::note(int write, uint64_t addr, size_t len)
{
	Run &r = run_[write];

	if (r.open && addr == r.end) {
		r.end += len;
		return;
	}
	close(write);
	r.start = addr;
	r.end = addr + len;
	r.open = true;
}

int PmuTraffic::read_cb(void *ctx, uint64_t addr, void *dst, size_t len)
{
	auto *t = static_cast<PmuTraffic *>(ctx);
	const int rc = t->inner_.ops->read(t->inner_.ctx, addr, dst, len);

	if (!rc)
		t->note(0, addr, len);
	return rc;
}

int PmuTraffic::write_cb(void *ctx, uint64_t addr, const void *src, size_t len)
{
	auto *t = static_cast<PmuTraffic *>(ctx);
	const int rc = t->inner_.ops->write(t->inner_.ctx, addr, src, len);

	if (!rc)
		t->note(1, addr, len);
	return rc;
}

int PmuTraffic::probe_cb(void *ctx, uint64_t addr, size_t len)
{
	auto *t = static_cast<PmuTraffic *>(ctx);

	return t->inner_.ops->probe(t->inner_.ctx, addr, len);
}

int PmuTraffic::touch_cb(void *ctx, uint64_t addr, size_t len, int write)
{
	auto *t = static_cast<PmuTraffic *>(ctx);
	const int rc = t->inner_.ops->touch(t->inner_.ctx, addr, len, write);

	if (!rc)
		t->note(write ? 1 : 0, addr, len);
	return rc;
}

} // namespace tpusim
