// SPDX-License-Identifier: Apache-2.0
//
// trace_writer.cpp - Chrome trace-event JSON.
#include "trace_writer.h"

#include <cstdio>
#include <map>
#include <string>

namespace tpusim {

static std::string json_str(const std::string &s)
{
	std::string o = "\"";
	for (char c : s) {
		if (c == '"' || c == '\\')
			o += '\\', o += c;
		else if (static_cast<unsigned char>(c) < 0x20)
			o += ' ';
		else
			o += c;
	}
	return o + "\"";
}

bool write_chrome_trace(const std::string &path, const std::string &title, const EventLog &log)
{
	FILE *f = fopen(path.c_str(), "w");
	std::map<std::string, int> tids;

	if (!f)
		return false;
	for (const auto &e : log.events())
		tids.emplace(e.track, 0);
	int n = 1;
	for (auto &kv : tids)
		kv.second = n++;

	fprintf(f, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"scenario\":%s},\"traceEvents\":[\n",
		json_str(title).c_str());
	bool first = true;
	auto sep = [&]() {
		if (!first)
			fputs(",\n", f);
		first = false;
	};
	for (const auto &kv : tids) {
		sep();
		fprintf(f, "{\"ph\":\"M\",\"pid\":1,\"tid\":%d,\"name\":\"thread_name\",\"args\":{\"name\":%s}}",
			kv.second, json_str(kv.first).c_str());
	}
	std::map<uint64_t, int> flow_seen;
	for (const auto &e : log.events()) {
		double ts = e.ts_ps / 1e6;  // microseconds
		int tid = tids[e.track];

		sep();
		switch (e.kind) {
		case TraceEvent::Kind::span:
			fprintf(f, "{\"ph\":\"X\",\"pid\":1,\"tid\":%d,\"ts\":%.6f,\"dur\":%.6f,\"name\":%s,"
				"\"args\":{\"info\":%s}}", tid, ts, e.dur_ps / 1e6,
				json_str(e.name).c_str(), json_str(e.args).c_str());
			break;
		case TraceEvent::Kind::instant:
			fprintf(f, "{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":%d,\"ts\":%.6f,\"name\":%s}",
				tid, ts, json_str(e.name).c_str());
			break;
		case TraceEvent::Kind::counter:
			fprintf(f, "{\"ph\":\"C\",\"pid\":1,\"ts\":%.6f,\"name\":%s,\"args\":{\"value\":%g}}",
				ts, json_str(e.name).c_str(), e.value);
			break;
		}
		if (e.flow && e.kind == TraceEvent::Kind::span) {
			const char *ph = flow_seen[e.flow]++ ? "t" : "s";
			sep();
			fprintf(f, "{\"ph\":\"%s\",\"id\":%llu,\"pid\":1,\"tid\":%d,\"ts\":%.6f,\"name\":\"job\","
				"\"cat\":\"job\",\"bp\":\"e\"}", ph, (unsigned long long)e.flow, tid, ts);
		}
	}
	fputs("\n]}\n", f);
	return fclose(f) == 0;
}

} // namespace tpusim
