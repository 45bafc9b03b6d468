// SPDX-License-Identifier: Apache-2.0
//
// result_wire.cpp - a RunResult as text, one "key value" line per field, to
// cross the pipe from a forked run to the CLI.  Every field is named once,
// in the table below, for both directions: a field added to RunResult and
// to the table cannot be written and then dropped on reading.
#include <sstream>

#include "runner.h"

namespace tpusim::scn {

namespace {

std::string esc(const std::string &s)
{
	std::string o;
	for (char c : s)
		o += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
	return o;
}

std::string unesc(const std::string &s)
{
	std::string o;
	for (size_t i = 0; i < s.size(); i++) {
		if (s[i] == '\\' && i + 1 < s.size()) {
			o += s[i + 1] == 'n' ? '\n' : s[i + 1];
			i++;
		} else {
			o += s[i];
		}
	}
	return o;
}

// One value in each direction, by type.
void put(std::ostream &os, const std::string &v) { os << esc(v); }
void get(const std::string &text, std::string &v) { v = unesc(text); }

template <class T> void put(std::ostream &os, const T &v) { os << v; }
template <class T> void get(const std::string &text, T &v)
{
	std::istringstream is(text);
	is >> v;
}

// A list field: one line per element.
void put(std::ostream &os, const FindingOut &f) { os << f.when_s << " " << esc(f.checker) << " " << esc(f.message); }
void get(const std::string &text, FindingOut &f)
{
	std::istringstream ls(text);
	ls >> f.when_s >> f.checker;
	std::string msg;
	std::getline(ls, msg);
	f.message = unesc(msg.empty() ? msg : msg.substr(1));
}

void put(std::ostream &os, const JobStat &j)
{
	os << j.seq << " " << j.submit_s << " " << j.start_s << " " << j.end_s << " " << j.claim_s << " "
	   << esc(j.thread);
}
void get(const std::string &text, JobStat &j)
{
	std::istringstream ls(text);
	ls >> j.seq >> j.submit_s >> j.start_s >> j.end_s >> j.claim_s;
	std::string th;
	std::getline(ls, th);
	j.thread = unesc(th.empty() ? th : th.substr(1));
}

template <class T> void put(std::ostream &os, const std::vector<T> &v, const char *key)
{
	for (const T &x : v) {
		os << key << " ";
		put(os, x);
		os << "\n";
	}
}

// X(key, member): scalars.  L(key, member): lists, one line per element.
#define TPUSIM_RESULT_FIELDS(X, L)                                                                  \
	X("name", name) X("file", file) X("seed", seed) X("schedule", schedule) X("pass", pass)     \
	X("verdict", verdict) X("sim", sim_s) X("wall", wall_s) X("hash", trace_hash)               \
	X("submitted", jobs_submitted) X("completed", jobs_completed) X("descriptors", descriptors) \
	X("tdma_busy", tdma_busy_s) X("tiu_busy", tiu_busy_s) X("max_queue", max_queue)             \
	X("error", error) X("replayed", replayed) X("decisions", decisions)                         \
	X("regs", regs) X("reghash", reg_hash) X("injectable", injectable) X("fail_nth", fail_nth)  \
	X("injected", injected) X("swallowed", swallowed) X("driver", driver)                       \
	L("finding", findings) L("fired", fired) L("switch", switches) L("cov", coverage)           \
	L("job", jobs) L("outcome", outcomes)

} // namespace

std::string serialize_result(const RunResult &r)
{
	std::ostringstream os;

	os.precision(17);
#define TPUSIM_X(key, m) os << key " "; put(os, r.m); os << "\n";
#define TPUSIM_L(key, m) put(os, r.m, key);
	TPUSIM_RESULT_FIELDS(TPUSIM_X, TPUSIM_L)
#undef TPUSIM_X
#undef TPUSIM_L
	return os.str();
}

bool parse_result(const std::string &text, RunResult &r)
{
	std::istringstream is(text);
	std::string line;
	bool any = false;

	while (std::getline(is, line)) {
		size_t sp = line.find(' ');
		const std::string key = line.substr(0, sp);
		const std::string rest = sp == std::string::npos ? "" : line.substr(sp + 1);

		any = true;
#define TPUSIM_X(k, m)                                                                              \
	if (key == k) {                                                                             \
		get(rest, r.m);                                                                     \
		continue;                                                                           \
	}
#define TPUSIM_L(k, m)                                                                              \
	if (key == k) {                                                                             \
		r.m.emplace_back();                                                                 \
		get(rest, r.m.back());                                                              \
		continue;                                                                           \
	}
		TPUSIM_RESULT_FIELDS(TPUSIM_X, TPUSIM_L)
#undef TPUSIM_X
#undef TPUSIM_L
	}
	return any;
}

} // namespace tpusim::scn
