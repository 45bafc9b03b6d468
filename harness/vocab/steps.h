// SPDX-License-Identifier: Apache-2.0
//
// steps.h - the actions a scenario thread's step may take, defined once.
//
// One row per action: X(id, "key", flags, "argument", "does").  From it come
// `Step::Kind` (scenario.h), the loader's accepted keys and its "expected one
// of" messages, which steps take `expect`, `as` or `retries`, the step name
// in traces and failures, and the Steps table of docs/scenarios.md.  What an
// action does is the case of its id in the loader (load_steps.cpp) and the
// interpreter (steps.cpp): both switch over Step::Kind, so -Wswitch names
// the case a new row still lacks.
#ifndef TPUSIM_VOCAB_STEPS_H
#define TPUSIM_VOCAB_STEPS_H

// Flags: the step takes an `expect`; `as: VAR` names the fd it makes;
// `retries` repeats it while it times out.
#define TPUSIM_STEP_EXPECT 1u
#define TPUSIM_STEP_AS 2u
#define TPUSIM_STEP_RETRIES 4u

#define TPUSIM_STEPS(X)                                                                             \
	X(open, "open", TPUSIM_STEP_EXPECT | TPUSIM_STEP_AS,                                        \
	  "`tpu` \\| `ion` \\| an absolute path, with `as: VAR` (default: the device name; "         \
	  "required with a path)",                                                                  \
	  "Opens the device (or the file node at the path, e.g. `/proc/tpu/usage_profiling`) "      \
	  "into fd variable `VAR`.")                                                                \
	X(close, "close", TPUSIM_STEP_EXPECT, "`VAR`", "Closes that fd.")                           \
	X(dup, "dup", TPUSIM_STEP_EXPECT | TPUSIM_STEP_AS, "`VAR`, with `as: VAR2` (required)",     \
	  "`VAR2 = dup(VAR)`.")                                                                     \
	X(submit, "submit", TPUSIM_STEP_EXPECT, "`{job: JOB, seq: VALUE}`",                         \
	  "Builds a fresh instance of `JOB` (command buffer, data) and SUBMITs it with that "        \
	  "seq_no.")                                                                                \
	X(wait, "wait", TPUSIM_STEP_EXPECT | TPUSIM_STEP_RETRIES,                                   \
	  "`{seq: VALUE}`, with `retries: 0..10^6`",                                                \
	  "WAITs for that seq_no; while it returns -ETIMEDOUT, tries again up to `retries` more "   \
	  "times. With `expect: ok` the job's outputs are also compared with the host reference.")  \
	X(close_job, "close_job", TPUSIM_STEP_EXPECT, "`{seq: VALUE}`",                             \
	  "Unmaps and closes the instance's command-buffer fd (early close).")                      \
	X(free_job, "free_job", TPUSIM_STEP_EXPECT, "`{seq: VALUE}`",                               \
	  "Frees all of the instance's buffers (with `separate_data`, the data buffer too).")       \
	X(alloc, "alloc", TPUSIM_STEP_EXPECT, "`{as: VAR, size: BYTES, cached: BOOL}`",             \
	  "Allocates an ION buffer (carveout heap, `ION_IOC_ALLOC`), mmaps it and invalidates it, " \
	  "as the runtime does; `VAR` holds its fd (usable by `close`, `dup`, `free`, `ioctl` "     \
	  "`fd_ptr`).")                                                                             \
	X(free, "free", TPUSIM_STEP_EXPECT, "`VAR`",                                                \
	  "Unmaps and closes a buffer made by `alloc` (or closes the fd).")                         \
	X(sleep, "sleep", 0, "duration", "Sleeps (simulated time).")                                \
	X(barrier, "barrier", 0, "name",                                                            \
	  "Waits until every thread that uses this barrier (every replica) reaches it.")            \
	X(exit, "exit", 0, "`true`",                                                                \
	  "Fork-like process exit: every fd of the process is closed, the thread ends.")            \
	X(read, "read", TPUSIM_STEP_EXPECT, "`{fd: VAR, bytes: 1..4096, match: REGEX}`",            \
	  "read(2) of that many bytes into user memory; `expect: ok` accepts any count >= 0. "      \
	  "With `match`, a read that returns >= 0 must give bytes in which the POSIX extended "     \
	  "regular expression `REGEX` matches (`^`, `$` at line ends; `step-failed` with the text " \
	  "otherwise).")                                                                           \
	X(write, "write", TPUSIM_STEP_EXPECT, "`{fd: VAR, bytes: 1..4096}` \\| `{fd: VAR, text: STRING}`", \
	  "write(2) of that many zero bytes, or of the string's bytes (1..4096), from user memory.") \
	X(ioctl, "ioctl", TPUSIM_STEP_EXPECT,                                                      \
	  "`{fd: VAR, cmd: NAME \\| INTEGER, arg: ARG, check: CHECK}`",                              \
	  "A raw ioctl, see [Raw ioctls](#raw-ioctls).")                                            \
	X(suspend, "suspend", TPUSIM_STEP_EXPECT, "`{for: DURATION}`",                              \
	  "System sleep: calls every bound driver's suspend callback (newest device first), lets "  \
	  "`DURATION` of simulated time pass, then their resume callbacks, as Linux's "            \
	  "`/sys/power/state` does, see [System sleep](#system-sleep). The step returns the first " \
	  "failing callback's errno; after a failed suspend nothing sleeps.")                      \
	X(fault, "fault", 0, "a fault mapping (no `at`; `on` arms it)",                             \
	  "Injects the fault now, or with `on` arms it on an event, see [Faults](#faults).")        \
	X(model, "model", TPUSIM_STEP_EXPECT,                                                       \
	  "`{file: PATH, inputs: random \\| zeros, seed: S, iterations: N, seq: VALUE}`",          \
	  "Runs a compiled cvimodel as an application does (docs/models.md): its own ION buffers, " \
	  "weights, inputs, dmabufs, then SUBMIT and WAIT of every routine per iteration (seq_no "  \
	  "from `seq`, default 1000000), outputs read back. `PATH` is relative to the scenario "   \
	  "file, `${NAME}` takes an environment variable. With `expect: ok` the outputs must equal " \
	  "a serial replay of the model through the kernels (`output-mismatch`).")                 \
	X(client, "client", TPUSIM_STEP_EXPECT,                                                    \
	  "`{program: NAME \\| PATH, args: [WORD, ...], fail_on: REGEX, seed: S}`",                 \
	  "Runs a client program (a relinked user program, docs/clients.md) in this thread's "     \
	  "process until it ends: its device calls go to the simulated drivers like the other "    \
	  "steps'. `NAME` is looked up as `tpusim client` does, a `PATH` is relative to the "      \
	  "scenario file; `fail_on` fails it on a matching output line; `seed` is what its "       \
	  "`clock()` starts at. With `expect: ok` (the default) its verdict must be pass "        \
	  "(`step-failed` otherwise, with its last output lines); `expect: any` ignores it.")     \
	X(repeat, "repeat", 0, "`{count: 1..10^7, var: NAME (default i), steps: [...]}`",           \
	  "Runs the steps `count` times with `$NAME` = 0, 1, ...; nested up to 64 deep.")

namespace tpusim {

struct StepInfo {
	const char *key;
	unsigned flags;
	const char *argument;
	const char *does;
};

} // namespace tpusim

#endif
