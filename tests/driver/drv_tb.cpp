// SPDX-License-Identifier: Apache-2.0
//
// drv_tb.cpp - the integration test helpers.
#include "drv_tb.h"

#include "ck_host.h"

namespace tpusim {

size_t log_count(Host &h, const std::string &text, const std::string &also2)
{
	size_t n = 0;

	for (const auto &l : h.os.log_lines())
		n += l.level >= OSAL_LOG_WARN && l.text.find(text) != std::string::npos &&
		     l.text.find(also2) != std::string::npos;
	return n;
}

size_t findings_with(Host &h, Checker c, std::initializer_list<std::string> texts)
{
	size_t n = 0;

	for (const auto &f : h.os.findings().list()) {
		bool all = f.id == c;

		for (const auto &t : texts)
			all = all && f.message.find(t) != std::string::npos;
		n += all;
	}
	return n;
}

SimThread *user_thread(Host &h, Process *p, const std::string &name, std::function<void()> body)
{
	return h.thread(p, name, [body]() {
		body();
		return 0;
	});
}

SimThread *app_main(Host &h, std::function<void()> body)
{
	return user_thread(h, h.process("app"), "main", std::move(body));
}

void run_clean(Host &h)
{
	bool clean = h.run();

	ck_assert_clean(h, clean);
}

void run_clean_app(std::function<void()> body, const HostConfig &cfg)
{
	Host h(cfg);

	app_main(h, std::move(body));
	run_clean(h);
}

} // namespace tpusim
