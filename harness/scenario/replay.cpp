// SPDX-License-Identifier: Apache-2.0
//
// replay.cpp - replay files.
#include "replay.h"

#include <fstream>
#include <sstream>

namespace tpusim::scn {

bool read_replay(const std::string &path, Replay &r, std::string *err)
{
	std::ifstream in(path);
	std::string line;
	int n = 0;

	if (!in) {
		*err = "cannot read replay file " + path;
		return false;
	}
	while (std::getline(in, line)) {
		n++;
		if (line.empty() || line[0] == '#')
			continue;
		std::istringstream ls(line);
		std::string key;
		ls >> key;
		if (key == "scenario") {
			ls >> r.scenario;
		} else if (key == "seed") {
			if (!(ls >> r.seed)) {
				*err = path + ":" + std::to_string(n) + ": seed must be an integer";
				return false;
			}
			r.seed_given = true;
		} else if (key == "switches") {
			uint64_t k;
			while (ls >> k)
				r.switches.push_back(k);
			if (!ls.eof()) {
				*err = path + ":" + std::to_string(n) + ": switches must be integers";
				return false;
			}
		} else {
			*err = path + ":" + std::to_string(n) + ": unknown key '" + key + "'";
			return false;
		}
	}
	return true;
}

bool write_replay(const std::string &path, const Replay &r, const std::string &comment)
{
	std::ofstream out(path);

	out << "# " << comment << "\n";
	out << "scenario " << r.scenario << "\nseed " << r.seed << "\nswitches";
	for (uint64_t k : r.switches)
		out << " " << k;
	out << "\n";
	return static_cast<bool>(out);
}

} // namespace tpusim::scn
