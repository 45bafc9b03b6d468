// SPDX-License-Identifier: Apache-2.0
//
// vocab.cpp - the lookups over the checker, errno and ioctl tables.
#include "checkers.h"
#include "errnos.h"
#include "ioctls.h"

namespace tpusim {

const std::vector<CheckerInfo> &checkers()
{
	static const std::vector<CheckerInfo> rows = {
#define TPUSIM_X(id, name, layer, when, proof) {Checker::id, name, CheckerLayer::layer, when, proof},
		TPUSIM_CHECKERS(TPUSIM_X)
#undef TPUSIM_X
	};
	return rows;
}

const char *checker_name(Checker c)
{
	return checkers()[static_cast<size_t>(c)].name;
}

bool checker_by_name(const std::string &name, Checker &out)
{
	for (const auto &c : checkers())
		if (name == c.name) {
			out = c.id;
			return true;
		}
	return false;
}

const std::vector<std::string> &checker_names()
{
	static const std::vector<std::string> names = [] {
		std::vector<std::string> v;
		for (const auto &c : checkers())
			v.push_back(c.name);
		return v;
	}();
	return names;
}

namespace {

struct ErrnoRow {
	const char *name;
	int value;
};

const ErrnoRow kErrnos[] = {
#define TPUSIM_X(e) {#e, e},
	TPUSIM_ERRNOS(TPUSIM_X)
#undef TPUSIM_X
};

} // namespace

int errno_by_name(std::string name)
{
	if (!name.empty() && name[0] == '-')
		name.erase(0, 1);
	for (const auto &e : kErrnos)
		if (name == e.name)
			return e.value;
	return 0;
}

std::string errno_name(int err)
{
	for (const auto &e : kErrnos)
		if (e.value == err)
			return e.name;
	return "E" + std::to_string(err);
}

std::string rc_text(long rc)
{
	return rc < 0 ? "-" + errno_name(static_cast<int>(-rc)) : std::to_string(rc);
}

const std::vector<std::string> &errno_names()
{
	static const std::vector<std::string> names = [] {
		std::vector<std::string> v;
		for (const auto &e : kErrnos)
			v.push_back(e.name);
		return v;
	}();
	return names;
}

const std::vector<IoctlInfo> &ioctls()
{
	static const std::vector<IoctlInfo> rows = {
#define TPUSIM_X(name, cmd, dev) {#name, static_cast<unsigned>(cmd), #dev},
		TPUSIM_IOCTLS(TPUSIM_X)
#undef TPUSIM_X
	};
	return rows;
}

const char *ioctl_name(unsigned cmd)
{
	for (const auto &i : ioctls())
		if (i.cmd == cmd)
			return i.name;
	return "other";
}

bool ioctl_by_name(const std::string &name, unsigned &cmd)
{
	for (const auto &i : ioctls())
		if (name == i.name) {
			cmd = i.cmd;
			return true;
		}
	return false;
}

const std::vector<std::string> &ioctl_names()
{
	static const std::vector<std::string> names = [] {
		std::vector<std::string> v;
		for (const auto &i : ioctls())
			v.push_back(i.name);
		return v;
	}();
	return names;
}

} // namespace tpusim
