// SPDX-License-Identifier: Apache-2.0
//
// host.h - a whole simulated machine: the TPU model, the sim-OS, the
// drivers probed at boot, user processes, and an orderly shutdown that
// turns leftovers into findings.
//
// Boot runs in an init kernel thread (ion_drv_probe, tpu_drv_probe); user
// threads start once it is done.  When every user thread has ended, the
// shutdown thread exits all processes (closing their fds), removes the
// drivers and checks that nothing is left: kernel allocations, DMA pages,
// open files, enabled clocks.  Threads still blocked when the simulation
// runs out of events are a deadlock finding with each thread's state.
#ifndef TPUSIM_HARNESS_HOST_H
#define TPUSIM_HARNESS_HOST_H

#include <functional>
#include <string>
#include <vector>

#include <systemc>

#include "simos.h"
#include "tpu_top.h"
#include "vfs.h"

namespace tpusim {

// The TPU driver linked into this program, as a word of the platform
// parameter `driver` ("project" unless a driver says otherwise: the Linux
// API layer's entry defines tpusim_hosted_driver as "vendor").
extern "C" const char tpusim_hosted_driver[];

struct HostConfig {
	TpuConfig tpu;
	SimOsConfig os;
	// The driver the scenario asks for (platform `driver`); a program runs
	// only scenarios of its own driver (the runner refuses the others).
	std::string driver = tpusim_hosted_driver;
	bool probe_drivers = true;
	bool shutdown_checks = true;   // remove drivers and check for leaks at the end
};

class Host {
public:
	explicit Host(const HostConfig &cfg = HostConfig());

	TpuTop top;
	SimOs os;

	Process *process(const std::string &name);
	// A user thread in p running body after boot; its return value is its
	// exit code.
	SimThread *thread(Process *p, const std::string &name, std::function<int()> body);

	// Run until no events remain; then report blocked threads.  Returns
	// true when the run produced no findings.
	bool run(const sc_core::sc_time &limit = sc_core::SC_ZERO_TIME);
	// The last run() stopped at its limit with simulation activity left.
	bool capped() const { return capped_; }

	int probe_rc() const { return probe_rc_; }
	bool shut_down() const { return shut_down_; }
	// Findings, one per line (empty when clean).
	std::string report() const;

private:
	int init_main();
	int shutdown_main();

	HostConfig cfg_;
	std::vector<SimThread *> users_;
	sc_core::sc_event booted_;
	bool boot_done_ = false;
	int probe_rc_ = 0;
	bool ion_probed_ = false, tpu_probed_ = false;   // removed at shutdown
	bool capped_ = false;
	bool shut_down_ = false;
};

} // namespace tpusim

#endif
