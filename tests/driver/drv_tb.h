// SPDX-License-Identifier: Apache-2.0
//
// drv_tb.h - helpers for the driver integration suites: a whole machine
// (tpusim::Host) per test, user-side jobs with data checked against a host
// reference (TestJob, harness/testkit), the driver's log.
#ifndef TPUSIM_TESTS_DRV_TB_H
#define TPUSIM_TESTS_DRV_TB_H

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>

#include "dma_alloc.h"
#include "host.h"
#include "sim_time.h"
#include "test_job.h"
#include "tpu/hx_sys.h"

namespace tpusim {

// Count of driver log lines at >= WARN containing text (and also2 when
// given).
size_t log_count(Host &h, const std::string &text, const std::string &also2 = "");

// Findings of checker c whose message holds every one of texts.
size_t findings_with(Host &h, Checker c, std::initializer_list<std::string> texts = {});

// body on a user thread of p named name (exit code 0).
SimThread *user_thread(Host &h, Process *p, const std::string &name, std::function<void()> body);

// body on thread "main" of a new process "app" of h.
SimThread *app_main(Host &h, std::function<void()> body);

// Runs h; the run must end without findings.
void run_clean(Host &h);

// body as app_main() runs it, on a Host of cfg; the run must end without
// findings.
void run_clean_app(std::function<void()> body, const HostConfig &cfg = HostConfig());

} // namespace tpusim

#endif
