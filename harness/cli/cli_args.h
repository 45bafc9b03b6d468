// SPDX-License-Identifier: Apache-2.0
//
// cli_args.h - tpusim's commands and options, each defined once: the usage
// text, the parser and its error messages come from these two tables.
#ifndef TPUSIM_CLI_ARGS_H
#define TPUSIM_CLI_ARGS_H

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "checkers.h"

// X(id, "name", "operands", "what it does")
#define TPUSIM_CLI_COMMANDS(X)                                                                      \
	X(run, "run", "<scenario files or folders>",                                                \
	  "run every scenario (folders recursively), print a summary; exit 1 if one failed")       \
	X(check, "check", "<scenario files or folders>",                                            \
	  "validate only: file:line:col errors, exit 2 if one is invalid")                          \
	X(list, "list", "<scenario files or folders>",                                              \
	  "names and descriptions; --cmake prints the CTest registration of each")                  \
	X(shrink, "shrink", "<scenario file>",                                                      \
	  "shrink a failing schedule (--schedule K) to the fewest thread switches that still fail " \
	  "the same way, as a replay file")                                                         \
	X(docs, "docs", "<docs folder>",                                                            \
	  "the vocabulary tables of docs/*.md: --check (fail if stale) or --write")                 \
	X(model, "model", "<file.cvimodel>",                                                        \
	  "run a tpu-mlir cv181x model through the runtime and the driver: print it, run it, "      \
	  "print the simulated inference time; exit 2 on a bad file, 1 when the run fails "        \
	  "(docs/models.md)")                                                                        \
	X(pmu, "pmu", "<PMU buffer file>",                                                          \
	  "decode a raw PMU buffer (16-byte records, e.g. from 'tpusim model --pmu FILE.bin') "     \
	  "into the vendor runtime's summary; exit 2 on a bad file (docs/pmu.md)")                  \
	X(client, "client", "<program> [program arguments]",                                        \
	  "run a client program (a module relinked for tpusim, e.g. the vendor's operator tests) "  \
	  "as a simulated user process on a fresh machine: its output, the verdict, the checkers' " \
	  "findings; exit 1 when it fails, 2 when it cannot be loaded (docs/clients.md)")

// Which commands take an option.
#define TPUSIM_CLI_RUN 1u
#define TPUSIM_CLI_CHECK 2u
#define TPUSIM_CLI_LIST 4u
#define TPUSIM_CLI_SHRINK 8u
#define TPUSIM_CLI_DOCS 16u
#define TPUSIM_CLI_MODEL 32u
#define TPUSIM_CLI_PMU 64u
#define TPUSIM_CLI_CLIENT 128u

// X(id, "--long", "-s" or "", "ARG" or "", commands, "help")
#define TPUSIM_CLI_OPTIONS(X)                                                                       \
	X(seed, "--seed", "", "S", TPUSIM_CLI_RUN | TPUSIM_CLI_SHRINK | TPUSIM_CLI_MODEL | TPUSIM_CLI_CLIENT, \
	  "seed of every run (default: each scenario's own; model: of random inputs, default 1; "  \
	  "client: what its clock() starts at, default 0)")                                        \
	X(schedules, "--schedules", "", "N", TPUSIM_CLI_RUN,                                        \
	  "explore N schedules per scenario (0 is unperturbed); stop at the first failure")        \
	X(schedule, "--schedule", "", "K", TPUSIM_CLI_RUN | TPUSIM_CLI_SHRINK,                      \
	  "run (shrink) schedule K only")                                                           \
	X(shard, "--shard", "", "i/N", TPUSIM_CLI_RUN | TPUSIM_CLI_CHECK | TPUSIM_CLI_LIST,         \
	  "only every N-th file starting at i, 0-based (i = 0..N-1); 'auto' reads the CI's "        \
	  "variables: GitLab CI_NODE_INDEX/CI_NODE_TOTAL (1-based), CircleCI "                      \
	  "CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, Buildkite "                                         \
	  "BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT (0-based)")                          \
	X(jobs, "--jobs", "-j", "N", TPUSIM_CLI_RUN, "runs in parallel, each in its own process")  \
	X(junit, "--junit", "", "FILE", TPUSIM_CLI_RUN, "write a JUnit XML report")                 \
	X(trace, "--trace", "", "FILE", TPUSIM_CLI_RUN | TPUSIM_CLI_MODEL | TPUSIM_CLI_PMU,         \
	  "write a Chrome/Perfetto JSON trace (run: one per run, FILE.<scenario>.s<k>.json; "       \
	  "model: FILE; pmu: the records on TIU and TDMA load/store/move tracks)")                 \
	X(vcd, "--vcd", "", "FILE", TPUSIM_CLI_RUN, "write the model's signals as a VCD")           \
	X(regs, "--regs", "", "LIST", TPUSIM_CLI_RUN | TPUSIM_CLI_SHRINK,                           \
	  "register blocks: cpp or rtl (overrides the scenarios' platform), or cpp,rtl: run "      \
	  "each scenario on both and fail where the runs differ, naming the first register "      \
	  "access that did")                                                                        \
	X(driver, "--driver", "", "LIST", TPUSIM_CLI_RUN | TPUSIM_CLI_SHRINK | TPUSIM_CLI_CLIENT,   \
	  "the TPU driver: project or vendor (overrides the scenarios' platform; a run on the "    \
	  "driver this program does not host goes to the program that does, tpusim or "            \
	  "tpusim-vendor next to it), or project,vendor: run each scenario on both and report "    \
	  "where what the user saw differs (each thread's calls and their results, findings, "     \
	  "verdict; docs/vendor-driver.md)")                                                        \
	X(result_fd, "--result-fd", "", "N", TPUSIM_CLI_RUN,                                        \
	  "internal: run one schedule (--schedule K) of one scenario file and write its result "   \
	  "to the open file descriptor N: how a run reaches the program that hosts its driver")   \
	X(reg_log, "--reg-log", "", "FILE", TPUSIM_CLI_RUN,                                         \
	  "internal, with --result-fd: where a --regs cpp,rtl run keeps its register accesses")     \
	X(timing_only, "--timing-only", "", "", TPUSIM_CLI_RUN,                                     \
	  "no data computed: descriptors take their modelled time, ids and errors (timing "        \
	  "studies); the checkers that judge data are off and the verdict says so")                 \
	X(rtl_trace, "--rtl-trace", "", "FILE", TPUSIM_CLI_RUN,                                     \
	  "with RTL register blocks: their waveforms, FILE.<block>.vcd (per run like --trace)")     \
	X(disable_checker, "--disable-checker", "", "NAME", TPUSIM_CLI_RUN | TPUSIM_CLI_SHRINK | TPUSIM_CLI_CLIENT, \
	  "test-only: ignore that checker's findings (proves a proof depends on it)")               \
	X(coverage, "--coverage", "", "", TPUSIM_CLI_RUN, "print functional coverage after the summary") \
	X(coverage_check, "--coverage-check", "", "", TPUSIM_CLI_RUN,                               \
	  "with --coverage: fail when reachable coverage is below the goal or a bin listed "        \
	  "unreachable was hit (docs/coverage.md)")                                                  \
	X(quiet, "--quiet", "", "", TPUSIM_CLI_RUN, "print only the summary")                       \
	X(replay, "--replay", "", "FILE", TPUSIM_CLI_RUN, "run exactly the schedule in a replay file") \
	X(fail_nth, "--fail-nth", "", "K", TPUSIM_CLI_RUN,                                          \
	  "fail the K-th injectable call of each run (kernel allocation, lock, wait queue, "        \
	  "completion or thread creation, request_irq, DMA allocation, fd, mapping) and judge the " \
	  "run by the machine-level checkers only (docs/fault-injection.md)")                       \
	X(fail_each, "--fail-each", "", "", TPUSIM_CLI_RUN,                                         \
	  "per scenario: a clean run counts its injectable calls (n), then one run per K = "         \
	  "1..min(n, --fail-budget) with --fail-nth K; prints the points tried, the failures and "  \
	  "the command that replays each")                                                          \
	X(fail_budget, "--fail-budget", "", "N", TPUSIM_CLI_RUN,                                    \
	  "with --fail-each: at most N injected runs per scenario, K = 1..N (default: all)")        \
	X(output, "--output", "-o", "FILE", TPUSIM_CLI_SHRINK,                                      \
	  "where shrink writes the replay (default <scenario>.replay)")                             \
	X(cmake, "--cmake", "", "", TPUSIM_CLI_LIST,                                                \
	  "print add_test() lines: every scenario, proof and checker-off test")                     \
	X(bin_dir, "--bin-dir", "", "DIR", TPUSIM_CLI_LIST,                                         \
	  "with --cmake: where tpusim and tests/mutants/tpusim-<mutant> are")                       \
	X(check, "--check", "", "", TPUSIM_CLI_DOCS, "exit 1 naming each stale table")              \
	X(write, "--write", "", "", TPUSIM_CLI_DOCS, "rewrite the stale tables in place")           \
	X(input, "--input", "", "NAME=FILE|random|zeros", TPUSIM_CLI_MODEL,                         \
	  "an input tensor's bytes: a raw file of exactly its size, random (seeded) or zeros; "    \
	  "random|zeros alone applies to every input (default: random); repeatable")               \
	X(compare, "--compare", "", "", TPUSIM_CLI_MODEL,                                           \
	  "run each model file given (one process each) and compare its simulated inference time, " \
	  "plus the host overhead per call, with its published figure; exit 1 when a ratio is "    \
	  "outside +-15 % (docs/timing.md)")                                                        \
	X(figures, "--figures", "", "CSV", TPUSIM_CLI_MODEL,                                        \
	  "with --compare: the published figures (default: bench/silicon_figures.csv of the source " \
	  "tree)")                                                                                  \
	X(output_dir, "--output-dir", "", "DIR", TPUSIM_CLI_MODEL,                                  \
	  "write every output tensor as a raw file DIR/<name>.bin")                                 \
	X(save_inputs, "--save-inputs", "", "FILE.npz", TPUSIM_CLI_MODEL,                           \
	  "write the input bytes the run used as a .npz that the vendor's model_runner -i copies "  \
	  "unchanged into its input tensors; --input FILE.npz reads one back (docs/models.md)")     \
	X(npz_out, "--npz-out", "", "FILE.npz", TPUSIM_CLI_MODEL,                                   \
	  "write the outputs as a .npz byte-identical to what model_runner -o writes for the same " \
	  "outputs (docs/models.md)")                                                               \
	X(iterations, "--iterations", "", "N", TPUSIM_CLI_MODEL, "run the model N times (default 1)") \
	X(processes, "--processes", "", "P", TPUSIM_CLI_MODEL,                                      \
	  "P applications run the model at once, each with its own devices, buffers and "          \
	  "iterations (default 1)")                                                                 \
	X(ops, "--ops", "", "", TPUSIM_CLI_MODEL | TPUSIM_CLI_CLIENT,                               \
	  "after the run, the TIU operations (tsk_typ/eu_typ) and TDMA modes (direction and what "  \
	  "the kernels did) its descriptors used, each with how many were computed and how many "   \
	  "only timed (model: per run)")                                                            \
	X(ops_all, "--ops-all", "", "", TPUSIM_CLI_MODEL | TPUSIM_CLI_CLIENT,                       \
	  "with --ops: also the operations and modes no descriptor used, as zero rows (the "        \
	  "universe of docs/clients-coverage.md)")                                                  \
	X(layers, "--layers", "", "", TPUSIM_CLI_MODEL,                                             \
	  "print a table per compiler layer (the descriptors' layer ids): descriptors, start, "    \
	  "span and each engine's busy time")                                                       \
	X(reference, "--reference", "", "", TPUSIM_CLI_MODEL,                                       \
	  "also replay every descriptor through the kernels and the independent reference, "       \
	  "compare memory after each, and report the first mismatching byte")                       \
	X(pmu, "--pmu", "", "[FILE.bin]", TPUSIM_CLI_MODEL,                                         \
	  "run with the PMU on (a PMU buffer after each command buffer, sized as the vendor "       \
	  "runtime does) and print its summary per routine; with a next argument ending in .bin, "  \
	  "also write the raw buffer there (docs/pmu.md)")                                          \
	X(clock, "--clock", "", "MHz", TPUSIM_CLI_PMU,                                              \
	  "the TPU clock the records' ticks count (default: the model's, 500)")                    \
	X(fail_on, "--fail-on", "", "REGEX", TPUSIM_CLI_CLIENT,                                     \
	  "the client fails when a line of its output matches REGEX (extended, any case), even "    \
	  "with exit status 0 (the vendor's operator tests: 'fail|error at index')")

namespace tpusim::cli {

enum class Command {
#define TPUSIM_X(id, ...) id,
	TPUSIM_CLI_COMMANDS(TPUSIM_X)
#undef TPUSIM_X
};

enum class Option {
#define TPUSIM_X(id, ...) id,
	TPUSIM_CLI_OPTIONS(TPUSIM_X)
#undef TPUSIM_X
};

struct Args {
	Command cmd = Command::run;
	std::vector<std::string> paths;
	std::set<Option> given;
	uint64_t seed = 0;
	unsigned schedules = 1;
	int schedule = -1;
	unsigned shard_i = 0, shard_n = 1;
	unsigned jobs = 1;
	std::string junit, trace, vcd, replay, out, bin_dir;
	std::set<Checker> disabled;
	std::vector<int> regs;   // RegImpl values; empty: each scenario's own
	std::vector<std::string> drivers;   // platform `driver` words; empty: each scenario's own
	int result_fd = -1;      // --result-fd: a handed-over run (runs.cpp)
	std::string reg_log;     // --reg-log
	std::string rtl_trace;
	std::string figures;     // model --compare --figures CSV
	uint64_t fail_nth = 0;       // --fail-nth K (0: off)
	uint64_t fail_budget = 0;    // --fail-budget N (0: every injectable call)
	std::vector<std::string> inputs;   // --input values, in order
	std::string output_dir;
	std::string save_inputs;           // --save-inputs FILE.npz
	std::string npz_out;               // --npz-out FILE.npz
	unsigned iterations = 1;
	unsigned processes = 1;
	std::string pmu_out;               // --pmu FILE.bin ("" : summary only)
	unsigned clock_mhz = 0;            // --clock (0: not given)
	std::string fail_on;               // client --fail-on
	std::vector<std::string> client_args;   // client: the program's own arguments
	bool has(Option o) const { return given.count(o) != 0; }
};

// Parse argv; on a mistake, returns false with `error` saying what is wrong
// (empty when the usage text alone is the answer: no command at all).
bool parse_args(int argc, char **argv, Args &a, std::string &error);
// The usage text, from the tables.
std::string usage_text();

} // namespace tpusim::cli

#endif
