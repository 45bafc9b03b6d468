// SPDX-License-Identifier: Apache-2.0
//
// drv_tb.cpp - the integration test helpers.
#include "drv_tb.h"

namespace tpusim {

size_t log_count(Host &h, const std::string &text, const std::string &also2)
{
	size_t n = 0;

	for (const auto &l : h.os.log_lines())
		n += l.level >= OSAL_LOG_WARN && l.text.find(text) != std::string::npos &&
		     l.text.find(also2) != std::string::npos;
	return n;
}

} // namespace tpusim
