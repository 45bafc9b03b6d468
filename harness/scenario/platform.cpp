// SPDX-License-Identifier: Apache-2.0
//
// platform.cpp - how each platform parameter (vocab/platform.h) reaches the
// simulated machine, and what it is when a scenario leaves it out.
#include "platform.h"

#include "runner.h"

namespace tpusim::scn {

namespace {

// A parameter held as it is: set, then read back.
template <typename T> double plain_param(T &v, const double *set)
{
	if (set)
		v = static_cast<T>(*set);
	return static_cast<double>(v);
}

// A time parameter counted in unit (SC_MS or SC_NS): set, then read back.
double time_param(sc_core::sc_time &t, const double *set, sc_core::sc_time_unit unit)
{
	if (set)
		t = sc_core::sc_time(*set, unit);
	return t.to_seconds() * (unit == sc_core::SC_MS ? 1e3 : 1e9);
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
		return plain_param(c.os.harts, set);
	case PlatformKey::tpu_clock_mhz:
		if (set)
			c.tpu.clk_hz = *set * 1e6;
		return c.tpu.clk_hz / 1e6;
	case PlatformKey::dram_efficiency:
		return plain_param(c.tpu.dram_efficiency, set);
	case PlatformKey::mmio_latency_ns:
		return time_param(c.os.mmio_latency, set, sc_core::SC_NS);
	case PlatformKey::irq_latency_ns:
		return time_param(c.os.irq_latency, set, sc_core::SC_NS);
	case PlatformKey::hang_window_ms:
		return time_param(c.tpu.hang_window, set, sc_core::SC_MS);
	case PlatformKey::datapath:
		return plain_param(c.tpu.timing_only, set);
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
		return time_param(c.os.timeslice, set, sc_core::SC_MS);
	case PlatformKey::fail_nth:
		return plain_param(c.os.fail_nth, set);
	case PlatformKey::quantum_ns:
		return time_param(c.os.quantum, set, sc_core::SC_NS);
	}
	return 0;
}

void apply_platform(const Platform &p, HostConfig &c)
{
	for (const auto &[key, value] : p.set)
		platform_param(key, c, &value);
}

} // namespace tpusim::scn
