// SPDX-License-Identifier: Apache-2.0
//
// vocab.cpp - the lookups over the checker, errno and ioctl tables.
#include "checkers.h"
#include "errnos.h"
#include "ioctls.h"

namespace tpusim {

const Table<Checker, CheckerInfo> &checker_table()
{
	static const Table<Checker, CheckerInfo> t = {
#define TPUSIM_X(id, name, layer, flags, when, proof)                                              \
	{Checker::id, {name, CheckerLayer::layer, when, proof, flags}},
		TPUSIM_CHECKERS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const char *checker_name(Checker c)
{
	return checker_table()[c].key;
}

bool checker_by_name(const std::string &name, Checker &out)
{
	const auto *row = checker_table().find(name);
	if (row)
		out = row->kind;
	return row != nullptr;
}

const std::vector<std::string> &checker_names()
{
	return checker_table().keys();
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

const Table<Ioctl, IoctlInfo> &ioctl_table()
{
	static const Table<Ioctl, IoctlInfo> t = {
#define TPUSIM_X(name, cmd, dev, arg) {Ioctl::name, {#name, static_cast<unsigned>(cmd), #dev, arg}},
		TPUSIM_IOCTLS(TPUSIM_X)
#undef TPUSIM_X
	};
	return t;
}

const IoctlInfo *ioctl_info(unsigned cmd)
{
	for (const auto &row : ioctl_table().rows())
		if (row.info.cmd == cmd)
			return &row.info;
	return nullptr;
}

const char *ioctl_name(unsigned cmd)
{
	const IoctlInfo *i = ioctl_info(cmd);
	return i ? i->key : "other";
}

bool ioctl_by_name(const std::string &name, unsigned &cmd)
{
	const auto *row = ioctl_table().find(name);
	if (row)
		cmd = row->info.cmd;
	return row != nullptr;
}

const std::vector<std::string> &ioctl_names()
{
	return ioctl_table().keys();
}

} // namespace tpusim
