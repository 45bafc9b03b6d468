// SPDX-License-Identifier: Apache-2.0
//
// platform.cpp - how each platform parameter (vocab/platform.h) reaches the
// simulated machine, and what it is when a scenario leaves it out.
#include "platform.h"

#include "runner.h"

namespace tpusim::scn {

namespace {

double ms(const sc_core::sc_time &t)
{
	return t.to_seconds() * 1e3;
}

double ns(const sc_core::sc_time &t)
{
	return t.to_seconds() * 1e9;
}

} // namespace

double platform_param(PlatformKey k, HostConfig &c, const double *set)
{
	switch (k) {
	case PlatformKey::chip:
		if (set)
			c.tpu.chip = *set != 0 ? Chip::cv180x : Chip::cv181x;
		return c.tpu.chip == Chip::cv180x;
	case PlatformKey::harts:
		if (set)
			c.os.harts = static_cast<unsigned>(*set);
		return c.os.harts;
	case PlatformKey::tpu_clock_mhz:
		if (set)
			c.tpu.clk_hz = *set * 1e6;
		return c.tpu.clk_hz / 1e6;
	case PlatformKey::dram_efficiency:
		if (set)
			c.tpu.dram_efficiency = *set;
		return c.tpu.dram_efficiency;
	case PlatformKey::mmio_latency_ns:
		if (set)
			c.os.mmio_latency = sc_core::sc_time(*set, sc_core::SC_NS);
		return ns(c.os.mmio_latency);
	case PlatformKey::irq_latency_ns:
		if (set)
			c.os.irq_latency = sc_core::sc_time(*set, sc_core::SC_NS);
		return ns(c.os.irq_latency);
	case PlatformKey::hang_window_ms:
		if (set)
			c.tpu.hang_window = sc_core::sc_time(*set, sc_core::SC_MS);
		return ms(c.tpu.hang_window);
	case PlatformKey::datapath:
		if (set)
			c.tpu.timing_only = *set != 0;
		return c.tpu.timing_only;
	case PlatformKey::regs:
		if (set)
			c.tpu.regs = *set != 0 ? RegImpl::rtl : RegImpl::cpp;
		return c.tpu.regs == RegImpl::rtl;
	case PlatformKey::driver: {
		const auto &words = driver_words();
		if (set)
			c.driver = words.at(static_cast<size_t>(*set));
		for (size_t i = 0; i < words.size(); i++)
			if (words[i] == c.driver)
				return static_cast<double>(i);
		return 0;
	}
	case PlatformKey::timeslice_ms:
		if (set)
			c.os.timeslice = sc_core::sc_time(*set, sc_core::SC_MS);
		return ms(c.os.timeslice);
	case PlatformKey::fail_nth:
		if (set)
			c.os.fail_nth = static_cast<uint64_t>(*set);
		return static_cast<double>(c.os.fail_nth);
	case PlatformKey::quantum_ns:
		if (set)
			c.os.quantum = sc_core::sc_time(*set, sc_core::SC_NS);
		return ns(c.os.quantum);
	}
	return 0;
}

void apply_platform(const Platform &p, HostConfig &c)
{
	for (const auto &[key, value] : p.set)
		platform_param(key, c, &value);
}

} // namespace tpusim::scn
