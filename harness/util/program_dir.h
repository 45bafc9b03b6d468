// SPDX-License-Identifier: Apache-2.0
//
// program_dir.h - the folder of the running program, for finding what the
// build puts next to it (tpusim-vendor beside tpusim, clients/ beside
// harness/).
#ifndef TPUSIM_PROGRAM_DIR_H
#define TPUSIM_PROGRAM_DIR_H

#include <string>
#include <unistd.h>

namespace tpusim {

// "/path/to/build/harness" (no trailing slash), or "." when it cannot be read.
inline std::string program_dir()
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return ".";
	std::string p(self, static_cast<size_t>(n));
	return p.substr(0, p.rfind('/'));
}

} // namespace tpusim

#endif
