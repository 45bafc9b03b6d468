// SPDX-License-Identifier: Apache-2.0
//
// vocab.cpp - the scenario vocabularies (harness/vocab) as tables indexed by
// the enums scenario.h expands from the same X-macros.
#include "scenario.h"

#include <sstream>

namespace tpusim::scn {

const Table<Step::Kind, StepInfo> &step_table()
{
	static const Table<Step::Kind, StepInfo> t = {
#define TPUSIM_X(id, key, flags, arg, does) {Step::Kind::id, {key, flags, arg, does}},
		TPUSIM_STEPS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<Fault::Kind, FaultInfo> &fault_table()
{
	static const Table<Fault::Kind, FaultInfo> t = {
#define TPUSIM_X(id, key, flags, arg, effect) {Fault::Kind::id, {key, flags, arg, effect}},
		TPUSIM_FAULTS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<Trigger::Kind, TriggerInfo> &trigger_table()
{
	static const Table<Trigger::Kind, TriggerInfo> t = {
#define TPUSIM_X(id, key, flags, subject, when) {Trigger::Kind::id, {key, flags, subject, when}},
		TPUSIM_TRIGGERS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<Trigger::Qualifier, TriggerQualifierInfo> &trigger_qualifier_table()
{
	static const Table<Trigger::Qualifier, TriggerQualifierInfo> t = {
#define TPUSIM_X(id, key, flags, arg, meaning) {Trigger::Qualifier::id, {key, flags, arg, meaning}},
		TPUSIM_TRIGGER_QUALIFIERS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<Op::Kind, OpInfo> &op_table()
{
	static const Table<Op::Kind, OpInfo> t = {
#define TPUSIM_X(id, key, tiu_op, flags, meaning) {Op::Kind::id, {key, tiu_op, flags, meaning}},
		TPUSIM_OPS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

std::vector<std::string> platform_choices(const PlatformInfo &p)
{
	std::vector<std::string> w;
	std::istringstream in(p.choices);
	std::string s;

	while (in >> s)
		w.push_back(s);
	return w;
}

const std::vector<std::string> &driver_words()
{
	static const std::vector<std::string> words = platform_choices(platform_table()[PlatformKey::driver]);
	return words;
}

const Table<PlatformKey, PlatformInfo> &platform_table()
{
	static const Table<PlatformKey, PlatformInfo> t = {
#define TPUSIM_X(id, key, type, lo, hi, choices, meaning)                                           \
	{PlatformKey::id, {key, PlatformType::type, lo, hi, choices, meaning, 0}},
		TPUSIM_PLATFORM(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<Counter, CounterInfo> &counter_table()
{
	static const Table<Counter, CounterInfo> t = {
#define TPUSIM_X(id, key, meaning) {Counter::id, {key, meaning, 0}},
		TPUSIM_COUNTERS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const Table<BuildFlag, BuildFlagInfo> &build_flag_table()
{
	static const Table<BuildFlag, BuildFlagInfo> t = {
#define TPUSIM_X(id, key, rt, breaks) {BuildFlag::id, {key, rt, breaks, 0}},
		TPUSIM_BUILD_FLAGS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

} // namespace tpusim::scn
