// SPDX-License-Identifier: Apache-2.0
//
// replay.h - a recorded schedule: the decision points at which the
// schedule exploration switched threads.  Written by `tpusim shrink`,
// read by `tpusim run --replay FILE` and by a scenario's `replay:` key.
//
//   # free text
//   scenario stress
//   seed 3
//   switches 120 4711
#ifndef TPUSIM_SCENARIO_REPLAY_H
#define TPUSIM_SCENARIO_REPLAY_H

#include <cstdint>
#include <string>
#include <vector>

namespace tpusim::scn {

struct Replay {
	std::string scenario;
	uint64_t seed = 0;
	bool seed_given = false;
	std::vector<uint64_t> switches;
};

// false with *err set ("line N: ...") on a malformed or unreadable file.
bool read_replay(const std::string &path, Replay &r, std::string *err);
bool write_replay(const std::string &path, const Replay &r, const std::string &comment);

} // namespace tpusim::scn

#endif
