// SPDX-License-Identifier: Apache-2.0
//
// trace_writer.h - write an EventLog as a Chrome / Perfetto JSON trace
// (chrome://tracing or ui.perfetto.dev).  Every track becomes a named
// thread; a job's events share a flow, drawn as arrows from the SUBMIT on
// the user thread through its descriptors on the engines to the WAIT that
// returned it.
#ifndef TPUSIM_REPORT_TRACE_WRITER_H
#define TPUSIM_REPORT_TRACE_WRITER_H

#include <string>

#include "event_log.h"

namespace tpusim {

// false if the file cannot be written.
bool write_chrome_trace(const std::string &path, const std::string &title, const EventLog &log);

} // namespace tpusim

#endif
