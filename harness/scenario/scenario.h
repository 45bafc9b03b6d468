// SPDX-License-Identifier: Apache-2.0
//
// scenario.h - a scenario in memory: what the YAML loader produces and the
// runner executes (docs/scenarios.md is the language reference).
//
// A scenario declares a platform, named jobs (TPU work built from
// descriptor-builder operations on named tensors, with input data; the
// expected output is computed by the runner's host reference), processes
// with threads, each thread a list of steps, faults at given times, and
// end-of-run expectations.  Every element keeps the YAML mark it came
// from, so the runner can name the step that failed.
#ifndef TPUSIM_SCENARIO_H
#define TPUSIM_SCENARIO_H

#include <regex.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "build_flags.h"
#include "checkers.h"
#include "counters.h"
#include "faults.h"
#include "ops.h"
#include "platform.h"
#include "steps.h"
#include "table.h"
#include "triggers.h"

namespace tpusim::scn {

// Position in a scenario file, 1-based (0 = unknown).
struct Mark {
	std::string file;
	int line = 0;
	int col = 0;
};

// "file:line:col: error: message"
struct Diag {
	Mark mark;
	std::string message;
	std::string str() const;
};

// ---- platform ---------------------------------------------------------

// Only what the file sets; every other parameter keeps the model's and the
// sim-OS's documented default (vocab/platform.h).
struct Platform {
	std::map<PlatformKey, double> set;  // choices: the word's index
	bool has(PlatformKey k) const { return set.count(k) != 0; }
	double get(PlatformKey k, double dflt) const
	{
		auto it = set.find(k);
		return it == set.end() ? dflt : it->second;
	}
	std::string chip() const { return get(PlatformKey::chip, 0) != 0 ? "cv180x" : "cv181x"; }
};

// ---- jobs -------------------------------------------------------------

// Data for an input tensor.
struct Data {
	enum class Kind { ramp, random, fill, values } kind = Kind::ramp;
	uint64_t seed = 0;                  // ramp start / random seed
	int64_t fill = 0;
	std::vector<int64_t> values;        // exactly n*c*h*w
	Mark mark;
};

// A DRAM tensor of the job (an input with data, or an output).
struct Tensor {
	std::string name;
	uint32_t n = 1, c = 1, h = 1, w = 1;
	bool is_signed = false;             // type: i8 | u8
	bool output = false;
	Data data;                          // inputs only
	Mark mark;
};

// One operation of a job, in program order.  load/store move a DRAM
// tensor to/from an LMEM tensor of the same name (or `to`); the TIU ops
// compute LMEM tensor `res` from `a` and `b` (b may be a scalar).
struct Op {
	enum class Kind {
#define TPUSIM_X(id, ...) id,
		TPUSIM_OPS(TPUSIM_X)
#undef TPUSIM_X
	} kind = Kind::load;
	std::string tensor;                 // load: DRAM tensor (LMEM name is the same)
	std::string res, a, b;              // TIU operands (LMEM names)
	std::string from, to;               // store
	bool b_is_scalar = false;
	int64_t b_scalar = 0;
	unsigned rshift = 0;
	unsigned lshift = 0;                // mac
	bool relu = false;
	Mark mark;
};

enum class BuildFlag {
#define TPUSIM_X(id, ...) id,
	TPUSIM_BUILD_FLAGS(TPUSIM_X)
#undef TPUSIM_X
};

// Deliberately broken command-buffer builds (runtime bugs).
struct BuildFlags {
	std::set<BuildFlag> on;
	bool has(BuildFlag f) const { return on.count(f) != 0; }
};

struct Job {
	std::string name;
	std::vector<Tensor> tensors;
	std::vector<Op> ops;
	unsigned repeat_ops = 1;            // run the op list this many times (longer jobs)
	bool cached = false;                // cached ION buffers (cache-coherence checking)
	// Tensors in their own ION buffer instead of after the command buffer:
	// the driver then holds no reference on them, so freeing them while
	// the job is in flight is a user bug the DMA checker must catch.
	bool separate_data = false;
	// Where the tensor data starts in its buffer: page-aligned, on a
	// cache line past the page, or 16 bytes into a line (the 16-byte
	// alignment device allocations get; no rule asks more of a plain
	// tensor).  `mid` puts the start and the end of every cache
	// maintenance range mid-line.  Default: mid for a cached job, page
	// otherwise (loader).
	enum class Align { page, line, mid };
	Align align = Align::page;
	BuildFlags build;
	Mark mark;
};

// ---- steps ------------------------------------------------------------

// An integer that may name a loop variable: "$i", "$i+100", or a literal.
struct Value {
	std::string var;                    // empty: literal
	int64_t add = 0;                    // literal value, or offset added to var
	Mark mark;
};

struct Expect {
	enum class Kind {
		ok,         // call returns 0 (wait: and the job result is 0, data checked)
		error,      // call returns -err
		timeout,    // wait: -ETIMEDOUT
		job_error,  // wait: returns 0 with job result -err
		any,        // not checked
	} kind = Kind::ok;
	int err = 0;                        // positive errno value
	Mark mark;
};

// Argument of a raw ioctl.
struct IoctlArg {
	enum class Kind { null, wild, bytes, job_fd, fd_ptr } kind = Kind::null;
	std::vector<uint8_t> bytes;         // copied to user memory, address passed
	uint64_t wild = 0xdead0000;         // an unmapped user address
	std::string fd_var;                 // fd_ptr: pointer to an int holding this fd
	Value seq;                          // job_fd: the cmdbuf fd of this job's instance
};

// check: of an ioctl with {bytes: [...]}: after a call that returned >= 0,
// the little-endian unsigned integer of `size` bytes at `offset` of the
// argument must lie in [min, max].
struct IoctlCheck {
	bool on = false;
	unsigned offset = 0, size = 8;
	uint64_t min = 0, max = UINT64_MAX;
	Mark mark;
};

// The event a fault is armed on (`on:`): the `count`-th such event after
// the fault is armed fires it (vocab/triggers.h).
struct Trigger {
	enum class Kind {
#define TPUSIM_X(id, ...) id,
		TPUSIM_TRIGGERS(TPUSIM_X)
#undef TPUSIM_X
	} kind = Kind::descriptor;
	enum class Access { any, read, write };
	enum class Qualifier {
#define TPUSIM_X(id, ...) id,
		TPUSIM_TRIGGER_QUALIFIERS(TPUSIM_X)
#undef TPUSIM_X
	};
	std::string engine;                 // descriptor, engine_start, irq_rise: tdma | tiu
	std::string reg;                    // mmio: "block.REG" as written
	unsigned reg_block = 0;             // mmio: index in tpu_regblk_all
	uint32_t reg_offset = 0;
	Access access = Access::any;
	unsigned count = 1;
	unsigned from_end = 0;              // descriptor with seq: counted from the job's end
	bool has_seq = false;               // descriptor: only that job instance's
	Value seq;
	std::string thread;                 // descriptor: the instance's thread; in_driver: the thread
	Mark mark;
};

struct Fault {
	enum class Kind {
#define TPUSIM_X(id, ...) id,
		TPUSIM_FAULTS(TPUSIM_X)
#undef TPUSIM_X
	} kind = Kind::drop_irq;
	double at_ms = -1;                  // timed event: when; step: -1
	unsigned count = 1;
	std::string engine = "tiu";         // hang: tdma | tiu
	double duration_ms = 0;
	uint32_t bits = 0;
	double factor = 1;
	std::string thread;                 // signal target ("process/thread")
	Value seq;                          // corrupt_output: the job instance's seq_no
	bool armed = false;                 // `on:` given: fires on that event, not now
	Trigger on;
	Mark mark;
};

struct Step {
	enum class Kind {
#define TPUSIM_X(id, ...) id,
		TPUSIM_STEPS(TPUSIM_X)
#undef TPUSIM_X
	} kind = Kind::sleep;
	std::string dev, var, as, fd, job, barrier;
	Value seq;
	double duration_ms = 0;
	unsigned retries = 0;               // wait: extra WAITs while -ETIMEDOUT
	// took: bounds on the step's simulated duration (-1: unbounded).
	double took_min_ms = -1, took_max_ms = -1;
	// took: {<driver>: {min, max}, default: ...}: (min, max) per driver,
	// resolved by for_driver() as expect_by_driver is.
	std::map<std::string, std::pair<double, double>> took_by_driver;
	Mark took_mark;
	uint64_t size = 0;                  // alloc; read, write: bytes
	bool cached = false;                // alloc
	uint32_t ioctl_cmd = 0;
	IoctlArg ioctl_arg;
	IoctlCheck ioctl_check;
	// write: {text: ...}: these bytes instead of `size` zeros; read:
	// {match: ...}: the POSIX extended regex the bytes read must match.
	// match_re is match as the loader compiled it (a bad one is an error
	// at its line), shared by the copies of the step.
	std::string text, match;
	std::shared_ptr<const regex_t> match_re;
	bool has_text = false;
	Fault fault;
	unsigned count = 0;                 // repeat; model: iterations
	std::vector<Step> body;             // repeat
	std::string model_file;             // model: the resolved path
	bool model_zeros = false;           // model: zero inputs (else seeded random)
	uint64_t model_seed = 1;            // model: seed of the random inputs; client: clock() base
	std::string client_program;         // client: a module name, or a resolved path
	std::vector<std::string> client_args;
	std::string client_fail_on;
	Expect expect;
	// expect: {<driver>: ..., default: ...}: what the step expects on each
	// driver (platform `driver` words; "default" for the others, whose
	// own default is ok).  Empty: `expect` holds on every driver.
	std::map<std::string, Expect> expect_by_driver;
	Mark mark;
};

struct Thread {
	std::string name;
	unsigned count = 1;                 // replicas: name.0, name.1, ...
	std::vector<Step> steps;
	Mark mark;
};

struct Process {
	std::string name;
	unsigned count = 1;                 // replicas
	std::vector<Thread> threads;
	Mark mark;
};

// ---- end of run -------------------------------------------------------

// A counter bounded by the scenario (expect.counters).
struct CounterBound {
	Counter counter = Counter::tdma_errors;
	uint64_t lo = 0, hi = UINT64_MAX;
	Mark mark;
};

struct Expectations {
	// Checkers that must fire (exactly this set, ignoring repeats).
	// Empty = the run must be clean.
	std::vector<Checker> findings;
	std::vector<std::string> log_contains;   // driver log lines (warn or above)
	double max_sim_time_ms = 0;              // 0 = unchecked
	std::vector<CounterBound> counters;
	Mark mark;
};

struct Scenario {
	int schema = 1;
	std::string name;
	std::string description;
	std::string file;
	Platform platform;
	uint64_t seed = 1;
	// Schedule perturbation probability used by --schedules (0..1).
	double perturb = 0.05;
	// Run only against a driver built with this mutant (tests/mutants);
	// empty for the normal driver.
	std::string requires_mutant;
	// Its expected findings come from the sim-OS's own checks of the
	// driver (kernel heap shadow, register windows): a tpusim built with
	// ASan + UBSan, whose reports on the driver stop the run first, skips
	// it.
	bool unsanitized_only = false;
	// A recorded schedule (replay: FILE): the run switches threads exactly
	// at these decision points instead of exploring.
	bool has_replay = false;
	std::vector<uint64_t> replay_switches;
	std::map<std::string, Job> jobs;
	std::vector<Process> processes;
	std::vector<Fault> faults;               // timed (at_ms >= 0), or armed then (`on:`)
	Expectations expect;
	// expect: {..., <driver>: {...}}: the end-of-run expectations on that
	// driver (the keys given there replace the common ones).
	std::map<std::string, Expectations> expect_by_driver;
	Mark mark;
};

// Load and validate a scenario file.  On failure returns false with one
// or more diagnostics (each "file:line:col: error: ..."); never throws,
// never crashes, whatever the input.
bool load_scenario(const std::string &path, Scenario &out, std::vector<Diag> &diags);
// Same, from a string (path is used in the marks).
bool load_scenario_text(const std::string &text, const std::string &path, Scenario &out,
			std::vector<Diag> &diags);

// The vocabulary tables (harness/vocab), indexed by the enums above.
const Table<Step::Kind, StepInfo> &step_table();
const Table<Fault::Kind, FaultInfo> &fault_table();
const Table<Trigger::Kind, TriggerInfo> &trigger_table();
const Table<Trigger::Qualifier, TriggerQualifierInfo> &trigger_qualifier_table();
const Table<Op::Kind, OpInfo> &op_table();
const Table<PlatformKey, PlatformInfo> &platform_table();
// The scenario as it runs on `driver` (a word of the platform parameter
// `driver`): every per-driver expectation resolved to that driver's.
Scenario for_driver(const Scenario &s, const std::string &driver);
// The words of a choice parameter, in value order.
std::vector<std::string> platform_choices(const PlatformInfo &p);
// The words of the platform parameter `driver`, parsed once; the first is
// tpusim's own driver (the default).
const std::vector<std::string> &driver_words();
const Table<Counter, CounterInfo> &counter_table();
const Table<BuildFlag, BuildFlagInfo> &build_flag_table();

} // namespace tpusim::scn

#endif
