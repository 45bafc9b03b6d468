// SPDX-License-Identifier: Apache-2.0
//
// event_log.h - everything a run did, in simulated-time order, for the
// trace writers and the determinism hash.
//
// Tracks are named lanes of the timeline: "app/main" (a user thread),
// "kernel/tpu_worker", "irq/76", "engine/tdma", "engine/tiu".  A job is
// followed across tracks by its flow id (submit on the user track, the
// descriptors on the engine tracks, the WAIT that returned it).
#ifndef TPUSIM_REPORT_EVENT_LOG_H
#define TPUSIM_REPORT_EVENT_LOG_H

#include <cstdint>
#include <string>
#include <vector>

namespace tpusim {

struct TraceEvent {
	enum class Kind { span, instant, counter } kind = Kind::span;
	uint64_t ts_ps = 0;       // start
	uint64_t dur_ps = 0;      // spans
	std::string track;
	std::string name;
	std::string args;         // "key=value key=value"
	uint64_t flow = 0;        // job flow id, 0 = none
	double value = 0;         // counters
};

class EventLog {
public:
	void add(TraceEvent e)
	{
		hash_step(e);
		if (keep)
			events_.push_back(std::move(e));
	}
	const std::vector<TraceEvent> &events() const { return events_; }
	// FNV-1a over every event as it was added: equal for identical runs.
	uint64_t hash() const { return hash_; }
	bool keep = false;        // store events (for a trace file), not only hash them

private:
	void hash_step(const TraceEvent &e)
	{
		auto mix = [this](const void *p, size_t n) {
			const auto *b = static_cast<const unsigned char *>(p);
			for (size_t i = 0; i < n; i++) {
				hash_ ^= b[i];
				hash_ *= 1099511628211ull;
			}
		};
		mix(&e.kind, sizeof(e.kind));
		mix(&e.ts_ps, sizeof(e.ts_ps));
		mix(&e.dur_ps, sizeof(e.dur_ps));
		mix(e.track.data(), e.track.size());
		mix(e.name.data(), e.name.size());
		mix(e.args.data(), e.args.size());
		mix(&e.flow, sizeof(e.flow));
	}

	std::vector<TraceEvent> events_;
	uint64_t hash_ = 1469598103934665603ull;
};

} // namespace tpusim

#endif
