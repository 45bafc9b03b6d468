// SPDX-License-Identifier: Apache-2.0
//
// faults.h - the faults a scenario can inject, defined once.
//
// One row per fault: X(id, "key", flags, "argument", "effect").  From it come
// `Fault::Kind` (scenario.h), the loader's accepted keys and messages, the
// fault's name in traces, and the Faults table of docs/scenarios.md.  How
// the argument is read is the fault's case in load_fault (load_faults.cpp),
// what it does its case in apply_fault (faults.cpp); both switch over
// Fault::Kind, so -Wswitch names the case a new row still lacks.
#ifndef TPUSIM_VOCAB_FAULTS_H
#define TPUSIM_VOCAB_FAULTS_H

// The fault acts when the drivers are probed: only as a timed fault at 0,
// armed before boot.
#define TPUSIM_FAULT_AT_BOOT 1u

#define TPUSIM_FAULTS(X)                                                                            \
	X(drop_irq, "drop_irq", 0, "count 1..10^6", "The next `count` TDMA interrupts are lost.")  \
	X(spurious_irq, "spurious_irq", 0, "`true`", "The TDMA handler runs once with the line low.") \
	X(stuck_irq, "stuck_irq", 0, "`true`",                                                      \
	  "The TDMA status can no longer be cleared (stuck-at).")                                   \
	X(hang, "hang", 0, "`{engine: tdma \\| tiu, for: DURATION \\| forever}`",                   \
	  "The engine makes no progress for that long (`forever`: until it is reset). `for` must "  \
	  "be > 0.")                                                                                \
	X(tdma_status, "tdma_status", 0, "`buserr`, `decerr`, `zero` or bits 0x1..0xffff",          \
	  "Sets those TDMA interrupt status bits now (names from `regs/tdma.yaml`).")               \
	X(engine_error, "engine_error", 0, "`{engine: tdma \\| tiu, bit: NAME}`",                  \
	  "The engine's descriptor in flight (else its next one) ends with that status bit, as if " \
	  "its own execution had raised it: the engine stops or goes on, raises the status and "     \
	  "the line as it does for that bit. `bit`: for tdma a value of `INT_MASK.STATUS`, for tiu " \
	  "a write-1-to-clear field of `BD_CTRL` (names from `regs/*.yaml`).")                     \
	X(slow_dram, "slow_dram", 0, "factor 1..10^6",                                              \
	  "DRAM transfer times are multiplied by `factor`.")                                        \
	X(fail_alloc, "fail_alloc", 0, "count 1..10^6", "The next `count` DMA allocations fail.")  \
	X(misalign_alloc, "misalign_alloc", 0, "count 1..10^6",                                     \
	  "The next `count` DMA allocations start 64 bytes past a page boundary (breaks the "       \
	  "allocator's contract on purpose: the driver must refuse such a command buffer).")        \
	X(fail_kzalloc, "fail_kzalloc", 0, "count 1..10^6",                                         \
	  "The next `count` kernel allocations fail.")                                              \
	X(fail_request_irq, "fail_request_irq", TPUSIM_FAULT_AT_BOOT, "count 1..10^6",              \
	  "The next `count` request_irq calls fail.")                                               \
	X(fail_kthread, "fail_kthread", TPUSIM_FAULT_AT_BOOT, "count 1..10^6",                      \
	  "The next `count` kernel thread creations fail (the driver's worker: probe must fail "    \
	  "cleanly).")                                                                              \
	X(signal, "signal", 0, "`\"process/thread\"`",                                              \
	  "Interrupts that thread (every replica; `\"app.1/worker.3\"` for one): its waits return " \
	  "-EINTR.")                                                                                \
	X(corrupt_output, "corrupt_output", 0, "`{seq: VALUE, thread: \"process/thread\"}`",        \
	  "Flips the first byte of the first output of the job instance with that seq_no: in a "    \
	  "step, of the stepping thread's instance (unless `thread` is given); timed, of every "    \
	  "thread's instance with that seq_no (or `thread`'s). Timed faults have no variables.")

namespace tpusim {

struct FaultInfo {
	const char *key;
	unsigned flags;
	const char *argument;
	const char *effect;
};

} // namespace tpusim

#endif
