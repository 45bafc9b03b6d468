// SPDX-License-Identifier: Apache-2.0
//
// checkers.h - every checker a run can fire, defined once.
//
// One row per checker: X(id, "name", layer, flags, "fires when", "proof").  From
// this table come `enum class Checker` (every emit site names a value, so a
// typo does not compile), the names a scenario may list under
// expect.findings, the coverage bins, --disable-checker's accepted names,
// and the tables of docs/checkers.md (`tpusim docs`).  The proof column
// names the scenario in scenarios/proofs/ that makes the checker fire (CTest
// runs it twice: as is, and with the checker off, which must fail).
#ifndef TPUSIM_VOCAB_CHECKERS_H
#define TPUSIM_VOCAB_CHECKERS_H

#include <string>
#include <vector>

#include "table.h"

// Where the checker looks: from outside the driver (harness/scenario), in
// the sim-OS and host (harness/os, harness/host), or in the model.
// Flags: TPUSIM_CHECKER_DATA, the checker judges data the engines compute
// (off in timing-only runs, which compute none).
#define TPUSIM_CHECKER_DATA 1u

#define TPUSIM_CHECKERS(X)                                                                          \
	X(lost_completion, "lost-completion", outside, 0,                                              \
	  "a job completed, its WAIT timed out, no drop was announced and the done list was not "   \
	  "full",                                                                                   \
	  "`lost_completion` (single-result-slot)")                                                 \
	X(wrong_thread, "wrong-thread", outside, 0,                                                    \
	  "a WAIT returns success for a job that has not completed on the hardware: another "       \
	  "thread's (or job's) result was delivered",                                               \
	  "`wrong_thread` (mutant seq-only-match)")                                                 \
	X(engine_busy_at_result, "engine-busy-at-result", outside, 0,                                  \
	  "WAIT delivers a job's result while an engine is still running, or waiting in, that "    \
	  "job's descriptors (after a failure the driver must stop the engines, by a reset, "      \
	  "before it gives the job and its buffers back)",                                          \
	  "`engine_busy_at_result` (mutant `no-reset-after-timeout`)")                             \
	X(done_list_overflow, "done-list-overflow", outside, 0,                                        \
	  "when a job completes, more finished results than the contract's bound "                  \
	  "(`TPU_SPEC_DONE_LIST_MAX`) are unclaimed and none was announced as dropped",             \
	  "`done_list_overflow` (done-list-1000)")                                                  \
	X(drop_without_warning, "drop-without-warning", outside, 0,                                    \
	  "as lost-completion, but while the done list was full: a drop happened silently",         \
	  "`drop_without_warning` (drop-silent)")                                                   \
	X(drop_without_release, "drop-without-release", outside, 0,                                    \
	  "1 ms after a drop was announced, the dropped job's command buffer (already closed by "   \
	  "the user) is still allocated",                                                           \
	  "`drop_without_release` (drop-keeps-buffer)")                                             \
	X(waiter_stuck, "waiter-stuck", outside, 0,                                                    \
	  "the simulation ran out of events with a thread inside a WAIT",                           \
	  "`waiter_stuck` (wait-no-timeout)")                                                       \
	X(output_mismatch, "output-mismatch", outside, TPUSIM_CHECKER_DATA,                                              \
	  "a job's output differs from the host reference (`harness/ref`, the element-wise "        \
	  "semantics restated independently of the model's kernels)",                               \
	  "`output_mismatch` (fault: corrupt_output)")                                              \
	X(step_failed, "step-failed", outside, 0,                                                      \
	  "a step returned something other than its `expect`, or took longer or shorter than its "   \
	  "`took` bounds (the message names file:line:col)",   \
	  "every scenario")                                                                         \
	X(counter, "counter", outside, 0,                                                              \
	  "an `expect.counters` bound does not hold at the end of the run (interrupts delivered, "  \
	  "handled, lost or spurious per line; descriptors and errors per engine)",                 \
	  "`counter` (one dropped interrupt, expected none)")                                       \
	X(log_missing, "log-missing", outside, 0,                                                      \
	  "an `expect.log_contains` text never appeared in a driver warning",                       \
	  "every scenario that lists one")                                                          \
	X(sim_time, "sim-time", outside, 0, "the run took longer than `expect.max_sim_time`, or was stopped at the simulated-time "   \
	  "cap (twice `max_sim_time`, else one hour) with work left",          \
	  "scenarios that set it")                                                                  \
	X(deadlock, "deadlock", simos, 0,                                                              \
	  "the simulation ran out of events with threads blocked; the message lists every thread "  \
	  "and what it waits on",                                                                   \
	  "`deadlock` (barriers in opposite orders)")                                               \
	X(irq_storm, "irq-storm", simos, 0,                                                            \
	  "an interrupt line stays high through 1000 handler runs in a row (the line is then "      \
	  "masked so the run ends)",                                                                \
	  "`irq_storm` (fault: stuck_irq)")                                                         \
	X(irq_deadlock, "irq-deadlock", simos, 0,                                                      \
	  "an interrupt handler spins on a lock held by the thread it interrupted",                 \
	  "no proving scenario yet")                                                                \
	X(sleep_in_atomic, "sleep-in-atomic", simos, 0,                                                \
	  "a sleeping call with a spinlock held or in interrupt context",                           \
	  "mutant `irq-mutex` (killed by `bad_inputs`)")                                            \
	X(spinlock_recursion, "spinlock-recursion", simos, 0,                                          \
	  "a thread takes a spinlock it already holds", "no proving scenario yet")                  \
	X(spinlock_unbalanced, "spinlock-unbalanced", simos, 0,                                        \
	  "a thread unlocks a spinlock it does not hold", "no proving scenario yet")                \
	X(lock_not_held, "lock-not-held", simos, 0,                                                    \
	  "a driver helper asserts a lock (`osal_spin_assert_held`) that its caller does not hold", \
	  "mutant `list-no-lock` (tests/mutants/CATALOGUE.md)")                                     \
	X(mutex_recursion, "mutex-recursion", simos, 0,                                                \
	  "a thread takes a mutex it already holds", "no proving scenario yet")                     \
	X(bad_free, "bad-free", simos, 0, "kfree of a pointer kzalloc did not return (double free?)",  \
	  "no proving scenario yet")                                                                \
	X(bad_dma_free, "bad-dma-free", simos, 0, "a DMA free of a buffer that is not allocated",      \
	  "no proving scenario yet")                                                                \
	X(bad_free_irq, "bad-free-irq", simos, 0, "free_irq of a line that was not requested",         \
	  "no proving scenario yet")                                                                \
	X(clk_unbalanced, "clk-unbalanced", simos, 0, "a clock disable without an enable",             \
	  "no proving scenario yet (no catalogued bug)")                                            \
	X(clk_leak, "clk-leak", simos, 0, "clock enable counts left at removal",                       \
	  "mutant `timeout-clk-leak` (killed by `engine_hang_recovery`)")                           \
	X(leak, "leak", simos, 0,                                                                      \
	  "after every process exited and the drivers were removed: kernel allocations, kernel "    \
	  "objects (locks, wait queues, completions, kernel threads, interrupt lines, device "      \
	  "nodes), DMA buffers or files remain",                                                    \
	  "`leak` (leak-on-claim); also `drop_without_release`; kernel objects: mutant "            \
	  "`fail-nth-probe-skips-waitq` (killed by `--fail-each`)")                                 \
	X(probe, "probe", simos, 0, "driver probe failed",                                             \
	  "`probe` (fault: fail_kthread at boot)")                                                  \
	X(mmio_bus_error, "mmio-bus-error", simos, 0,                                                  \
	  "the driver touched an undefined register or unmapped address",                           \
	  "no proving scenario yet")                                                                \
	X(dma_freed_while_mapped, "dma-freed-while-mapped", simos, 0,                                  \
	  "DMA pages are freed while a user mapping still covers them (a reference the mapping "   \
	  "holds was dropped by someone else)",                                                     \
	  "`dma_freed_while_mapped` (mutant `invld-fd-double-put`)")                               \
	X(kernel_use_after_free, "kernel-use-after-free", simos, 0,                                    \
	  "the driver reads or writes a kernel object (osal_kzalloc) after kfree: KASAN-style "    \
	  "shadow check of every driver access, with a quarantine (object, size, who allocated "   \
	  "and freed it named)",                                                                    \
	  "`kernel_use_after_free` (mutant `done-read-after-claim`)")                              \
	X(kernel_out_of_bounds, "kernel-out-of-bounds", simos, 0,                                      \
	  "the driver reads or writes outside a kernel object (its redzones, or heap memory no "   \
	  "object owns)",                                                                           \
	  "no proving scenario yet")                                                                \
	X(dma_use_after_free, "dma-use-after-free", simos, 0,                                          \
	  "a TDMA/TIU access touches pages of a DMA buffer after it was freed (engine, address, "   \
	  "buffer named)",                                                                          \
	  "`dma_use_after_free` (user frees a job's data while it is queued)")                      \
	X(wild_dma, "wild-dma", simos, 0, "a TDMA/TIU access touches pages never allocated",           \
	  "`wild_dma` (runtime bug: base_outside)")                                                 \
	X(coherence, "coherence", simos, 0,                                                            \
	  "a DMA access to a line dirty in the CPU cache, or a CPU read of a line the device "      \
	  "wrote since it was cached (cached mappings)",                                            \
	  "`coherence` (runtime bug: no_flush)")                                                    \
	X(lock_order, "lock-order", simos, 0,                                                       \
	  "a thread takes a lock while holding another in the order opposite to one seen before "   \
	  "(lockdep: the chain of lock classes and who took them first); two threads can deadlock " \
	  "even if this run did not",                                                               \
	  "mutant `lock-order-abba` (killed by `round_trip`)")                                      \
	X(irq_unsafe_lock, "irq-unsafe-lock", simos, 0,                                             \
	  "a lock taken in interrupt context is also taken with interrupts enabled (lockdep): an "  \
	  "interrupt while it is held spins forever on that CPU, whatever the timing of this run",  \
	  "mutant `irq-lock-no-irqsave` (killed by `round_trip`)")                                  \
	X(kernel_api, "kernel-api", simos, 0,                                                      \
	  "a hosted Linux driver misuses a kernel API where Linux would warn or oops (a `list_del` " \
	  "of a poisoned entry, a reference put below zero, an MMIO access outside every "          \
	  "`ioremap`, a timer or wait object used uninitialised); the run goes on",                 \
	  "`linux.check_lx_core` test `double_list_del_is_kernel_api` (a second `list_del`; "      \
	  "harness/linux, docs/vendor-driver.md)")                                      \
	X(hang, "hang", model, 0,                                                                      \
	  "an engine waited `hang_window` for the other engine's id while that engine was idle or " \
	  "waiting too; the message gives both engines' state",                                     \
	  "`hang` (runtime bug: a TDMA waits for a TIU id past the segment)")

namespace tpusim {

enum class CheckerLayer { outside, simos, model };

enum class Checker {
#define TPUSIM_X(id, ...) id,
	TPUSIM_CHECKERS(TPUSIM_X)
#undef TPUSIM_X
};

struct CheckerInfo {
	const char *key;      // the name scenarios and reports use
	CheckerLayer layer;
	const char *fires_when;
	const char *proof;
	unsigned flags;       // TPUSIM_CHECKER_*
};

// Every checker, in table order.
const Table<Checker, CheckerInfo> &checker_table();
const char *checker_name(Checker c);
// Name -> checker; false if no checker has that name.
bool checker_by_name(const std::string &name, Checker &out);
// Every name, in table order (loader messages, --disable-checker).
const std::vector<std::string> &checker_names();

} // namespace tpusim

#endif
