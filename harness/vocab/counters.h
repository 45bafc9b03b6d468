// SPDX-License-Identifier: Apache-2.0
//
// counters.h - what a scenario can count at the end of a run, defined once.
//
// One row per counter: X(id, "name", "meaning").  A scenario bounds them
// under expect.counters (`irq.tdma.dropped: 1`, `tdma.errors: {min: 1}`);
// a value outside its bounds is a `counter` finding.  From the table come
// the loader's names and messages and the Counters table of
// docs/scenarios.md; where each value is read is its case in counter_value
// (harness/scenario/counters.cpp), a switch over Counter.
#ifndef TPUSIM_VOCAB_COUNTERS_H
#define TPUSIM_VOCAB_COUNTERS_H

#define TPUSIM_IRQ_COUNTERS(X, line)                                                                \
	X(irq_##line##_registered, "irq." #line ".registered",                                       \
	  "1 when the driver holds the " #line " interrupt line at the end of the run, else 0")     \
	X(irq_##line##_delivered, "irq." #line ".delivered", "handler runs on the " #line " line")    \
	X(irq_##line##_handled, "irq." #line ".handled",                                             \
	  "handler runs on the " #line " line that returned IRQ_HANDLED")                            \
	X(irq_##line##_dropped, "irq." #line ".dropped",                                             \
	  "interrupts on the " #line " line lost by a `drop_irq` fault")                              \
	X(irq_##line##_spurious, "irq." #line ".spurious",                                           \
	  "handler runs on the " #line " line while the device line was low")

#define TPUSIM_COUNTERS(X)                                                                          \
	TPUSIM_IRQ_COUNTERS(X, tdma)                                                                \
	TPUSIM_IRQ_COUNTERS(X, tiu)                                                                 \
	X(tdma_descriptors, "tdma.descriptors", "descriptors the TDMA engine completed")            \
	X(tdma_errors, "tdma.errors", "TDMA runs that ended with an error status")                  \
	X(tiu_descriptors, "tiu.descriptors", "descriptors the TIU engine completed")               \
	X(tiu_errors, "tiu.errors", "TIU runs that ended with an error status")                     \
	X(tiu_timed_only, "tiu.timed_only", "TIU descriptors timed but not computed")

namespace tpusim {

enum class Counter {
#define TPUSIM_X(id, name, meaning) id,
	TPUSIM_COUNTERS(TPUSIM_X)
#undef TPUSIM_X
};

struct CounterInfo {
	const char *key;
	const char *meaning;
	unsigned flags;    // none yet (Table::keys_with)
};

} // namespace tpusim

#endif
