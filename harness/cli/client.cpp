// SPDX-License-Identifier: Apache-2.0
//
// client.cpp - `tpusim client PROGRAM [ARGS]`: one client program as the
// only user process of a fresh machine, its output as it comes, then its
// verdict, what it did and the checkers' findings; with --ops, the TIU
// operations and TDMA modes its descriptors used (op_census.h).
//
// Exit status 2 when the program cannot be loaded (nothing ran), 1 when it
// failed (exit status, --fail-on, a checker finding, an engine error),
// else 0.
#include <cstdio>

#include "cl_client.h"
#include "cli.h"
#include "host.h"
#include "op_census.h"

namespace tpusim::cli {

namespace {

// The run belongs to the program that hosts the driver asked for.
int hand_over(const Args &a, const std::string &driver)
{
	std::vector<std::string> v = {driver_program(driver), "client", "--driver", driver};
	if (a.has(Option::seed))
		v.insert(v.end(), {"--seed", std::to_string(a.seed)});
	if (a.has(Option::fail_on))
		v.insert(v.end(), {"--fail-on", a.fail_on});
	for (Checker c : a.disabled)
		v.insert(v.end(), {"--disable-checker", checker_name(c)});
	if (a.has(Option::ops))
		v.push_back("--ops");
	if (a.has(Option::ops_all))
		v.push_back("--ops-all");
	v.push_back(a.paths[0]);
	v.insert(v.end(), a.client_args.begin(), a.client_args.end());
	return exec_driver_program(std::move(v), driver);
}

} // namespace

int client(const Args &a)
{
	if (a.drivers.size() > 1) {
		fprintf(stderr, "tpusim client: one --driver at a time\n");
		return 2;
	}
	if (!a.drivers.empty() && a.drivers[0] != tpusim_hosted_driver)
		return hand_over(a, a.drivers[0]);

	sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
	sc_core::sc_report_handler::set_actions("tpusim/hang", sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
	client::ClientSpec spec;
	spec.program = a.paths[0];
	spec.args = a.client_args;
	spec.fail_pattern = a.fail_on;
	spec.clock_base = a.has(Option::seed) ? a.seed : 0;
	spec.echo = true;
	if (client::find_client(spec.program).empty()) {
		fprintf(stderr, "tpusim client: %s; docs/clients.md\n", client::no_client(spec.program).c_str());
		return 2;
	}
	fflush(stdout);

	auto *host = new Host(HostConfig());   // immortal: SystemC objects live until exit
	OpCensusWatch *ops = nullptr;
	if (a.has(Option::ops)) {
		ops = new OpCensusWatch(host->top.dram);   // immortal like the machine it watches
		host->top.observers().add(ops);
	}
	client::ClientResult r;
	host->thread(host->process("client"), "main", [&]() {
		r = client::run_client(spec);
		return r.status;
	});
	host->run();

	const EngineStats &td = host->top.tdma.stats(), &ti = host->top.tiu.stats();
	printf("client    %s on the %s driver: exit status %d; %llu calls (%llu ioctls), %llu bytes stored\n",
	       spec.program.c_str(), tpusim_hosted_driver, r.status, static_cast<unsigned long long>(r.calls),
	       static_cast<unsigned long long>(r.ioctls), static_cast<unsigned long long>(r.bytes_pushed));
	printf("engines   %llu TDMA + %llu TIU descriptors, %llu TDMA / %llu TIU errors, %llu / %llu timed only; "
	       "%.3f ms simulated\n",
	       static_cast<unsigned long long>(td.descriptors), static_cast<unsigned long long>(ti.descriptors),
	       static_cast<unsigned long long>(td.errors), static_cast<unsigned long long>(ti.errors),
	       static_cast<unsigned long long>(td.not_executed), static_cast<unsigned long long>(ti.not_executed),
	       sc_core::sc_time_stamp().to_seconds() * 1e3);
	if (ops)
		print_op_census(ops->census(), 1, a.has(Option::ops_all));
	std::vector<std::string> findings;
	for (const auto &f : host->os.findings().list())
		if (!a.disabled.count(f.id))
			findings.push_back(f.checker + ": " + f.message);
	for (const std::string &f : findings)
		printf("finding   %s\n", f.c_str());
	if (!r.loaded) {
		printf("FAIL      %s\n", r.failure.c_str());
		return 2;
	}
	const std::string why = !r.failure.empty() ? r.failure
				: !findings.empty()  ? "checker findings"
				: td.errors || ti.errors ? "engine errors"
							  : "";
	if (!why.empty()) {
		printf("FAIL      %s: %s\n", spec.program.c_str(), why.c_str());
		return 1;
	}
	printf("PASS      %s\n", spec.program.c_str());
	return 0;
}

} // namespace tpusim::cli
