// SPDX-License-Identifier: Apache-2.0
//
// triggers.h - the events a fault can be armed on (`on:`), defined once.
//
// A trigger is a mapping `{KIND: SUBJECT, QUALIFIER: ..., ...}`: one kind
// key from TPUSIM_TRIGGERS, whose value names what is watched, and the
// qualifiers of TPUSIM_TRIGGER_QUALIFIERS that kind accepts (a qualifier's
// flags name the kinds it applies to; 0: every kind).  From these rows come
// `Trigger::Kind` (scenario.h), the loader's accepted keys and messages
// (load_faults.cpp) and the trigger tables of docs/scenarios.md.  What each
// kind watches is its observer callback in fault_arms.cpp.
#ifndef TPUSIM_VOCAB_TRIGGERS_H
#define TPUSIM_VOCAB_TRIGGERS_H

// The subject is an engine: `tdma` or `tiu`.
#define TPUSIM_TRIGGER_ENGINE 1u
// Counts only the descriptors of one job instance (`seq`, `thread`).
#define TPUSIM_TRIGGER_JOB 2u
// A register access, read or write (`access`).
#define TPUSIM_TRIGGER_ACCESS 4u

#define TPUSIM_TRIGGERS(X)                                                                          \
	X(descriptor, "descriptor", TPUSIM_TRIGGER_ENGINE | TPUSIM_TRIGGER_JOB, "`tdma \\| tiu`",   \
	  "The engine starts a descriptor (before executing it). With `seq`, only the descriptors " \
	  "of that job instance count: `count: 1` is the job's first descriptor on that engine.")   \
	X(engine_start, "engine_start", TPUSIM_TRIGGER_ENGINE, "`tdma \\| tiu`",                    \
	  "The engine is started: a run of descriptors begins (TDMA enabled, TIU go).")             \
	X(irq_rise, "irq_rise", TPUSIM_TRIGGER_ENGINE, "`tdma \\| tiu`",                            \
	  "The engine's interrupt line goes high.")                                                 \
	X(mmio, "mmio", TPUSIM_TRIGGER_ACCESS, "`BLOCK.REG` (`tdma.INT_MASK`; names from "          \
	  "`regs/*.yaml`)",                                                                         \
	  "A bus access to that register completes (before the accessing thread goes on).")        \
	X(in_driver, "in_driver", 0, "`\"process/thread\"`",                                        \
	  "That thread (every replica, or `\"app.1/worker.3\"`) enters the driver: an ioctl "       \
	  "system call, before the driver runs it.")

#define TPUSIM_TRIGGER_QUALIFIERS(X)                                                                \
	X(count, "count", 0, "1..10^6 (default 1)",                                                 \
	  "The fault fires on the `count`-th matching event after it was armed.")                   \
	X(from_end, "from_end", TPUSIM_TRIGGER_JOB, "1..10^6",                                      \
	  "With `seq`, instead of `count`: the job's `from_end`-th descriptor on that engine "       \
	  "counted back from its last (`1`: the last, `2`: the one before), whatever the job's "    \
	  "length; never fires when the job has fewer.")                                            \
	X(access, "access", TPUSIM_TRIGGER_ACCESS, "`read \\| write`",                              \
	  "Only accesses of that direction count (default: both).")                                 \
	X(seq, "seq", TPUSIM_TRIGGER_JOB, "VALUE",                                                  \
	  "Only that job instance's descriptors count: in a step, the stepping thread's instance "  \
	  "with that seq_no (unless `thread` is given); at top level, any thread's instance with "  \
	  "that seq_no (or `thread`'s).")                                                           \
	X(thread, "thread", TPUSIM_TRIGGER_JOB, "`\"process/thread\"`",                            \
	  "With `seq`: the instance is that thread's (every replica, or one).")

namespace tpusim {

struct TriggerInfo {
	const char *key;
	unsigned flags;
	const char *subject;
	const char *when;
};

struct TriggerQualifierInfo {
	const char *key;
	unsigned flags;      // the trigger flags of the kinds it applies to (0: all)
	const char *argument;
	const char *meaning;
};

} // namespace tpusim

#endif
