// SPDX-License-Identifier: Apache-2.0
//
// load_sections.h - the section loaders of the scenario loader (internal).
// load.cpp reads the top level and calls these in order: platform, jobs,
// processes (threads, steps, step faults), timed faults, expectations, and
// finally the cross-references that need the whole file.
#ifndef TPUSIM_SCENARIO_LOAD_SECTIONS_H
#define TPUSIM_SCENARIO_LOAD_SECTIONS_H

#include <map>
#include <set>
#include <string>
#include <vector>

#include "load_yaml.h"

namespace tpusim::scn::load {

// Names the file declares, kept even when their definitions have errors so
// that one mistake is not reported again at every reference.
struct Declared {
	std::set<std::string> jobs;
	// The 'jobs' section itself had errors: job names may be missing.
	bool jobs_incomplete = false;
};

// A "process/thread" reference (signal and corrupt_output targets),
// checked once every process is known.
struct ThreadRef {
	std::string target;
	Mark mark;
};

// Every thread that takes part in a barrier.
struct BarrierUse {
	Mark first;
	std::string first_thread;
	std::set<std::string> threads;
	uint64_t participants = 0;
};

struct Refs {
	std::vector<ThreadRef> threads;
	std::map<std::string, BarrierUse> barriers;
	// The 'processes' section had errors: threads may be missing, so
	// references and barrier counts are not judged.
	bool processes_incomplete = false;
};

// What a <value> may name: the enclosing repeat variables, and in a thread
// the built-ins $thread and $process.
struct Scope {
	std::vector<std::string> vars;
	bool in_thread = false;
};

void load_platform(Ctx &c, const Node *n, Platform &out);
void load_jobs(Ctx &c, const Node *n, const Platform &pf, std::map<std::string, Job> &out,
	       Declared &decl);
void load_processes(Ctx &c, const Node *n, const Declared &decl, Refs &refs,
		    std::vector<Process> &out);
// A <value>: a literal seq_no or a variable in scope plus an offset.
bool get_value(Ctx &c, const Node *n, const std::string &what, const Scope &sc, Value &out);
// A fault mapping: timed (top-level 'faults', with 'at') or a step.
bool load_fault(Ctx &c, const Node *n, bool timed, const Scope &sc, Refs &refs, Fault &out);
// by_driver: where the per-driver blocks go (null inside such a block).
void load_expectations(Ctx &c, const Node *n, Expectations &out,
		       std::map<std::string, Expectations> *by_driver);
// Cross-references that need every process: signal / corrupt_output
// targets, barrier participants.
void check_refs(Ctx &c, const std::vector<Process> &procs, const Refs &refs);

// Per-lane LMEM bytes of a u8 tensor in the EU-aligned layout.
uint64_t lane_bytes(uint64_t n, uint64_t ch, uint64_t h, uint64_t w, unsigned lanes);
unsigned chip_lanes(const std::string &chip);

} // namespace tpusim::scn::load

#endif
